"""Reference data of the international app, read from fixtures/reference/: the instruments the
memo names (instruments.csv) and the states' signatures and ratifications it lists
(instrument_statuses.csv). Organisations are named as in the register, states as in
countries.csv. Used by the data migration (with historical models) and by `manage.py
load_reference`; idempotent, and never blanks out a value staff filled in.
"""

from datetime import date

from measures.reference import fill, reference_rows

INSTRUMENT_FIELDS = ["title", "kind", "source"]
INSTRUMENT_DATES = ["adopted", "opened_for_signature", "entered_into_force"]
STATUS_DATES = ["signature", "ratification", "entry_into_force", "as_of"]


def day(text):
    return date.fromisoformat(text) if text else None


def load(apps):
    instruments = load_instruments(apps)
    load_statuses(apps, instruments)


def load_instruments(apps):
    Channel = apps.get_model("projects", "Channel")
    Instrument = apps.get_model("international", "Instrument")
    organisations = dict(Channel.objects.values_list("name", "id"))
    rows = list(reference_rows("instruments.csv"))
    instruments = {}
    for row in rows:
        values = {field: row[field] for field in INSTRUMENT_FIELDS}
        values |= {field: day(row[field]) for field in INSTRUMENT_DATES}
        values["adopted_by_id"] = organisations[row["adopted_by"]] if row["adopted_by"] else None
        body = row["monitoring_body"]
        values["monitoring_body_id"] = organisations[body] if body else None
        instruments[row["short_name"]] = fill(Instrument, {"short_name": row["short_name"]}, values)
    for row in rows:
        instrument = instruments[row["short_name"]]
        if row["parent"] and instrument.parent_id is None:
            instrument.parent = instruments[row["parent"]]
            instrument.save(update_fields=["parent"])
    return instruments


def load_statuses(apps, instruments):
    Recipient = apps.get_model("projects", "Recipient")
    InstrumentStatus = apps.get_model("international", "InstrumentStatus")
    states = dict(Recipient.objects.filter(kind="country").values_list("name", "id"))
    for row in reference_rows("instrument_statuses.csv"):
        values = {"status": row["status"], "source": row["source"]}
        values |= {field: day(row[field]) for field in STATUS_DATES}
        fill(
            InstrumentStatus,
            {"instrument": instruments[row["instrument"]], "country_id": states[row["state"]]},
            values,
        )
