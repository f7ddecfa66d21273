"""Hostile uploads to the two admin import pages (the project list, the ratification chart): each
refused with its reason on the page, nothing written, never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from funding.models import ImportRun
from international.models import Instrument, InstrumentStatus

from .importing import DATA, snapshot

PROJECTS_URL = reverse("admin:funding_yearlyamount_import")
CHART_URL = reverse("admin:international_instrumentstatus_import")
MB = 1024 * 1024


def hostile_files():
    """(name, content) of each hostile file; the large ones are made here, not kept."""
    return {
        "empty": ("list.csv", b""),
        "one huge line": ("list.csv", b"x," * (MB // 4)),
        "a NUL byte": ("list.csv", (DATA / "hostile-nul-byte.csv").read_bytes()),
        "a ZIP renamed .csv": ("list.csv", (DATA / "hostile-zip-renamed.csv").read_bytes()),
        "an .xlsx named .csv": ("list.csv", (DATA / "hostile-spreadsheet.xlsx").read_bytes()),
        "an .xlsx": ("list.xlsx", (DATA / "hostile-spreadsheet.xlsx").read_bytes()),
        "one byte over the limit": ("list.csv", b"x" * (MB + 1)),
    }


CASES = sorted(hostile_files())


@pytest.fixture
def superuser_client(db, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("boss", password=None))
    return client


@override_settings(IMPORT_MAX_UPLOAD_MB=1)
@pytest.mark.parametrize("case", CASES)
def test_a_hostile_project_list_is_refused_with_its_reason(superuser_client, case):
    name, content = hostile_files()[case]
    before = snapshot()
    data = {"file": SimpleUploadedFile(name, content), "format": "auto", "status": "allocated"}
    page = superuser_client.post(PROJECTS_URL, data)
    assert page.status_code < 500, page.status_code
    assert "Confirm import" not in page.content.decode()
    text = page.content.decode()
    assert "Nothing was imported" in text or 'class="errorlist' in text, case
    assert snapshot() == before
    assert not ImportRun.objects.filter(succeeded=True).exists()


@override_settings(IMPORT_MAX_UPLOAD_MB=1)
@pytest.mark.parametrize("case", CASES)
def test_a_hostile_ratification_chart_is_refused_with_its_reason(superuser_client, case):
    name, content = hostile_files()[case]
    data = {
        "import_file": SimpleUploadedFile(name, content),
        "format": "0",  # CSV
        "resource": "0",
        "instrument": Instrument.objects.get(short_name="CETS No. 197").pk,
        "source": "Test chart",
        "as_of": "2010-03-01",
    }
    before = list(InstrumentStatus.objects.order_by("pk").values())
    page = superuser_client.post(CHART_URL, data)
    assert page.status_code < 500, page.status_code
    assert "confirm_form" not in (page.context or {}), case
    assert list(InstrumentStatus.objects.order_by("pk").values()) == before
