"""The instruments the memo names and the states it lists as having signed or ratified CETS
No. 197, from fixtures/reference/instruments.csv and instrument_statuses.csv."""

from django.db import migrations

from international import reference
from projects.reference import record_history, snapshot

REASON = "Reference data loaded from fixtures/reference/"
MODELS = ["Instrument", "InstrumentStatus"]


def load(apps, schema_editor):
    before = {name: snapshot(apps, "international", name) for name in MODELS}
    reference.load(apps)
    for name in MODELS:
        record_history(apps, "international", name, before[name], REASON)


class Migration(migrations.Migration):
    dependencies = [
        ("international", "0001_initial"),
        ("projects", "0008_organisation_register_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
