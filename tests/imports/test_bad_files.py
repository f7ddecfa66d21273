"""Deliberately bad files in tests/data: every error reported at once, nothing written."""

import pytest

from .importing import DATA, run_import, snapshot


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad-several-errors.csv",
            [
                'line 2, column "Avtalepartner", value "Norwegain Church Aid"',
                'did you mean "Norwegian Church Aid"',
                'line 3, column "Land", value "Bosnia-Herzegowina"',
                'line 3, column "Forvaltende enhet", value "West Balkans Sektion"',
                'line 4, column "Tiltak", value "38"',
                'line 4, column "2006", value "-300"',
                'line 4, column "2007", value "abc"',
            ],
        ),
        ("bad-ends-mid-row.csv", ["Line 3: the file ends inside a quoted cell"]),
        ("bad-wrong-bom.csv", ["UTF-8"]),
    ],
)
def test_a_bad_file_reports_every_error_and_writes_nothing(db, name, expected):
    before = snapshot()
    code, _out, err = run_import(DATA / name)
    assert code == 1
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"
    assert snapshot() == before
