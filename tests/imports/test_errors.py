"""Every bad input: a clear message naming line, column and value; exit 1; nothing written."""

import random

import pytest

from funding.models import ImportRun

from .importing import DATA, run_import, snapshot, write

HEAD = "Agreement no,Project title,Agreement partner,Country,Administering unit,Measures,2007\n"
LONG = "Agreement no,Project,Partner,Country,Unit,Year,Amount\n"
ROW = ",Vatra Centre,Norwegian Church Aid,Albania,West Balkans Section,1,{}\n"
OBJECTIVE = "Project,Partner,Country,Unit,Measures,Objective,2007\n"

BAD_INPUTS = {
    "empty file": (b"", ["The file is empty"]),
    "header only": (HEAD, ["header but no data rows"]),
    "missing required column": (
        "Project,Country,Unit,2007\nA,Albania,West Balkans Section,5\n",
        ['Missing required column for channel: name it one of "agreement partner"'],
    ),
    "unknown country": (
        HEAD + ",A,IOM,Bosnia-Herzegowina,West Balkans Section,1,5\n",
        [
            'line 2, column "Country", value "Bosnia-Herzegowina": unknown recipient',
            'did you mean "Bosnia and Herzegovina"',
        ],
    ),
    "unknown partner": (
        HEAD + ",A,Norwegain Church Aid,Albania,West Balkans Section,1,5\n",
        [
            'line 2, column "Agreement partner", value "Norwegain Church Aid": unknown agreement '
            'partner (channel); did you mean "Norwegian Church Aid"',
        ],
    ),
    "measure 38": (
        HEAD + ',A,IOM,Albania,West Balkans Section,"1; 38",5\n',
        [
            'line 2, column "Measures", value "1; 38": measure 38 does not exist (the plan has '
            "measures 1–37)"
        ],
    ),
    "year 20O7 in a cell": (
        LONG + ",A,IOM,Albania,West Balkans Section,20O7,5\n",
        ['line 2, column "Year", value "20O7": not a year', "did you mean 2007?"],
    ),
    "year 20O7 as a column": (
        HEAD.replace("2007", "20O7") + ROW.format(5),
        ['Column "20O7" is not a year; did you mean "2007"?'],
    ),
    "negative amount": (
        HEAD + ROW.format("-5000"),
        ['line 2, column "2007", value "-5000": an amount cannot be negative'],
    ),
    "text in an amount cell": (
        HEAD + ROW.format("about 5000"),
        ['line 2, column "2007", value "about 5000": not an amount in NOK'],
    ),
    "duplicate agreement and year with different amounts": (
        LONG + ",A,IOM,Albania,West Balkans Section,2007,5\n"
        ",A,IOM,Albania,West Balkans Section,2007,6\n",
        ['"A" has two different amounts for 2007 (lines 2 and 3: NOK 5 and NOK 6)'],
    ),
    "duplicate agreement and year with one amount and two statuses": (
        LONG.replace("Amount", "Amount,Status")
        + ",A,IOM,Albania,West Balkans Section,2007,5,planned\n"
        ",A,IOM,Albania,West Balkans Section,2007,5,disbursed\n",
        ['"A" has two different amounts for 2007 (lines 2 and 3: different statuses)'],
    ),
    "one project with two objectives": (
        OBJECTIVE + "A,IOM,Albania,West Balkans Section,1,main,5\n"
        "A,IOM,Albania,Norad,1,subsidiary,5\n",
        ['line 3, column "objective/measures", value "A": the project "A"', "different objective"],
    ),
    "one project with two sets of measures": (
        OBJECTIVE + "A,IOM,Albania,West Balkans Section,1,main,5\n"
        'A,IOM,Albania,Norad,"1; 33",main,5\n',
        ['line 3, column "objective/measures", value "A"', "different measures"],
    ),
    "an amount too large": (
        HEAD + ROW.format("12345678901234"),
        ['value "12345678901234": the amount is too large'],
    ),
    "one agreement number with two partners": (
        HEAD + "X-1,A,IOM,Albania,West Balkans Section,1,5\n"
        "X-1,A,CARE,Albania,West Balkans Section,1,5\n",
        [
            'line 3, column "partner", value "CARE": agreement number X-1 has the partner '
            '"International Organization for Migration" on line 2'
        ],
    ),
    "one agreement number with two units": (
        HEAD + "X-1,A,IOM,Albania,West Balkans Section,1,5\nX-1,A,IOM,Albania,Norad,1,5\n",
        [
            'line 3, column "administering unit", value "Norad": agreement number X-1 has the '
            'administering unit "West Balkans Section" on line 2'
        ],
    ),
    "a 10 MB line": (HEAD + ROW.format("5" * 10_000_000), ["Line 2: a cell is longer than"]),
    "binary garbage": (
        b"PK\x03\x04" + random.Random(1).randbytes(20_000),
        ["not a text file"],
    ),
    "UTF-16 byte-order mark on a UTF-8 file": (
        b"\xff\xfe" + (HEAD + ROW.format(5)).encode(),
        ["read as UTF-16 because its byte-order mark says so"],
    ),
    "UTF-8 byte-order mark on a Windows-1252 file": (
        b"\xef\xbb\xbf" + (HEAD + ROW.format(5).replace("Vatra", "Våtra")).encode("cp1252"),
        ["declares UTF-8 by its byte-order mark", "not valid UTF-8"],
    ),
    "a file that ends inside a quoted cell": (
        HEAD + ROW.format(5) + ',"Vatra Centre,Norwegian',
        ["Line 3: the file ends inside a quoted cell"],
    ),
    "a file that ends mid-row": (
        HEAD + ROW.format(5) + ",Vatra Centre,Norwegian Church Aid,Alb",
        ["Line 3 has 4 cells but the header has 7; the row is cut short"],
    ),
}


@pytest.fixture
def existing(db):
    assert run_import(DATA / "project-list-wide.csv")[0] == 0
    return snapshot()


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(name, existing, tmp_path):
    content, messages = BAD_INPUTS[name]
    code, _out, err = run_import(write(tmp_path, content))
    assert code == 1
    for message in messages:
        assert message in err
    assert "nothing written" in err
    assert snapshot() == existing
    run = ImportRun.objects.first()
    assert not run.succeeded and run.errors


def test_it_reports_every_error_at_once(existing, tmp_path):
    text = HEAD + ROW.format("-1") + ",B,IOM,Narnia,West Balkans Section,99,x\n"
    code, _, err = run_import(write(tmp_path, text))
    assert code == 1
    assert "line 2" in err and "Narnia" in err and "measure 99" in err and '"x"' in err
    assert len(ImportRun.objects.first().errors) == 4


def test_unknown_partners_and_units_are_created_only_when_asked(existing, tmp_path):
    path = write(tmp_path, HEAD + ",A,New Partner,Albania,Embassy in Oslo,1,5\n")
    assert run_import(path)[0] == 1
    code, out, _ = run_import(path, "--create-missing")
    assert code == 0
    assert "channels created: New Partner" in out and "units created: Embassy in Oslo" in out
    assert run_import(path)[1].count("unchanged") == 3


def test_a_number_recorded_for_another_project_is_refused(existing, tmp_path):
    assert (
        run_import(write(tmp_path, HEAD + "X-9,A,IOM,Albania,West Balkans Section,1,5\n"))[0] == 0
    )
    state = snapshot()
    code, _, err = run_import(
        write(tmp_path, HEAD + "X-9,B,IOM,Albania,West Balkans Section,1,5\n")
    )
    assert code == 1
    assert 'agreement X-9 is already recorded for "A"' in err
    assert snapshot() == state
