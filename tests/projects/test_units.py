"""Unit editors (projects/units.py): they change their own units' projects, agreements, amounts
and efforts on every write path, and are refused, told why, on another unit's. The URL-by-role
matrix is tests/test_permissions.py; these are the writes themselves."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from followup.models import Effort
from funding.models import YearlyAmount
from imports.services import import_file
from measures.models import Measure
from projects.models import AdministeringUnit, Agreement
from projects.roles import ANALYSTS, EDITORS, UNIT_EDITORS, sync_roles
from projects.units import limited_to, writable
from tests.conftest import assert_derived_data_fresh
from tests.funding.test_amounts_admin import form_data, inline_prefix
from tests.funding.test_project_entry import entry_data

OWN, OTHER = "West Balkans Section", "Section for Human Rights and Democracy"


def unit(name):
    return AdministeringUnit.objects.get(name=name)


@pytest.fixture
def unit_editor(db, django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("embassy", is_staff=True)
    user.groups.add(Group.objects.get(name=UNIT_EDITORS))
    unit(OWN).members.add(user)
    return user


@pytest.fixture
def unit_client(client, unit_editor):
    client.force_login(unit_editor)
    return client


@pytest.fixture
def own(make_agreement):
    return make_agreement({2007: "1000.00"}, unit=OWN, number="OWN-1", title="Own project")


@pytest.fixture
def other(make_agreement):
    return make_agreement({2007: "2000.00"}, unit=OTHER, number="OTHER-1", title="Their project")


def effort(unit_name, title="Talks"):
    record = Effort.objects.create(
        reported_in=2007, kind="meeting", title=title, unit=unit(unit_name)
    )
    record.measures.add(Measure.objects.get(plan__start_year=2006, number=2))
    return record


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_coordinating_section_and_commands_are_not_limited(db, django_user_model):
    sync_roles()
    editor = django_user_model.objects.create_user("section", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    assert limited_to(None) is None
    assert limited_to(editor) is None


def test_a_unit_editor_may_write_only_their_own_units_records(unit_editor, own, other):
    mine = writable(unit_editor, Agreement.objects.all())
    assert list(mine) == [own]
    amounts = writable(unit_editor, YearlyAmount.objects.all())
    assert {a.agreement_id for a in amounts} == {own.pk}


def test_an_analyst_may_write_nothing(db, django_user_model, own):
    sync_roles()
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    assert not writable(analyst, Agreement.objects.all()).exists()


def test_a_unit_editor_changes_an_amount_of_their_own_agreement(unit_client, own):
    url = change_url(own)
    data = form_data(unit_client.get(url))
    data[f"{inline_prefix(data)}-0-amount"] = "1500.00"
    response = unit_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert YearlyAmount.objects.get(agreement=own).amount == Decimal("1500.00")
    assert_derived_data_fresh()


def test_another_units_agreement_is_shown_read_only_and_says_why(unit_client, other):
    response = unit_client.get(change_url(other))
    assert response.status_code == 200
    (message,) = messages_of(response)
    assert "belongs to Section for Human Rights and Democracy" in message
    assert "your own units (West Balkans Section)" in message
    assert 'name="_save"' not in response.content.decode()


def test_a_crafted_post_to_another_units_agreement_is_refused(superuser_client, unit_editor, other):
    url = change_url(other)
    data = form_data(superuser_client.get(url))  # the form as the coordinator sees it
    data[f"{inline_prefix(data)}-0-amount"] = "1.00"
    superuser_client.force_login(unit_editor)
    assert superuser_client.post(url, data).status_code == 403
    assert YearlyAmount.objects.get(agreement=other).amount == Decimal("2000.00")


def test_a_unit_editor_cannot_hand_their_agreement_to_another_unit(unit_client, own):
    url = change_url(own)
    data = form_data(unit_client.get(url))
    data["unit"] = unit(OTHER).pk
    response = unit_client.post(url, data)
    assert response.status_code == 200
    assert "belongs to Section for Human Rights and Democracy" in response.content.decode()
    assert Agreement.objects.get(pk=own.pk).unit == unit(OWN)


def test_a_unit_editor_cannot_add_an_agreement_for_another_unit(unit_client, own):
    url = reverse("admin:projects_agreement_add")
    data = {
        "project": own.project_id,
        "unit": unit(OTHER).pk,
        "first_year": 2008,
        "last_year": 2008,
        "amounts-TOTAL_FORMS": "0",
        "amounts-INITIAL_FORMS": "0",
    }
    response = unit_client.post(url, data)
    assert response.status_code == 200
    assert "you may change only the records of your own units" in response.content.decode()
    assert not Agreement.objects.filter(unit=unit(OTHER), project=own.project).exists()


def test_another_units_agreement_on_a_shared_project_cannot_be_changed_or_deleted(
    unit_client, own, make_agreement
):
    theirs = make_agreement({2007: "5.00"}, unit=OTHER, project=own.project)
    url = change_url(own.project)
    base = form_data(unit_client.get(url))
    prefix = next(k for k in base if k.endswith("-TOTAL_FORMS") and "agreement" in k)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    row = next(i for i in range(2) if str(base[f"{prefix}-{i}-id"]) == str(theirs.pk))
    changed = {**base, f"{prefix}-{row}-last_year": "2009"}
    response = unit_client.post(url, changed)
    assert response.status_code == 200
    assert "belongs to Section for Human Rights and Democracy" in response.content.decode()
    deleted = {**base, f"{prefix}-{row}-DELETE": "on"}
    response = unit_client.post(url, deleted)
    assert response.status_code == 200
    assert Agreement.objects.get(pk=theirs.pk).last_year == 2007
    # Their own agreement on the same page they may change.
    mine = 1 - row
    response = unit_client.post(url, {**base, f"{prefix}-{mine}-last_year": "2009"})
    assert response.status_code == 302
    assert Agreement.objects.get(pk=own.pk).last_year == 2009


def test_a_bulk_delete_touching_another_units_rows_is_refused_whole(unit_client, own, other):
    data = {
        "action": "delete_selected",
        "_selected_action": [own.pk, other.pk],
        "index": "0",
        "post": "yes",
    }
    response = unit_client.post(reverse("admin:projects_agreement_changelist"), data)
    assert response.status_code == 302
    response = unit_client.get(response["Location"])
    (message,) = messages_of(response)
    assert message.startswith("Nothing was done:")
    assert "OTHER-1" in message or "Their project" in message
    assert Agreement.objects.count() == 2


def test_a_unit_editor_deletes_their_own_rows_in_bulk(unit_client, own, other):
    data = {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"}
    response = unit_client.post(reverse("admin:projects_agreement_changelist"), data)
    assert response.status_code == 302
    assert list(Agreement.objects.all()) == [other]
    assert_derived_data_fresh()


def test_the_effort_lists_order_of_another_units_effort_cannot_be_changed(unit_client, db):
    mine, theirs = effort(OWN, "Ours"), effort(OTHER, "Theirs")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(mine.pk),
        "form-0-order": "5",
        "form-1-id": str(theirs.pk),
        "form-1-order": "7",
        "_save": "Save",
    }
    response = unit_client.post(reverse("admin:followup_effort_changelist"), data)
    assert response.status_code == 200
    assert "belongs to Section for Human Rights and Democracy" in response.content.decode()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.order, theirs.order) == (0, 0)


def test_an_effort_without_a_unit_is_the_coordinating_sections(unit_client, db):
    record = Effort.objects.create(reported_in=2007, kind="meeting", title="Unowned")
    response = unit_client.get(change_url(record))
    (message,) = messages_of(response)
    assert "belongs to no administering unit yet" in message


def test_reverting_another_units_record_from_its_history_is_refused(unit_client, other):
    version = other.history.latest("history_id").history_id
    url = reverse("admin:projects_agreement_simple_history", args=[other.pk, version])
    assert unit_client.post(url, {"number": "X"}).status_code == 403


def test_the_entry_page_sends_a_unit_editor_away_from_another_units_project(unit_client, other):
    response = unit_client.get(reverse("projects:edit", args=[other.project_id]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[other.project_id])
    assert any("belongs to" in m for m in messages_of(response))


def test_the_entry_page_refuses_a_new_project_with_another_units_agreement(unit_client):
    data = entry_data()  # its second agreement is the other unit's
    response = unit_client.post(reverse("projects:enter"), {**data, "save": ""})
    assert response.status_code == 200
    assert "you may change only the records of your own units" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_entry_page_saves_a_project_of_a_unit_editors_two_units(unit_client, unit_editor):
    unit("Embassy in Pretoria").members.add(unit_editor)  # a user may belong to several units
    data = {**entry_data(), "agreements-1-unit": unit("Embassy in Pretoria").pk}
    response = unit_client.post(reverse("projects:enter"), {**data, "save": ""})
    assert response.status_code == 302
    units = set(Agreement.objects.values_list("unit__name", flat=True))
    assert units == {OWN, "Embassy in Pretoria"}
    assert_derived_data_fresh()


def long_file(tmp_path, unit_names):
    lines = ["title;channel;recipient;unit;objective;measures;year;amount;status"]
    for name in unit_names:
        lines.append(
            f"Shelter;International Organization for Migration;Albania;{name};main;1;"
            "2007;1000;allocated"
        )
    path = Path(tmp_path) / "list.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_importer_refuses_a_file_naming_another_units_agreements(unit_editor, tmp_path):
    path = long_file(tmp_path, [OWN, OTHER])
    result = import_file(path, user=unit_editor)
    assert not result.ok
    (error,) = result.errors
    assert error["line"] == 3
    assert "agreement of Section for Human Rights and Democracy" in error["message"]
    assert not Agreement.objects.exists()


def test_the_importer_takes_a_unit_editors_own_rows(unit_editor, tmp_path):
    result = import_file(long_file(tmp_path, [OWN]), user=unit_editor)
    assert result.ok, result.errors
    assert Agreement.objects.get().unit == unit(OWN)
