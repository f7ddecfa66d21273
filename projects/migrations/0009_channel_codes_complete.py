"""The OECD CRS channel codes the code table's parents name (41100, 41300, 50000, from the CRS
channel code list as IATI replicates it) and ILO's channel code, from fixtures/reference/."""

from django.db import migrations

from projects import reference

REASON = "OECD channel codes completed from fixtures/reference/oecd_channel_codes.csv"


def load(apps, schema_editor):
    before = reference.snapshot(apps, "projects", "Channel")
    reference.load_partners(apps)
    reference.record_history(apps, "projects", "Channel", before, REASON)


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_organisation_register_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
