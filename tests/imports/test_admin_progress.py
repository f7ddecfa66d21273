"""The admin import of a large file says that it is working (without JavaScript) and, when
done, shows the command's summary."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import ImportRun

from .importing import DATA

IMPORT_URL = reverse("admin:funding_yearlyamount_import")


@pytest.fixture
def superuser_admin(client, superuser):
    client.force_login(superuser)
    return client


def upload():
    content = (DATA / "project-list-wide.csv").read_bytes()
    return {
        "file": SimpleUploadedFile("list.csv", content),
        "format": "auto",
        "status": "allocated",
    }


def test_the_upload_form_says_a_large_file_takes_a_while(superuser_admin):
    page = superuser_admin.get(IMPORT_URL)
    assert b"Checking a large file takes a while" in page.content


def test_the_preview_shows_the_summary_and_says_the_import_takes_a_while(superuser_admin):
    page = superuser_admin.post(IMPORT_URL, upload())
    run = ImportRun.objects.get(dry_run=True)
    assert page.context["result"].summary.encode() in page.content
    assert run.file_name == "list.csv"
    assert b"A large file takes a while to import" in page.content


def test_after_the_import_its_page_shows_the_same_summary_as_the_command(superuser_admin):
    token = superuser_admin.post(IMPORT_URL, upload()).context["token"]
    page = superuser_admin.post(IMPORT_URL, {"token": token}, follow=True)
    summary = page.context["messages"]
    (message,) = list(summary)
    assert message.message.startswith("Imported list.csv (wide, ")
    assert message.message.encode() in page.content
