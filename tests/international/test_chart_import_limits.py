"""The ratification chart's upload has the reference tables' limits (history.upload_limits),
in the admin and with `import_ratifications`: a chart beyond one is refused before it is
parsed, with the limit named, and nothing is written."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from international.models import Instrument, InstrumentStatus

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = (DATA / "chart-good.csv").read_bytes()


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.REFERENCE_IMPORT_MAX_ROWS = 2


def test_the_admin_refuses_a_chart_with_more_rows_than_the_limit(superuser_client):
    page = superuser_client.post(
        reverse("admin:international_instrumentstatus_import"),
        {
            "import_file": SimpleUploadedFile("chart.csv", GOOD),
            "format": "0",
            "resource": "0",
            "instrument": Instrument.objects.get(short_name="CETS No. 197").pk,
            "source": "Test chart",
            "as_of": "2010-03-01",
        },
    )
    assert page.status_code == 200 and "result" not in page.context
    message = page.context["form"].errors["import_file"][0]
    assert message.startswith("The file has more than 2 data rows; the limit is 2")


def test_the_command_exits_non_zero_naming_the_limit(db, tmp_path, settings):
    settings.REFERENCE_IMPORT_MAX_MB = 0.001  # about 1 KB
    path = tmp_path / "chart.csv"
    path.write_bytes(GOOD + b"Norway,,,\n" * 200)
    before = InstrumentStatus.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command(
            "import_ratifications", str(path), "--instrument", "CETS No. 197",
            "--source", "Test chart", stdout=io.StringIO(),
        )  # fmt: skip
    assert refused.value.returncode == 1
    assert "the limit is 0.001 MB (REFERENCE_IMPORT_MAX_MB), so it was not read" in str(
        refused.value
    )
    assert InstrumentStatus.objects.count() == before
