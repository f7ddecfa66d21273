from django.db import migrations

from projects import roles


def add_permissions(apps, schema_editor):
    roles.sync_roles(apps)


class Migration(migrations.Migration):
    # Editors see closed years and their history (/changes/ reads every audited model);
    # closing and reopening stay with superusers (funding/admin_closing.py).
    dependencies = [
        ("funding", "0007_closed_years_and_amount_version"),
        ("projects", "0004_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
