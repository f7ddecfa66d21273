"""Every admin changelist and form renders for a superuser, in a constant number of queries."""

import pytest
from django.contrib import admin
from django.urls import reverse

from funding.models import YearlyAmount
from projects.models import Agreement, Project

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


def model_admin(model_name):
    return next(ma for m, ma in admin.site._registry.items() if m._meta.model_name == model_name)


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_every_changelist_and_add_form_renders(
    superuser_client, superuser, rf, make_agreement, app, model
):
    make_agreement(amounts={2006: 100, 2007: 200})
    assert superuser_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    request = rf.get("/")
    request.user = superuser
    expected = 200 if model_admin(model).has_add_permission(request) else 403
    assert superuser_client.get(reverse(f"admin:{app}_{model}_add")).status_code == expected


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_every_change_form_renders(superuser_client, make_agreement, app, model):
    make_agreement(amounts={2006: 100, 2007: 200})
    model_class = next(m for m in admin.site._registry if m._meta.model_name == model)
    obj = model_class.objects.first()
    if obj is None:
        pytest.skip(f"no {model} row in the reference or test data")
    url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    assert superuser_client.get(url).status_code == 200


def make_many(make_agreement, count):
    for i in range(count):
        make_agreement(
            title=f"Project {i}", amounts={2006: 100, 2007: 200}, measures=((1, 50), (33, 50))
        )


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/projects/project/",
        "/admin/projects/agreement/",
        "/admin/funding/yearlyamount/",
        "/admin/measures/measure/",
        "/admin/projects/recipient/",
        "/admin/projects/channel/",
    ],
)
def test_changelists_run_a_constant_number_of_queries(
    superuser_client, make_agreement, django_assert_max_num_queries, count, url
):
    make_many(make_agreement, count)
    superuser_client.get(url)  # warm the session and content types
    with django_assert_max_num_queries(12):
        assert superuser_client.get(url).status_code == 200


def test_measure_shares_must_add_up_to_100(superuser_client, make_project):
    project = make_project(measures=())
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = {
        "title": project.title,
        "channel": project.channel_id,
        "recipient": project.recipient_id,
        "objective": "main",
        "measure_shares-TOTAL_FORMS": "2",
        "measure_shares-INITIAL_FORMS": "0",
        "measure_shares-0-measure": "1",
        "measure_shares-0-share": "60",
        "measure_shares-1-measure": "33",
        "measure_shares-1-share": "30",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
    }
    from measures.models import Measure

    data["measure_shares-0-measure"] = Measure.objects.get(plan__start_year=2006, number=1).pk
    data["measure_shares-1-measure"] = Measure.objects.get(plan__start_year=2006, number=33).pk
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "The measure shares add up to 90 %; they must add up to exactly 100 %." in (
        response.content.decode()
    )
    data["measure_shares-1-share"] = "40"
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert project.measure_shares.count() == 2


def test_an_agreement_page_edits_its_yearly_amounts(superuser_client, make_agreement):
    agreement = make_agreement(amounts={2007: 100})
    url = reverse("admin:projects_agreement_change", args=[agreement.pk])
    amount = agreement.amounts.get()
    data = {
        "project": agreement.project_id,
        "unit": agreement.unit_id,
        "number": "",
        "first_year": "2007",
        "last_year": "2008",
        "amounts-TOTAL_FORMS": "2",
        "amounts-INITIAL_FORMS": "1",
        "amounts-0-id": amount.pk,
        "amounts-0-agreement": agreement.pk,
        "amounts-0-year": "2007",
        "amounts-0-amount": "150",
        "amounts-0-status": "disbursed",
        "amounts-1-agreement": agreement.pk,
        "amounts-1-year": "2009",
        "amounts-1-amount": "20",
        "amounts-1-status": "planned",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "2009 lies outside the agreement&#x27;s period (2007–2008)" in response.content.decode()
    data["amounts-1-year"] = "2008"
    assert superuser_client.post(url, data).status_code == 302
    assert list(YearlyAmount.objects.values_list("year", "amount", "status")) == [
        (2007, 150, "disbursed"),
        (2008, 20, "planned"),
    ]
    assert Project.objects.count() == Agreement.objects.count() == 1
