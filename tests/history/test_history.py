from decimal import Decimal

import pytest

from funding.models import YearlyAmount
from measures.models import Measure
from projects.models import Agreement, Channel, Recipient, Region


def test_an_admin_edit_records_who_when_and_the_old_and_new_values(editor_client, editor):
    region = Region.objects.get(name="Europe")
    response = editor_client.post(
        f"/admin/projects/region/{region.pk}/change/",
        {"name": "Europe and Central Asia", "geographic": "on", "_save": "Save"},
    )
    assert response.status_code == 302
    latest = region.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    before = latest.prev_record
    assert before is not None and before.name == "Europe"
    delta = latest.diff_against(before)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name", "Europe", "Europe and Central Asia")
    ]


def test_the_admin_shows_a_records_history_with_the_changes(editor_client):
    region = Region.objects.get(name="Europe")
    editor_client.post(
        f"/admin/projects/region/{region.pk}/change/",
        {"name": "Europe and Central Asia", "geographic": "on", "_save": "Save"},
    )
    page = editor_client.get(f"/admin/projects/region/{region.pk}/history/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "eddie" in text
    assert "Europe and Central Asia" in text


def test_deleting_an_agreement_with_amounts_asks_first_and_is_recorded(
    editor_client, editor, make_agreement
):
    agreement = make_agreement(amounts={2007: 1000, 2008: 2500})
    url = f"/admin/projects/agreement/{agreement.pk}/delete/"

    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert "Are you sure" in confirm.content.decode()
    assert "2008: NOK 2\u202f500" in confirm.content.decode()
    assert Agreement.objects.filter(pk=agreement.pk).exists()

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    deleted = Agreement.history.filter(id=agreement.pk).latest()
    assert deleted.history_type == "-"
    assert deleted.history_user == editor
    amounts = YearlyAmount.history.filter(agreement_id=agreement.pk, history_type="-")
    assert sorted(a.amount for a in amounts) == [Decimal("1000.00"), Decimal("2500.00")]
    assert {a.history_user for a in amounts} == {editor}


@pytest.mark.parametrize(
    ("url_name", "lookup", "reason"),
    [
        (
            "measures/measure",
            lambda: Measure.objects.get(plan__start_year=2006, number=1),
            "Measure served: Shelter in Tirana: Measure 1: ",
        ),
        ("projects/recipient", lambda: Recipient.objects.get(name="Albania"), "Shelter in Tirana"),
        (
            "projects/channel",
            lambda: Channel.objects.get(name="International Organization for Migration"),
            "Shelter in Tirana",
        ),
    ],
    ids=["measure", "country", "channel"],
)
def test_a_record_in_use_cannot_be_deleted_and_the_admin_says_why(
    editor_client, make_project, url_name, lookup, reason
):
    make_project(title="Shelter in Tirana")
    record = lookup()
    url = f"/admin/{url_name}/{record.pk}/delete/"

    page = editor_client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in text
    assert reason in text

    editor_client.post(url, {"post": "yes"})
    assert type(record).objects.filter(pk=record.pk).exists()


def test_changes_made_by_an_import_run_carry_its_number(import_run):
    stamp = (import_run.pk, f"Import run #{import_run.pk}")
    outside = YearlyAmount.objects.get()
    outside.amount = Decimal(2000)
    outside.save()

    created = YearlyAmount.history.filter(agreement_id=outside.agreement_id).order_by("history_id")
    first, second = list(created)
    assert (first.import_run_id, first.history_change_reason) == stamp
    assert (second.import_run_id, second.history_change_reason) == (None, None)
    assert Agreement.history.get(id=outside.agreement_id).import_run_id == import_run.pk
