import itertools

import pytest

from projects.models import AdministeringUnit, Agreement, Channel, Region


def edit_reference_records(count, user):
    """`count` edits, in turn to a region, a channel and a unit, each by `user`."""
    records = [
        Region.objects.get(name="Europe"),
        Channel.objects.get(name="International Organization for Migration"),
        AdministeringUnit.objects.get(name="West Balkans Section"),
    ]
    for n, record in zip(range(count), itertools.cycle(records), strict=False):
        field = "name"
        setattr(record, field, f"{record.name.split(' #')[0]} #{n}")
        record._history_user = user
        record.save()


def test_it_lists_who_changed_what_and_when_with_old_and_new_values(editor_client, editor):
    region = Region.objects.get(name="Europe")
    editor_client.post(
        f"/admin/projects/region/{region.pk}/change/",
        {"name": "Europe and Central Asia", "geographic": "on", "_save": "Save"},
    )
    page = editor_client.get("/changes/")
    assert page.status_code == 200
    change = page.context["page"].changes[0]
    assert change.record.history_user == editor
    assert change.change_type == "Changed"
    assert change.model_name == "region"
    assert [(f.name, f.old, f.new) for f in change.fields] == [
        ("name", "Europe", "Europe and Central Asia")
    ]
    assert change.admin_url == f"/admin/projects/region/{region.pk}/history/"
    text = page.content.decode()
    assert "eddie" in text
    assert f'href="/admin/projects/region/{region.pk}/history/"' in text
    assert "<del>Europe</del> → <ins>Europe and Central Asia</ins>" in text


def test_it_shows_deletions_and_the_import_run_reason(editor_client, import_run):
    Agreement.objects.get().delete()
    changes = editor_client.get("/changes/").context["page"].changes
    kinds = [(c.model._meta.model_name, c.change_type) for c in changes[:3]]
    assert ("agreement", "Deleted") in kinds
    text = editor_client.get("/changes/").content.decode()
    assert f"Import run #{import_run.pk}" in text


def test_it_pages_by_fifty_newest_first(editor_client, editor):
    edit_reference_records(60, editor)
    first = editor_client.get("/changes/").context["page"]
    assert len(first.changes) == 50
    dates = [c.record.history_date for c in first.changes]
    assert dates == sorted(dates, reverse=True)
    second = editor_client.get("/changes/?page=2").context["page"]
    assert first.changes[-1].record.history_date >= second.changes[0].record.history_date


def test_analysts_may_not_see_it(client, analyst):
    client.force_login(analyst)
    assert client.get("/changes/").status_code == 403


@pytest.mark.parametrize("count", [3, 300])
def test_it_runs_the_same_number_of_queries_for_3_and_300_changes(
    editor_client, editor, django_assert_num_queries, count
):
    edit_reference_records(count, editor)
    # Older records on the page (the newest records of the reference data: the international
    # app's statuses and instruments) come from other models when there are few changes: the
    # page reads one query per model on it.
    models_on_page = 3 if count == 300 else 5
    # session, user, the user's and the groups' permissions, count, one page of keys, then one
    # query per model on the page.
    with django_assert_num_queries(4 + 2 + models_on_page + 1):  # +1: the demo banner
        response = editor_client.get("/changes/")
    assert response.status_code == 200
    changes = response.context["page"].changes
    assert len(changes) == 50
    assert len({c.model for c in changes}) == models_on_page
