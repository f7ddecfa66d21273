"""The yearly amounts in the admin: closed years refused with the closer named, and two
editors of one amount kept from overwriting each other (optimistic locking)."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from breakdowns.closing import close_year
from funding.admin_forms import YearlyAmountForm
from funding.models import ClosedYear, Fact, YearlyAmount
from projects.models import Recipient
from tests.conftest import assert_derived_data_fresh


def form_data(response):
    """The POST data of an admin change form as the page shows it (its initial values)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = list(value) if isinstance(value, list | tuple) else value
    return data


def inline_prefix(data):
    return next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")


@pytest.fixture
def agreement(make_agreement):
    return make_agreement({2007: "1000.00", 2008: ("500.00", "planned")}, number="A-1")


def agreement_page(client, agreement):
    return reverse("admin:projects_agreement_change", args=[agreement.pk])


def test_an_editor_changes_an_amount_on_the_agreement_page(superuser_client, agreement):
    url = agreement_page(superuser_client, agreement)
    data = form_data(superuser_client.get(url))
    data[f"{inline_prefix(data)}-1-amount"] = "650.00"
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert_derived_data_fresh()
    changed = YearlyAmount.objects.get(year=2008)
    assert (changed.amount, changed.version) == (Decimal("650.00"), 2)


def test_the_second_of_two_editors_is_refused_and_shown_the_first_ones_value(
    superuser_client, agreement
):
    url = agreement_page(superuser_client, agreement)
    page = superuser_client.get(url)
    first, second = form_data(page), form_data(page)  # two editors open the same page
    prefix = inline_prefix(first)
    first[f"{prefix}-1-amount"] = "700.00"
    assert superuser_client.post(url, first).status_code == 302
    second[f"{prefix}-1-amount"] = "800.00"
    response = superuser_client.post(url, second)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Someone else saved this amount while you edited it" in text
    assert "NOK 700 (planned) for 2008" in text
    assert YearlyAmount.objects.get(year=2008).amount == Decimal("700.00")
    # The form shown again carries the version now saved: saving it again replaces theirs.
    again = form_data(response)
    again[f"{prefix}-1-amount"] = "800.00"
    assert superuser_client.post(url, again).status_code == 302
    assert YearlyAmount.objects.get(year=2008).amount == Decimal("800.00")


def test_two_forms_built_from_the_same_state_cannot_both_save(agreement):
    amount = YearlyAmount.objects.get(year=2007)
    initial = {"agreement": agreement.pk, "year": 2007, "status": "allocated"}
    seen = {"seen_version": amount.version}
    one = YearlyAmountForm({**initial, **seen, "amount": "1100.00"}, instance=amount)
    two = YearlyAmountForm(
        {**initial, **seen, "amount": "1200.00"}, instance=YearlyAmount.objects.get(pk=amount.pk)
    )
    with transaction.atomic():
        assert one.is_valid(), one.errors
        one.save()
    with transaction.atomic():
        assert not two.is_valid()
    assert "it is now NOK 1\u202f100 (allocated) for 2007" in str(two.non_field_errors())
    assert YearlyAmount.objects.get(pk=amount.pk).version == 2


def test_the_yearly_amount_page_refuses_a_stale_save(superuser_client, agreement):
    amount = YearlyAmount.objects.get(year=2007)
    url = reverse("admin:funding_yearlyamount_change", args=[amount.pk])
    data = form_data(superuser_client.get(url))
    YearlyAmount.objects.filter(pk=amount.pk).update(amount=Decimal(5), version=2)  # an import
    data["amount"] = "9.00"
    response = superuser_client.post(url, data)
    assert "it is now NOK 5 (allocated) for 2007" in response.content.decode()
    assert YearlyAmount.objects.get(pk=amount.pk).amount == Decimal(5)


def test_an_amount_of_a_closed_year_cannot_be_changed_added_or_deleted(
    superuser_client, agreement, superuser
):
    url = agreement_page(superuser_client, agreement)
    data = form_data(superuser_client.get(url))
    close_year(2007, note="Report published", user=superuser)
    prefix = inline_prefix(data)
    changed = {**data, f"{prefix}-0-amount": "1.00"}
    message = "2007 is a closed reporting year (closed by boss on"
    assert message in superuser_client.post(url, changed).content.decode()
    deleted = {**data, f"{prefix}-0-DELETE": "on"}
    assert message in superuser_client.post(url, deleted).content.decode()
    moved = {**data, f"{prefix}-1-year": "2007", f"{prefix}-0-year": "2006"}
    assert message in superuser_client.post(url, moved).content.decode()
    added = reverse("admin:funding_yearlyamount_add")
    new = {"agreement": agreement.pk, "year": 2007, "amount": "1", "status": "planned"}
    assert message in superuser_client.post(added, new).content.decode()
    assert YearlyAmount.objects.get(year=2007).amount == Decimal("1000.00")


