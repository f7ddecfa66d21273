"""The ratification chart import: the command and the resource it shares with the admin. The
charts in tests/data/ are made up; their dates are not facts."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from international.models import InstrumentStatus

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = "Test chart"


def run(name, *extra, instrument="CETS No. 197"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_ratifications", str(DATA / name), "--instrument", instrument,
        "--source", SOURCE, "--as-of", "2010-03-01", *extra, stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue()


def refusals(name, **kwargs):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_ratifications", str(DATA / name), "--instrument", "CETS No. 197",
            "--source", SOURCE, stderr=err,
        )  # fmt: skip
    return err.getvalue().splitlines()


def chart(instrument="CETS No. 197"):
    return {
        s.country.name: s
        for s in InstrumentStatus.objects.filter(instrument__short_name=instrument).select_related(
            "country"
        )
    }


def snapshot():
    return list(InstrumentStatus.objects.order_by("pk").values())


def test_a_dry_run_previews_the_chart_and_writes_nothing(db):
    before = snapshot()
    out = run("chart-good.csv", "--dry-run")
    assert "update: Albania – CETS No. 197" in out
    assert "skip: " in out
    assert "Would write: 6 update, 1 skip" in out
    assert snapshot() == before


def test_it_records_a_charts_dates_status_source_and_as_of(db):
    out = run("chart-good.csv")
    assert "Wrote: 6 update, 1 skip" in out
    states = chart()
    albania = states["Albania"]
    assert (albania.signature, albania.ratification, albania.entry_into_force) == (
        date(2005, 12, 22), date(2007, 2, 6), date(2008, 2, 1),
    )  # fmt: skip
    assert (albania.status, albania.source, albania.as_of) == ("ratified", SOURCE, date(2010, 3, 1))
    assert states["North Macedonia"].ratification == date(2007, 4, 27)  # by its alias
    assert states["Slovakia"].signature == date(2005, 5, 19)  # by its ISO code
    assert states["Germany"].signature == date(2005, 11, 17)  # footnote number ignored
    assert states["Germany"].status == "signed"
    assert "Estonia" not in states  # a row without dates records nothing
    assert albania.history.first().history_change_reason is None


def test_a_blank_cell_keeps_a_date_already_recorded(db):
    run("chart-good.csv")
    norway = chart()["Norway"]
    assert norway.signature == date(2005, 5, 16)
    assert (norway.ratification, norway.entry_into_force) == (date(2007, 12, 21), date(2008, 5, 1))
    assert norway.status == "ratified"


def test_importing_the_same_chart_again_changes_nothing(db):
    run("chart-good.csv")
    before = snapshot()
    assert "Wrote: 7 skip" in run("chart-good.csv")
    assert snapshot() == before


def test_it_reads_the_un_layout_with_its_marks_and_without_entry_into_force(db):
    out = run("chart-un-layout.csv", instrument="UNTOC")
    assert "Wrote: 6 new" in out
    states = chart("UNTOC")
    assert states["Norway"].ratification == date(2003, 9, 23)
    assert states["Norway"].ratification_kind == ""  # no mark: the source does not say
    assert {name: s.ratification_kind for name, s in states.items() if s.ratification_kind} == {
        "Montenegro": "succession",
        "Andorra": "acceptance",
        "Bahamas": "approval",
        "Bahrain": "accession",
    }
    assert states["Bahrain"].signature is None and states["Bahrain"].status == "ratified"


def test_unknown_states_regional_recipients_and_repeated_states_are_refused(db):
    before = snapshot()
    assert refusals("chart-bad-states.csv") == [
        "Row 2 (Atlantis), state: Unknown state 'Atlantis': no country has this name, alias "
        "or code.",
        "Row 3 (Albanai), state: Unknown state 'Albanai': no country has this name, alias or "
        'code; did you mean "Albania"?',
        "Row 4 (Global), state: 'Global' is a regional recipient, not a state.",
        "Row 5 (Albania), state: Albania is listed twice (rows 1 and 5).",
        "Row 6 (Belgium), status: Belgium is recorded as ratified; the chart gives only a "
        "signature date.",
    ]
    assert snapshot() == before  # Albania's good row 1 is not written either


def test_impossible_dates_are_refused_with_both_dates_named(db):
    before = snapshot()
    assert refusals("chart-bad-dates.csv") == [
        "Row 2 (Germany), ratification: The ratification (2 January 2006) cannot come before "
        "the signature (17 November 2006).",
        "Row 3 (Greece), entry into force: The entry into force (1 February 2009) cannot come "
        "before the ratification (1 March 2009).",
        "Row 4 (Hungary), signature: '31/02/2006' is not a date: write 2005-05-16, "
        "16/05/2005 or 16 May 2005.",
        "Row 5 (Iceland), signature: The signature (1 May 2005) cannot come before the "
        "instrument was opened for signature or adopted (16 May 2005).",
        "Row 6 (Italy), signature: '16/05/2005 a' is not a date: write 2005-05-16, "
        "16/05/2005 or 16 May 2005.",
        "Row 7 (Ireland), entry into force: The entry into force (1 January 2008) cannot come "
        "before the ratification (1 March 2008).",
    ]
    assert snapshot() == before  # Austria's good row 1 is not written either


def test_a_file_without_the_charts_columns_is_refused(db):
    assert refusals("chart-bad-columns.csv") == [
        "The file has no column Signature, Ratification: a chart has the columns State, "
        "Signature, Ratification and Entry into force."
    ]


def test_an_unknown_instrument_is_refused(db):
    with pytest.raises(CommandError, match="No instrument has the short name 'CETS 999'"):
        run("chart-good.csv", instrument="CETS 999")


def test_a_chart_for_an_instrument_states_do_not_sign_is_refused(db):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_ratifications", str(DATA / "chart-good.csv"), "--instrument", "EU Action Plan",
            "--source", SOURCE, stderr=err,
        )  # fmt: skip
    assert err.getvalue().splitlines() == [
        "States sign and ratify conventions and protocols; EU Action Plan is an action plan."
    ]
