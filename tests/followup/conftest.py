"""Builders for efforts and measure statuses, and an analyst's client."""

import pytest
from django.contrib.auth.models import Group

from followup.models import Effort, ReportHeading
from measures.models import Measure, MeasureStatus
from projects.models import Channel, Recipient, Region
from projects.roles import ANALYSTS


def measure(number):
    return Measure.objects.get(plan__start_year=2006, number=number)


def heading_for(path):
    """The report heading "Europe > Albania" (created if need be): a region's or country's
    name makes a heading of that kind, any other text an organisation's."""
    heading = None
    for label in [part.strip() for part in path.split(">") if part.strip()]:
        region = Region.objects.filter(name=label).first()
        country = Recipient.objects.filter(name=label).first()
        kind = "region" if region else "country" if country else "organisation"
        heading, _created = ReportHeading.objects.get_or_create(
            parent=heading, label=label,
            defaults={"kind": kind, "region": region, "recipient": country},
        )  # fmt: skip
    return heading


@pytest.fixture
def make_effort(db):
    def make(
        title="Talks on trafficking",
        measures=(2,),
        year=2007,
        kind="political_dialogue",
        region=None,
        countries=(),
        organisation=None,
        projects=(),
        heading="",
        **extra,
    ):
        extra.setdefault("review_state", Effort.State.APPROVED)  # as the final report needs
        effort = Effort.objects.create(
            title=title,
            reported_in=year,
            kind=kind,
            heading=heading_for(heading),
            region=Region.objects.get(name=region) if region else None,
            organisation=Channel.objects.get(name=organisation) if organisation else None,
            **extra,
        )
        effort.measures.set([measure(number) for number in measures])
        effort.countries.set([Recipient.objects.get(name=name) for name in countries])
        effort.projects.set(projects)
        return effort

    return make


@pytest.fixture
def make_status(db):
    def make(number=1, year=2007, status="ongoing", summary=""):
        return MeasureStatus.objects.create(
            measure=measure(number), year=year, status=status, summary=summary
        )

    return make


@pytest.fixture
def analyst_client(client, django_user_model):
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    return client