@pytest.mark.parametrize("model", ["yearlyamount", "agreement", "project"])
def test_deleting_what_holds_an_amount_of_a_closed_year_is_refused(
    superuser_client, agreement, model
):
    close_year(2007, note="Report published", user=None)
    obj = {
        "yearlyamount": YearlyAmount.objects.get(year=2007),
        "agreement": agreement,
        "project": agreement.project,
    }[model]
    app = "funding" if model == "yearlyamount" else "projects"
    url = reverse(f"admin:{app}_{model}_delete", args=[obj.pk])
    page = superuser_client.post(url, {"post": "yes"}).content.decode()
    assert "2007 is a closed reporting year (closed by the command line" in page
    assert YearlyAmount.objects.filter(year=2007).exists()


def test_a_superuser_closes_and_reopens_a_year_in_the_admin(superuser_client, agreement):
    add = reverse("admin:funding_closedyear_add")
    response = superuser_client.post(add, {"year": 2007, "note": "Report published"})
    assert response.status_code == 302
    closed = ClosedYear.objects.get(year=2007)
    assert closed.closer == "boss" and closed.snapshot["year_totals"]["allocated"] == "1000.00"
    change = reverse("admin:funding_closedyear_change", args=[closed.pk])
    reopen = reverse("admin:funding_closedyear_reopen", args=[closed.pk])
    assert reopen in superuser_client.get(change).content.decode()
    assert superuser_client.post(reopen, {"reason": ""}).status_code == 200
    assert superuser_client.post(reopen, {"reason": "A late correction"}).status_code == 302
    assert not ClosedYear.objects.exists()
    assert ClosedYear.history.latest("history_id").history_user.username == "boss"


def test_an_editor_sees_closed_years_but_cannot_close_or_reopen(client, django_user_model):
    from projects.roles import EDITORS

    editor = django_user_model.objects.create_user("kari", password="pw", is_staff=True)
    editor.groups.add(django_user_model.groups.field.related_model.objects.get(name=EDITORS))
    client.force_login(editor)
    closed = close_year(2007, note="Report published", user=None)
    assert client.get(reverse("admin:funding_closedyear_changelist")).status_code == 200
    assert client.get(reverse("admin:funding_closedyear_add")).status_code == 403
    reopen = reverse("admin:funding_closedyear_reopen", args=[closed.pk])
    assert client.post(reopen, {"reason": "x"}).status_code == 403
    assert ClosedYear.objects.exists()


def test_reverting_to_a_past_version_is_a_deliberate_save(superuser_client, agreement):
    amount = YearlyAmount.objects.get(year=2007)
    url = reverse("admin:funding_yearlyamount_change", args=[amount.pk])
    data = form_data(superuser_client.get(url))
    data["amount"] = "2000.00"
    assert superuser_client.post(url, data).status_code == 302
    first = amount.history.earliest("history_id")
    revert = reverse("admin:funding_yearlyamount_simple_history", args=[amount.pk, first.pk])
    data = form_data(superuser_client.get(revert))
    assert superuser_client.post(revert, data).status_code == 302
    amount.refresh_from_db()
    assert (amount.amount, amount.version) == (Decimal("1000.00"), 3)
    assert Fact.objects.get(pk=amount.pk).ore == 100_000
    assert_derived_data_fresh()


def test_the_agreement_page_deletes_an_amount_and_its_fact(superuser_client, agreement):
    url = agreement_page(superuser_client, agreement)
    data = form_data(superuser_client.get(url))
    data[f"{inline_prefix(data)}-1-DELETE"] = "on"
    assert superuser_client.post(url, data).status_code == 302
    assert list(Fact.objects.values_list("year", flat=True)) == [2007]
    assert_derived_data_fresh()


def test_the_project_page_moves_a_project_and_its_facts_follow(superuser_client, agreement):
    url = reverse("admin:projects_project_change", args=[agreement.project_id])
    data = form_data(superuser_client.get(url))
    data["recipient"] = Recipient.objects.get(name="Nepal").pk
    assert superuser_client.post(url, data).status_code == 302
    assert set(Fact.objects.values_list("recipient__name", flat=True)) == {"Nepal"}
    assert_derived_data_fresh()


def test_deleting_projects_in_bulk_takes_their_facts(superuser_client, agreement, make_agreement):
    other = make_agreement({2006: "5.00"}, title="Other")
    url = reverse("admin:projects_project_changelist")
    action = {
        "action": "delete_selected",
        "_selected_action": [agreement.project_id],
        "post": "yes",
    }
    assert superuser_client.post(url, action).status_code == 302
    assert set(Fact.objects.values_list("agreement", flat=True)) == {other.pk}
    assert_derived_data_fresh()


def test_the_yearly_amount_page_adds_and_deletes_with_their_facts(superuser_client, agreement):
    add = reverse("admin:funding_yearlyamount_add")
    new = {"agreement": agreement.pk, "year": 2009, "amount": "7.00", "status": "planned"}
    agreement.last_year = 2009
    agreement.save()
    assert superuser_client.post(add, new).status_code == 302
    amount = YearlyAmount.objects.get(year=2009)
    assert Fact.objects.filter(pk=amount.pk).exists()
    delete = reverse("admin:funding_yearlyamount_delete", args=[amount.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Fact.objects.filter(pk=amount.pk).exists()
    assert_derived_data_fresh()
