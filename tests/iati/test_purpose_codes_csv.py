"""fixtures/reference/purpose_codes.csv is generated from the vendored IATI Sector codelist."""

import csv
import io

from django.core.management import call_command

from iati.management.commands.purpose_codes_csv import DEFAULT


def test_the_committed_csv_is_what_the_command_writes_from_the_sector_codelist(tmp_path):
    path = tmp_path / "purpose_codes.csv"
    out = io.StringIO()
    call_command("purpose_codes_csv", "-o", str(path), stdout=out)
    assert out.getvalue() == f"325 purpose codes written to {path}.\n"
    assert path.read_bytes() == DEFAULT.read_bytes()


def test_each_row_has_its_name_category_and_status():
    with DEFAULT.open(encoding="utf-8", newline="") as f:
        rows = {row["code"]: row for row in csv.DictReader(f)}
    assert rows["15190"] == {
        "code": "15190",
        "name": "Facilitation of orderly, safe, regular and responsible migration and mobility",
        "category": "151",
        "status": "active",
    }
    assert rows["15162"]["status"] == "withdrawn"
