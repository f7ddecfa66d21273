"""The reference tables' import and export in the admin: editors preview (new, changed and
unchanged rows) and confirm; staff who may only view cannot import; export as CSV and XLSX."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import AdministeringUnit
from projects.roles import EDITORS

IMPORT_URL = reverse("admin:projects_administeringunit_import")
CONFIRM_URL = reverse("admin:projects_administeringunit_process_import")
EXPORT_URL = reverse("admin:projects_administeringunit_export")


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("kari", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


@pytest.fixture
def units(db):
    AdministeringUnit.objects.create(name="Unit Same", kind="section")
    AdministeringUnit.objects.create(name="Unit Changed", kind="section")


def upload(content, name="units.csv", format_index="0"):
    return {
        "import_file": SimpleUploadedFile(name, content.encode("utf-8-sig")),
        "format": format_index,
        "resource": "0",
    }


def confirm_data(page):
    form = page.context["confirm_form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def snapshot():
    return list(AdministeringUnit.objects.order_by("pk").values("name", "kind"))


GOOD = "Name,Kind,Aliases\nUnit Same,section,\nUnit Changed,embassy,\nUnit New,norad,UN\n"


def test_an_editor_previews_new_changed_and_unchanged_rows_then_confirms(editor_client, units):
    before = snapshot()
    page = editor_client.post(IMPORT_URL, upload(GOOD))
    assert page.status_code == 200
    totals = page.context["result"].totals
    assert (totals["new"], totals["update"], totals["skip"]) == (1, 1, 1)
    assert snapshot() == before  # the preview writes nothing
    done = editor_client.post(CONFIRM_URL, confirm_data(page))
    assert done.status_code == 302
    new = AdministeringUnit.objects.get(name="Unit New")
    assert list(new.aliases.values_list("name", flat=True)) == ["UN"]
    changed = AdministeringUnit.objects.get(name="Unit Changed")
    assert changed.kind == "embassy"
    assert changed.history.first().history_user.username == "kari"


def test_the_preview_shows_each_refusal_with_its_row_and_value_and_offers_no_confirm(
    editor_client, units
):
    before = snapshot()
    page = editor_client.post(IMPORT_URL, upload("Name,Kind\nUnit New,norad\nUnit Bad,consulate\n"))
    content = page.content.decode()
    assert "confirm_form" not in page.context
    assert "&#x27;consulate&#x27; is not one of" in content
    assert page.context["result"].invalid_rows[0].number == 2
    assert snapshot() == before


def test_a_file_that_no_longer_passes_at_confirm_writes_nothing(editor_client, units):
    page = editor_client.post(IMPORT_URL, upload("Name,Kind,Aliases\nUnit New,norad,Taken\n"))
    other = AdministeringUnit.objects.get(name="Unit Same")
    other.aliases.create(name="Taken")  # between preview and confirm
    before = snapshot()
    done = editor_client.post(CONFIRM_URL, confirm_data(page), follow=True)
    assert snapshot() == before
    messages = [str(m) for m in done.context["messages"]]
    assert any(m.startswith("Nothing was imported") for m in messages), messages


def test_a_user_who_may_only_view_cannot_import_but_may_export(client, django_user_model, units):
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_administeringunit"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload(GOOD)).status_code == 403
    assert client.get(EXPORT_URL).status_code == 200


def export(client, format_index):
    form = client.get(EXPORT_URL).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    return client.post(EXPORT_URL, data | {"format": format_index, "resource": "0"})


def test_an_export_downloads_as_csv_and_xlsx_with_names_not_ids(editor_client, units):
    csv = export(editor_client, "0")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,Kind,Aliases" and "Unit Same,section," in lines
    xlsx = export(editor_client, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == ["Name", "Kind", "Aliases"]
