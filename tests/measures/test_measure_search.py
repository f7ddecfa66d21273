"""Measures are found by number, plan and title in the forms people type them, in the admin's
list and in the effort form's measure box (its autocomplete)."""

import pytest
from django.urls import reverse

from measures.models import Measure

pytestmark = pytest.mark.django_db

ELEVEN = ("Stop human trafficking", 11)  # the 2006-2009 plan's measure 11 (reference data)


def found(text):
    return {(m.plan.title, m.number) for m in Measure.objects.matching(text).select_related("plan")}


@pytest.mark.parametrize(
    "text", ["11", "Measure 11", "measure 11", "Tiltak 11", "tiltak nr. 11", "#11", "2006-2009 11"]
)
def test_a_number_is_found_with_or_without_the_word_before_it(text):
    assert ELEVEN in found(text)
    assert {number for _plan, number in found(text)} == {11}


def test_a_plan_and_a_number_find_that_plans_measure_only():
    assert found("2006-2009 Tiltak 11") == {ELEVEN}
    assert found("2007 measure 11") == {ELEVEN}


def test_title_words_find_the_measure_in_any_case_and_order():
    assert ELEVEN in found("repatriation SAFE")
    assert found("repatriation 12") == set()


def test_plan_title_words_find_its_measures():
    assert ELEVEN in found("stop trafficking")


def test_the_effort_forms_measure_box_finds_tiltak_11(admin_client):
    url = reverse("admin:autocomplete")
    query = {"app_label": "followup", "model_name": "effort", "field_name": "measures"}
    for term in ("Measure 11", "Tiltak 11", "11", "repatriation"):
        results = admin_client.get(url, {**query, "term": term}).json()["results"]
        eleven = Measure.objects.get(plan__start_year=2006, number=11)
        assert str(eleven.pk) in {result["id"] for result in results}, term


def test_the_measure_lists_search_box_finds_measure_11(admin_client):
    page = admin_client.get(reverse("admin:measures_measure_changelist"), {"q": "Tiltak 11"})
    assert [m.number for m in page.context["cl"].result_list] == [11]
