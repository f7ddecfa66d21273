"""Text typed into instruments, statuses and charts never reaches a page unescaped, nor a
downloaded spreadsheet cell as a formula."""

import csv
import io

from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from international.models import Instrument, InstrumentStatus
from projects.models import Channel, Recipient

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.org","x")'


def hostile(db):
    body = Channel.objects.create(name=f"Body {SCRIPT}")
    instrument = Instrument.objects.create(
        short_name=f"Treaty {SCRIPT}",
        title=FORMULA,
        kind="convention",
        adopted_by=body,
        monitoring_body=body,
        source=SCRIPT,
    )
    Recipient.objects.filter(name="Albania").update(name=FORMULA)
    InstrumentStatus.objects.create(
        instrument=instrument,
        country=Recipient.objects.get(name=FORMULA),
        status="signed",
        source=f"{FORMULA} {SCRIPT}",
    )
    return instrument, body


def pages(instrument, body):
    yield "/instruments/"
    yield f"/instruments/{instrument.pk}/"
    for model in admin.site._registry:
        if model._meta.app_label == "international":
            yield reverse(f"admin:international_{model._meta.model_name}_changelist")
    yield reverse("admin:international_instrument_change", args=[instrument.pk])
    yield reverse("admin:projects_channel_change", args=[body.pk])
    yield reverse("admin:international_instrumentstatus_import")


def test_no_instrument_page_shows_user_text_unescaped(superuser_client, db):
    instrument, body = hostile(db)
    for url in pages(instrument, body):
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url
    page = superuser_client.get(f"/instruments/{instrument.pk}/").content.decode()
    assert "Treaty &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_chart_import_preview_escapes_the_file(superuser_client, db):
    chart = f"State,Signature,Ratification\n{SCRIPT},16/05/2005,\n".encode()
    response = superuser_client.post(
        reverse("admin:international_instrumentstatus_import"),
        {
            "import_file": SimpleUploadedFile("chart.csv", chart),
            "format": "0",
            "resource": "0",
            "instrument": Instrument.objects.get(short_name="CETS No. 197").pk,
            "source": SCRIPT,
            "as_of": "2010-03-01",
        },
    )
    assert response.status_code == 200
    assert "Unknown state" in response.content.decode()
    assert SCRIPT not in response.content.decode()


def test_downloads_never_start_a_cell_with_a_formula(superuser_client, db):
    instrument, _ = hostile(db)
    url = f"/instruments/{instrument.pk}/?format="
    text = superuser_client.get(url + "csv").content.decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    sheet = load_workbook(io.BytesIO(superuser_client.get(url + "xlsx").content)).active
    for where, found in [("csv", cells), ("xlsx", [c.value for r in sheet.iter_rows() for c in r])]:
        texts = [c for c in found if isinstance(c, str)]
        assert not [c for c in texts if c.startswith(("=", "+", "-", "@"))], where
        assert f"'{FORMULA}" in texts, where
