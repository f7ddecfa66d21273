"""The funding facts and their parts hold their amounts in øre (bigint), which PostgreSQL adds
up and compares faster than numerics; they are derived data, written again from the amounts."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """The facts of the amounts already recorded, in øre (funding.fact_refresh)."""
    from funding.fact_refresh import refresh

    if apps.get_model("funding", "YearlyAmount").objects.exists():
        refresh(summed=False)  # the sums' tables come in 0014


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
