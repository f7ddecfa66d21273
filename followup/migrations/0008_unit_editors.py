from django.db import migrations

from projects import roles


def add_unit_editors(apps, schema_editor):
    roles.sync_roles(apps)


def delete_unit_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.UNIT_EDITORS).delete()


class Migration(migrations.Migration):
    # The Unit editors group (projects.roles), after every model it covers.
    dependencies = [
        ("followup", "0007_report_roles"),
        ("funding", "0015_facts_without_windows"),
        ("projects", "0018_unit_members"),
    ]

    operations = [migrations.RunPython(add_unit_editors, delete_unit_editors)]
