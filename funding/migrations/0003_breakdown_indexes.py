"""A covering index for the breakdowns' scans of yearly amounts filtered by year.

With amount, status and id included, PostgreSQL can answer the amount side of a year-filtered
breakdown from the index alone. PostgreSQL only (INCLUDE); the model state does not change.
"""

from django.db import migrations

NAME = "amount_year_covering"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON funding_yearlyamount "
            "(year, agreement_id) INCLUDE (amount, status, id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_importrun")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
