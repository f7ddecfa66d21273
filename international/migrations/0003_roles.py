"""Editors and Analysts get the permissions of the new models (projects.roles)."""

from django.db import migrations

from projects import roles


def add_permissions(apps, schema_editor):
    roles.sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("international", "0002_reference_data"),
        ("projects", "0004_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
