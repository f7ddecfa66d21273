from django.db import migrations

from projects import roles


def add_permissions(apps, schema_editor):
    roles.sync_roles(apps)


class Migration(migrations.Migration):
    # Editors and Analysts get the permissions of efforts and of measures' statuses.
    dependencies = [
        ("followup", "0002_link_history"),
        ("measures", "0006_measure_status"),
        ("projects", "0004_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
