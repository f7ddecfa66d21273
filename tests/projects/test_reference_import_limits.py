"""The reference tables' uploads have limits, checked before anything parses the file (a 50 MB
CSV grew a worker to 900 MB; a 311 KB XLSX zip bomb unpacked to 300 MB and previewed as
valid): size, data rows, columns, and for XLSX the sizes the zip declares. A file beyond one
is refused on the import page with the limit and the file's value named."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import tracker.settings as defaults
from projects.models import AdministeringUnit

IMPORT_URL = reverse("admin:projects_administeringunit_import")
CSV, XLSX = "0", "1"
HEADER = ["Name", "Kind", "Aliases"]


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.REFERENCE_IMPORT_MAX_MB = 0.01  # 10 KB
    settings.REFERENCE_IMPORT_MAX_ROWS = 5
    settings.REFERENCE_IMPORT_MAX_COLUMNS = 4
    settings.REFERENCE_IMPORT_MAX_UNZIPPED_MB = 0.2  # about 200 KB
    settings.REFERENCE_IMPORT_MAX_RATIO = 100


def csv_file(rows):
    return "\n".join(",".join(row) for row in [HEADER, *rows]).encode() + b"\n"


def xlsx_file(rows, padding=b""):
    """A workbook with `rows` under the header; `padding` is stored in it as one more part of
    the zip, which openpyxl ignores."""
    workbook = openpyxl.Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if padding:
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/media/padding.bin", padding)
    return buffer.getvalue()


def units(count):
    return [[f"Unit {n}", "section", ""] for n in range(count)]


def preview(client, content, format_index, name="units.csv"):
    page = client.post(
        IMPORT_URL,
        {
            "import_file": SimpleUploadedFile(name, content),
            "format": format_index,
            "resource": "0",
        },
    )
    assert page.status_code == 200
    return page


def refusal(page):
    assert "result" not in page.context  # nothing was read, so nothing previewed
    return page.context["form"].errors["import_file"][0]


def test_a_file_within_the_limits_previews_as_csv_and_as_xlsx(superuser_client):
    for content, fmt in [(csv_file(units(5)), CSV), (xlsx_file(units(5)), XLSX)]:
        page = preview(superuser_client, content, fmt)
        assert page.context["result"].totals["new"] == 5


def test_a_file_over_the_size_limit_is_refused_with_its_size(superuser_client):
    content = csv_file([[f"Unit {'x' * 3000}", "section", ""] for _ in range(5)])  # 15 KB
    message = refusal(preview(superuser_client, content, CSV))
    assert message.startswith("The file is 0.02 MB; the limit is 0.01 MB")
    assert "REFERENCE_IMPORT_MAX_MB" in message
    assert not AdministeringUnit.objects.filter(name__startswith="Unit x").exists()


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
def test_a_file_with_more_data_rows_than_the_limit_is_refused(superuser_client, fmt):
    content = csv_file(units(6)) if fmt == CSV else xlsx_file(units(6))
    message = refusal(preview(superuser_client, content, fmt))
    assert message.startswith("The file has more than 5 data rows; the limit is 5")
    assert "REFERENCE_IMPORT_MAX_ROWS" in message


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
def test_a_file_with_more_columns_than_the_limit_is_refused(superuser_client, fmt):
    rows = [*units(2), ["Unit 9", "section", "", "", "extra"]]
    content = csv_file(rows) if fmt == CSV else xlsx_file(rows)
    message = refusal(preview(superuser_client, content, fmt))
    assert message.startswith("The file has a row of 5 columns; the limit is 4")


def test_an_xlsx_zip_bomb_is_refused_before_openpyxl_opens_it(superuser_client):
    bomb = xlsx_file(units(1), padding=b"\0" * 150_000)  # about 150 bytes packed
    assert len(bomb) < 10_000
    message = refusal(preview(superuser_client, bomb, XLSX, name="units.xlsx"))
    assert message.startswith("The XLSX file's part xl/media/padding.bin unpacks to")
    assert "times its packed size; the limit is 100 (REFERENCE_IMPORT_MAX_RATIO)" in message


def test_an_xlsx_file_that_unpacks_beyond_the_limit_is_refused(superuser_client, settings):
    settings.REFERENCE_IMPORT_MAX_RATIO = 10_000
    bomb = xlsx_file(units(1), padding=b"\0" * 300_000)
    message = refusal(preview(superuser_client, bomb, XLSX, name="units.xlsx"))
    assert message.startswith("The XLSX file unpacks to 0.3")
    assert "the limit is 0.2 MB (REFERENCE_IMPORT_MAX_UNZIPPED_MB)" in message


def test_a_csv_file_chosen_as_xlsx_is_refused_as_no_xlsx(superuser_client):
    message = refusal(preview(superuser_client, csv_file(units(1)), XLSX))
    assert message == "The file is not an XLSX file (an XLSX file is a zip archive)."


def test_the_admins_own_xlsx_export_imports_back_within_the_default_limits(
    superuser_client, settings
):
    for name in dir(defaults):
        if name.startswith("REFERENCE_IMPORT_"):
            setattr(settings, name, getattr(defaults, name))
    url = reverse("admin:projects_recipient_export")
    form = superuser_client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    exported = superuser_client.post(url, data | {"format": XLSX, "resource": "0"}).content
    page = superuser_client.post(
        reverse("admin:projects_recipient_import"),
        {"import_file": SimpleUploadedFile("r.xlsx", exported), "format": XLSX, "resource": "0"},
    )
    assert page.context["result"].totals["skip"] > 200
