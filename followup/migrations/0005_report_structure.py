"""Efforts get the year of the report that tells of them (the former `year`), when they happened,
their order and heading in the report and an editorial note; the report's headings and texts
become records."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0004_translated_labels"),
    ]

    operations = [
        migrations.RenameField(model_name="effort", old_name="year", new_name="reported_in"),
        migrations.RenameField(model_name="historicaleffort", old_name="year", new_name="reported_in"),
    ]
