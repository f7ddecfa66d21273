from django.contrib import admin

from measures.models import Goal, Measure, Ministry, Plan


def test_it_loads_the_three_plans_of_action(db):
    periods = list(Plan.objects.values_list("start_year", "end_year", "title"))
    assert periods == [(2003, 2005, ""), (2005, 2008, ""), (2006, 2009, "Stop human trafficking")]


def test_it_loads_37_measures_of_which_13_titled_from_the_report(db):
    measures = Measure.objects.filter(plan__start_year=2006)
    assert measures.count() == 37
    titled = measures.exclude(title="")
    assert sorted(titled.values_list("number", flat=True)) == [
        1, 2, 11, 16, 23, 30, 31, 32, 33, 34, 35, 36, 37,
    ]  # fmt: skip
    assert measures.get(number=34).title == (
        "Support the efforts of the ILO to combat human trafficking and forced labour"
    )
    assert Measure.objects.untitled().count() == 24


def test_a_measure_without_title_says_so(db):
    measure = Measure.objects.get(plan__start_year=2006, number=3)
    assert str(measure) == "Measure 3: (title missing)"
    assert measure.goal is None


def test_it_loads_six_ministries_with_justice_coordinating(db):
    assert Ministry.objects.count() == 6
    assert Ministry.objects.get(coordinates=True).name == "Ministry of Justice and the Police"


def test_it_loads_the_plans_six_goals(db):
    goals = Goal.objects.filter(plan__title="Stop human trafficking")
    assert goals.count() == 6
    assert goals.get(number=3).title == "Ensure that child victims receive appropriate follow-up"


def test_the_measures_the_report_covers_name_the_foreign_ministry(db):
    mfa = Ministry.objects.get(name="Ministry of Foreign Affairs")
    assert mfa.measures.count() == 13


def test_the_measure_changelist_marks_missing_titles(superuser_client):
    response = superuser_client.get("/admin/measures/measure/?title=missing")
    assert response.status_code == 200
    assert response.content.decode().count('class="missing">title missing') == 24
    assert admin.site.is_registered(Measure)
