"""The organisation register: every organisation the memo names (and every funding channel), with
its kind, website, description and source, from fixtures/reference/organisations.csv."""

from django.db import migrations

from projects import reference

REASON = "Organisation register loaded from fixtures/reference/organisations.csv"


def load(apps, schema_editor):
    before = reference.snapshot(apps, "projects", "Channel")
    reference.load_partners(apps)
    reference.load_register(apps)
    reference.record_history(apps, "projects", "Channel", before, REASON)


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_organisation_register")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
