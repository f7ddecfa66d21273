"""Efforts and measure statuses: the database's constraints and the messages of clean()."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup.admin import EffortForm
from followup.models import NO_MEASURE, Effort
from measures.models import MeasureStatus

from .conftest import measure


def test_a_measure_has_one_status_per_year(make_status):
    make_status(number=1, year=2007)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_status(number=1, year=2007, status="completed")
    assert MeasureStatus.objects.count() == 1


def test_the_database_refuses_an_unknown_status_or_an_implausible_year(make_status):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_status(status="finished")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_status(year=1789)


def test_a_blank_status_reads_not_recorded(make_status):
    assert make_status(status="").label == "Not recorded"
    assert make_status(number=2, status="under_way").label == "Under way"


def test_clean_names_an_implausible_status_year(db):
    status = MeasureStatus(measure=measure(1), year=3000, status="ongoing")
    with pytest.raises(ValidationError) as error:
        status.full_clean()
    assert error.value.message_dict["year"] == ["3000 is not a plausible year (1990–2100)."]


def test_the_database_refuses_an_effort_without_title_or_with_an_unknown_kind(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Effort.objects.create(reported_in=2007, kind="meeting", title="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Effort.objects.create(reported_in=2007, kind="picnic", title="A picnic")
    with pytest.raises(IntegrityError), transaction.atomic():
        Effort.objects.create(reported_in=1200, kind="meeting", title="Long ago")


def test_clean_says_what_is_wrong_with_an_effort(db):
    effort = Effort(reported_in=2300, kind="other", title="  ")
    with pytest.raises(ValidationError) as error:
        effort.full_clean()
    messages = error.value.message_dict
    assert messages["reported_in"] == ["2300 is not a plausible year (1990–2100)."]
    assert messages["title"] == ["An effort needs a title."]
    assert messages["narrative"] == [
        "Say what was done: an effort of kind “Other” needs a narrative."
    ]


def test_the_admin_form_refuses_an_effort_without_a_measure(db):
    form = EffortForm(data={"reported_in": 2007, "kind": "meeting", "title": "A meeting"})
    assert not form.is_valid()
    assert form.errors["measures"] == [NO_MEASURE]


def test_the_admin_form_accepts_an_unfunded_effort_under_measure_2(db):
    data = {
        "reported_in": 2007,
        "kind": "multilateral",
        "title": "NATO",
        "measures": [measure(2).pk],
    }
    form = EffortForm(data=data)
    assert form.is_valid(), form.errors
    effort = form.save()
    assert list(effort.measures.values_list("number", flat=True)) == [2]
    assert not effort.projects.exists()


def test_an_effort_keeps_its_history_with_its_links(make_effort):
    effort = make_effort(title="First title", measures=(2,))
    effort.title = "Second title"
    effort.save(update_fields=["title"])
    effort.measures.add(measure(36))
    records = list(effort.history.all())
    assert [r.title for r in records][:2] == ["Second title", "Second title"]
    assert records[-1].title == "First title"
    assert sorted(m.measure.number for m in records[0].measures.all()) == [2, 36]
    assert [m.measure.number for m in records[1].measures.all()] == [2]
