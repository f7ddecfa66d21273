"""Measures in and out of the admin's import (django-import-export): titles, goals and lead
ministries by natural keys; no new measures."""

import pytest
import tablib

from measures.models import Goal, Measure, Ministry, Plan
from measures.resources import MeasureResource

pytestmark = pytest.mark.django_db
HEADERS = ["Plan", "Number", "Title", "Goal", "Lead ministry"]


def measure_one():
    """A measure of a plan with a goal (the reference data gives goals to no measure yet)."""
    measure = Measure.objects.select_related("plan").first()
    measure.goal = measure.plan.goals.first() or Goal.objects.create(
        plan=measure.plan, number=1, title="A goal"
    )
    measure.save()
    return measure


def errors(result):
    return [
        f"row {row.number}: {field}: {message}"
        for row in result.invalid_rows
        for field, messages in row.error_dict.items()
        for message in messages
    ]


def test_an_export_imports_back_unchanged():
    exported = MeasureResource().export()
    assert exported.headers == HEADERS
    result = MeasureResource().import_data(tablib.Dataset().load(exported.csv, format="csv"))
    assert errors(result) == [] and result.totals["skip"] == len(exported)


def test_it_gives_a_measure_its_title_and_lead_ministry_with_history():
    measure = measure_one()
    ministry = Ministry.objects.first()
    before = measure.history.count()
    period = f"{measure.plan.start_year}-{measure.plan.end_year}"  # a hyphen reads as the dash
    data = tablib.Dataset(
        [period, measure.number, "A title from the plan", measure.goal.number, ministry.name],
        headers=HEADERS,
    )
    result = MeasureResource().import_data(data)
    assert errors(result) == [] and result.totals["update"] == 1
    measure.refresh_from_db()
    assert (measure.title, measure.lead_ministry) == ("A title from the plan", ministry)
    assert measure.history.count() == before + 1


def test_a_measure_the_plan_does_not_have_is_refused():
    plan = Plan.objects.first()
    data = tablib.Dataset([plan.period, 999, "Invented", "", ""], headers=HEADERS)
    result = MeasureResource().import_data(data)
    assert errors(result) == [
        f"row 1: __all__: No measure '{plan.period} 999' is recorded; the import changes "
        "recorded ones only."
    ]
    assert not Measure.objects.filter(number=999).exists()


def test_a_goal_of_another_plan_and_an_unknown_ministry_are_refused_by_value():
    measure = measure_one()
    data = tablib.Dataset(
        [measure.plan.period, measure.number, "", "99", "Ministry of Magic"], headers=HEADERS
    )
    result = MeasureResource().import_data(data)
    assert errors(result) == [
        f"row 1: goal: The plan {measure.plan.period} has no goal '99'.",
        "row 1: lead_ministry: Unknown ministry 'Ministry of Magic'.",
    ]
