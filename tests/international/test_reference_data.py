"""The instruments and CETS No. 197's states, loaded from fixtures/reference/ and checked against
the memo and the report they quote (the drafter's verify.py, kept as tests)."""

from datetime import date

from django.core.management import call_command

from international.models import Instrument, InstrumentKind, InstrumentStatus
from tests.sources import citation_problems, rows

INSTRUMENTS = rows("instruments.csv")
STATUSES = rows("instrument_statuses.csv")
# The memo, section 2, in its own order and words (mapped to our names in the last two).
MEMO_RATIFIED = [
    "Albania", "Armenia", "Austria", "Belgium", "Bosnia and Herzegovina", "Bulgaria", "Croatia",
    "Cyprus", "Denmark", "France", "Georgia", "Latvia", "Luxembourg", "Malta", "Moldova",
    "Montenegro", "Norway", "Poland", "Portugal", "Romania", "Serbia", "Slovakia", "Slovenia",
    "Spain", "North Macedonia", "United Kingdom",
]  # fmt: skip
MEMO_SIGNED = [
    "Andorra", "Finland", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Ireland",
    "Lithuania", "Netherlands", "San Marino", "Sweden", "Switzerland", "Turkey", "Ukraine",
]  # fmt: skip


def test_every_quote_in_the_instrument_files_is_verbatim_in_the_source_it_cites():
    problems = {
        row.get("short_name") or row["state"]: found
        for row in INSTRUMENTS + STATUSES
        if (found := citation_problems(row["source"]))
    }
    assert problems == {}


def test_the_instrument_file_names_registered_organisations_and_ordered_dates():
    organisations = {row["name"] for row in rows("organisations.csv")}
    short_names = [row["short_name"] for row in INSTRUMENTS]
    assert len(short_names) == len(set(short_names)) == 23
    for row in INSTRUMENTS:
        assert row["kind"] in InstrumentKind.values, row["short_name"]
        assert row["adopted_by"] in organisations, row["short_name"]
        assert row["monitoring_body"] in ("", *organisations), row["short_name"]
        assert row["parent"] in ("", *short_names), row["short_name"]
        dates = [date.fromisoformat(row[c]) for c in ("adopted", "opened_for_signature",
                 "entered_into_force") if row[c]]  # fmt: skip
        assert dates == sorted(dates), row["short_name"]


def test_the_status_file_lists_each_state_of_the_memo_once_by_its_country_name():
    countries = {row["name"] for row in rows("countries.csv")}
    states = [row["state"] for row in STATUSES]
    assert len(states) == len(set(states)) == 41
    assert set(states) <= countries
    assert {row["instrument"] for row in STATUSES} == {"CETS No. 197"}


def test_it_loads_cets_197_with_the_memos_dates_body_and_monitor(db):
    cets = Instrument.objects.select_related("adopted_by__parent", "monitoring_body").get(
        short_name="CETS No. 197"
    )
    assert (
        cets.title == "Council of Europe Convention on Action against Trafficking in Human Beings"
    )
    assert cets.kind == InstrumentKind.CONVENTION
    assert (cets.adopted, cets.opened_for_signature, cets.entered_into_force) == (
        date(2005, 5, 3), date(2005, 5, 16), date(2008, 2, 1),
    )  # fmt: skip
    assert cets.adopted_by.name == "Committee of Ministers"
    assert cets.adopted_by.parent.name == "Council of Europe"
    assert cets.monitoring_body.name == "GRETA"


def test_the_memos_26_ratifications_and_15_signatures_of_cets_197_are_present(db):
    statuses = dict(
        InstrumentStatus.objects.filter(instrument__short_name="CETS No. 197").values_list(
            "country__name", "status"
        )
    )
    expected = dict.fromkeys(MEMO_RATIFIED, "ratified") | dict.fromkeys(MEMO_SIGNED, "signed")
    assert statuses == expected


def test_only_norways_dates_are_recorded_and_they_come_from_the_report(db):
    dated = InstrumentStatus.objects.exclude(
        signature=None, ratification=None, entry_into_force=None
    )
    norway = dated.get()
    assert norway.country.name == "Norway" and norway.signature is None
    assert (norway.ratification, norway.entry_into_force) == (date(2007, 12, 21), date(2008, 5, 1))
    assert 'Report, section 11 (The Council of Europe): "was ratified by Norway' in norway.source
    assert not InstrumentStatus.objects.exclude(as_of=None).exists()


def test_the_un_convention_and_the_palermo_protocol_have_their_dates_and_no_states(db):
    untoc = Instrument.objects.get(short_name="UNTOC")
    palermo = Instrument.objects.get(short_name="Palermo Protocol")
    assert palermo.parent == untoc
    assert (untoc.entered_into_force, palermo.entered_into_force) == (
        date(2003, 9, 29), date(2003, 12, 25),
    )  # fmt: skip
    assert palermo.opened_for_signature is None
    assert not InstrumentStatus.objects.filter(instrument__in=[untoc, palermo]).exists()


def test_dates_the_memo_gives_only_as_a_year_are_left_blank(db):
    for short_name in ["OSCE Action Plan", "Nordic Council Rec. 25/2005", "EU Action Plan"]:
        instrument = Instrument.objects.get(short_name=short_name)
        assert instrument.adopted is None, short_name
        assert "adopted date left empty" in instrument.source, short_name


def test_loading_the_reference_data_again_changes_nothing(db):
    before = list(InstrumentStatus.objects.values()), list(Instrument.objects.values())
    history = InstrumentStatus.history.count() + Instrument.history.count()
    call_command("load_reference", stdout=None)
    after = list(InstrumentStatus.objects.values()), list(Instrument.objects.values())
    assert before == after
    assert InstrumentStatus.history.count() + Instrument.history.count() == history


def test_the_migration_records_a_history_for_each_loaded_row(db):
    assert Instrument.history.count() == Instrument.objects.count() == 23
    assert InstrumentStatus.history.filter(history_type="+").count() == 41
