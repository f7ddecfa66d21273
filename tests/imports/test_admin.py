import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import ImportRun, YearlyAmount

from .importing import DATA, run_import, snapshot, write

IMPORT_URL = reverse("admin:funding_yearlyamount_import")


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(staff(django_user_model, "add_yearlyamount", "view_yearlyamount"))
    return client


def upload(name="list.csv", content=None):
    content = content or (DATA / "project-list-wide.csv").read_bytes()
    return {"file": SimpleUploadedFile(name, content), "format": "auto", "status": "allocated"}


def test_an_editor_previews_then_confirms_an_import(editor_client):
    page = editor_client.post(IMPORT_URL, upload())
    assert page.status_code == 200
    assert b"Preview: what the import would change" in page.content
    assert b"Vatra Centre" in page.content
    assert snapshot()["projects"] == 0
    token = page.context["token"]
    done = editor_client.post(IMPORT_URL, {"token": token})
    run = ImportRun.objects.filter(dry_run=False).get()
    assert done.status_code == 302 and done["Location"].endswith(f"/{run.pk}/change/")
    assert run.amounts_created == 6 and run.user.username == "staff"
    assert YearlyAmount.objects.count() == 6


def test_the_preview_highlights_errors_and_offers_no_confirm(editor_client):
    bad = b"Project,Partner,Country,Unit,2007\nA,IOM,Narnia,West Balkans Section,5\n"
    page = editor_client.post(IMPORT_URL, upload(content=bad))
    assert b'class="errorlist"' in page.content and b"Narnia" in page.content
    assert b"Confirm import" not in page.content


def test_a_user_who_may_only_view_cannot_import(client, django_user_model):
    client.force_login(staff(django_user_model, "view_yearlyamount"))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload()).status_code == 403
    assert snapshot()["projects"] == 0


def test_a_forged_token_is_refused(editor_client):
    response = editor_client.post(IMPORT_URL, {"token": "forged"}, follow=True)
    assert b"The preview has expired" in response.content
    assert snapshot()["projects"] == 0


@override_settings(IMPORT_MAX_UPLOAD_MB=1)
def test_uploads_that_are_too_large_or_not_csv_are_refused(editor_client):
    page = editor_client.post(IMPORT_URL, upload(content=b"x" * (1024 * 1024 + 1)))
    assert "the limit is 1 MB" in page.content.decode()
    page = editor_client.post(IMPORT_URL, upload(name="list.xlsx"))
    assert "is not a .csv, .txt or .tsv file" in page.content.decode()
    assert not ImportRun.objects.exists()


def test_the_changelist_links_to_import_and_export(superuser_client):
    page = superuser_client.get(reverse("admin:funding_yearlyamount_changelist"))
    assert b"Import project list" in page.content and b"Export project list (XLSX)" in page.content


def test_import_runs_are_read_only_in_the_admin(superuser_client):
    run_import(DATA / "project-list-wide.csv")
    run = ImportRun.objects.get()
    page = superuser_client.get(reverse("admin:funding_importrun_change", args=[run.pk]))
    assert page.status_code == 200 and b"project-list-wide.csv" in page.content
    assert superuser_client.get(reverse("admin:funding_importrun_add")).status_code == 403


def test_export_then_reimport_changes_nothing(superuser_client, tmp_path, make_agreement):
    assert run_import(DATA / "project-list-wide.csv")[0] == 0
    assert run_import(DATA / "norad-extract.csv")[0] == 0
    make_agreement(title="=HYPERLINK(1)", amounts={2007: (5, "disbursed")})
    response = superuser_client.get(reverse("admin:funding_yearlyamount_export_csv"))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Agreement no", "Project title"] and "2007 (disbursed)" in rows[0]
    assert [r[1] for r in rows if "HYPERLINK" in r[1]] == ["'=HYPERLINK(1)"]
    before = snapshot()
    code, out, _ = run_import(write(tmp_path, text.encode()))
    assert code == 0
    assert " 0 created, 0 updated" in out and "amounts 0 created, 0 updated" in out
    assert snapshot() == before


def test_the_xlsx_export_keeps_numbers_numeric_and_escapes_formulas(
    superuser_client, make_agreement
):
    make_agreement(title="+danger", amounts={2007: 1250})
    response = superuser_client.get(reverse("admin:funding_yearlyamount_export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))
    assert row[1] == "'+danger"
    assert row[header.index("2007 (allocated)")] == 1250
