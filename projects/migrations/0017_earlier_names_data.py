from django.db import migrations


def load(apps, schema_editor):
    from projects.reference import load_earlier_names

    load_earlier_names(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0016_earlier_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
