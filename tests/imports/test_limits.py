"""Size limits: an upload over IMPORT_MAX_UPLOAD_MB stops being received at the limit, and an
import over IMPORT_MAX_ROWS stops reading at the first row beyond it; nothing is written."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import Client
from django.urls import reverse

from funding.models import ImportRun
from imports.limits import LimitedUpload
from imports.services import import_records
from imports.upload import upload_dir

from .importing import run_import, snapshot, wide_rows, write

IMPORT_URL = reverse("admin:funding_yearlyamount_import")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    codenames = ["add_yearlyamount", "view_yearlyamount"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def post_file(client, content):
    upload = SimpleUploadedFile("list.csv", content)
    return client.post(IMPORT_URL, {"file": upload, "format": "auto", "status": "allocated"})


def test_an_upload_over_the_limit_stops_at_the_limit_and_is_not_stored(client, editor, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    client.force_login(editor)
    before = set(upload_dir().iterdir())
    page = post_file(client, wide_rows(20_000).encode())  # about 1.5 MB
    assert page.status_code == 200
    text = page.content.decode()
    assert "The file is larger than 1 MB; the limit is 1 MB (IMPORT_MAX_UPLOAD_MB)" in text
    assert set(upload_dir().iterdir()) == before and not ImportRun.objects.exists()


def test_the_upload_handler_stops_passing_bytes_on_at_the_limit():
    handler = LimitedUpload(limit_mb=1)
    assert handler.receive_data_chunk(b"x" * 1024, 1024 * 1024 - 1024) == b"x" * 1024
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x", 1024 * 1024)
    assert handler.exceeded


def test_the_import_page_still_checks_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert post_file(client, b"Project title\n").status_code == 403


def test_an_upload_under_the_limit_is_previewed(client, editor):
    client.force_login(editor)
    page = post_file(client, wide_rows(3).encode())
    assert page.status_code == 200 and "Preview" in page.content.decode()


def test_a_file_over_the_row_limit_is_refused_and_nothing_written(tmp_path, db, settings):
    settings.IMPORT_MAX_ROWS = 5
    before = snapshot()
    code, _, err = run_import(write(tmp_path, wide_rows(6)))
    assert code == 1 and snapshot() == before
    assert "line 7: The file has more than 5 data rows, the limit (IMPORT_MAX_ROWS)" in err
    assert ImportRun.objects.get().rows == 5  # reading stopped there
    assert run_import(write(tmp_path, wide_rows(5), name="five.csv"))[0] == 0


def test_records_over_the_row_limit_are_refused(db, settings):
    settings.IMPORT_MAX_ROWS = 1
    record = {"title": "T", "channel": "Norwegian Church Aid", "recipient": "Albania"}
    result = import_records([record, record])
    assert not result.ok and "more than 1 data rows" in result.errors[-1]["message"]
