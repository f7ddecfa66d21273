"""Kinds for the demo's organisations that had none: CARE, Caritas and the Red Cross are the
Norwegian organisations (the register's aliases: CARE Norge, Caritas Norge, Norwegian Red Cross),
as is the Football Association of Norway; all four Norwegian NGOs."""

from django.db import migrations

from projects import reference

REASON = "Organisation kinds from fixtures/reference/organisations.csv (demo organisations)"


def load(apps, schema_editor):
    before = reference.snapshot(apps, "projects", "Channel")
    reference.load_register(apps)
    reference.record_history(apps, "projects", "Channel", before, REASON)


class Migration(migrations.Migration):
    dependencies = [("projects", "0019_norwegian_names_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
