from django.db import migrations


def load(apps, schema_editor):
    from measures.reference import load_responsibilities

    load_responsibilities(apps)


class Migration(migrations.Migration):
    dependencies = [("measures", "0011_plan_responsibility")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
