"""The funding facts and their parts hold their amounts in øre (bigint), which PostgreSQL adds
up and compares faster than numerics; they are derived data, written again from the amounts."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """Nothing: 0015 writes the facts of the amounts already recorded, with the columns of
    today's code (funding.refresh), which these tables do not have yet."""


def empty(apps, schema_editor):
    """Back to the facts in NOK: empty (0012 leaves them to this migration to write)."""
    for name in ("FactPart", "Fact"):
        apps.get_model("funding", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0012_funding_facts"),
    ]

    operations = [
        migrations.RemoveField(model_name="fact", name="amount"),
        migrations.RemoveField(model_name="factpart", name="amount"),
        migrations.AddField(
            model_name="fact",
            name="ore",
            field=models.BigIntegerField(default=0, verbose_name="amount (øre)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="factpart",
            name="ore",
            field=models.BigIntegerField(default=0, verbose_name="amount (øre)"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, empty, elidable=True),
    ]
