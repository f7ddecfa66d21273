from django.db import migrations


def load(apps, schema_editor):
    from projects.reference import load_norwegian_names

    load_norwegian_names(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0018_norwegian_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
