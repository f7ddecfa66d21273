"""The measures' admin pages: their tabular inlines (a plan's goals, a measure's statuses by
year) name every input for assistive technology, as every other app's inlines do."""

from measures.models import Goal, Measure, MeasureStatus, Ministry


def test_a_measures_statuses_are_named_by_field_and_row(superuser_client):
    measure = Measure.objects.order_by("pk").first()
    MeasureStatus.objects.create(measure=measure, year=2007, status="ongoing")
    MeasureStatus.objects.create(measure=measure, year=2008, status="ongoing")
    page = superuser_client.get(f"/admin/measures/measure/{measure.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    for row in (1, 2):
        for field in ("Year", "Status", "Summary"):
            assert f'aria-label="{field}, row {row}"' in html
    assert 'aria-label="Year"' in html  # the blank row "Add another" copies


def test_a_plans_goals_are_named_by_field_and_row(superuser_client):
    measure = Measure.objects.order_by("pk").first()
    goals = Goal.objects.filter(plan=measure.plan).count()
    assert goals, "the reference data gives the plan its goals"
    page = superuser_client.get(f"/admin/measures/plan/{measure.plan_id}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count(", row ") >= goals
    assert f', row {goals}"' in html


def test_responsible_ministries_are_checkboxes_and_saved(superuser_client):
    """Not the admin's two-list widget, whose script names a span without a role."""
    measure = Measure.objects.order_by("pk").first()
    ministries = list(Ministry.objects.order_by("pk")[:2])
    page = superuser_client.get(f"/admin/measures/measure/{measure.pk}/change/")
    html = page.content.decode()
    assert 'type="checkbox" name="responsible_ministries"' in html
    assert "selectfilter" not in html.lower()
    form = page.context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k != "responsible_ministries"
    }
    data.update({"goal": measure.goal_id or "", "lead_ministry": measure.lead_ministry_id or ""})
    data["responsible_ministries"] = [m.pk for m in ministries]
    for inline in page.context["inline_admin_formsets"]:  # no rows: none are recorded
        data.update({f"{inline.formset.prefix}-{k}": 0 for k in ("TOTAL_FORMS", "INITIAL_FORMS")})
    response = superuser_client.post(f"/admin/measures/measure/{measure.pk}/change/", data)
    assert response.status_code == 302
    assert set(measure.responsible_ministries.all()) == set(ministries)
