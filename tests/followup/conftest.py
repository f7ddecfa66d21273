"""Builders for efforts and measure statuses, and an analyst's client."""

import pytest
from django.contrib.auth.models import Group

from followup.models import Effort
from measures.models import Measure, MeasureStatus
from projects.models import Channel, Recipient, Region
from projects.roles import ANALYSTS


def measure(number):
    return Measure.objects.get(plan__start_year=2006, number=number)


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
        **extra,
    ):
        effort = Effort.objects.create(
            title=title,
            year=year,
            kind=kind,
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
