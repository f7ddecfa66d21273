from django.db import migrations

from projects import roles


def add_unit_editors(apps, schema_editor):
    roles.sync_roles(apps)


def delete_unit_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.UNIT_EDITORS).delete()


class Migration(migrations.Migration):
    # The Unit editors group (projects.roles), after every model it covers.
    dependencies = [
        ("followup", "0009_report_texts_per_language"),
        ("funding", "0016_closed_year_triggers"),
        ("projects", "0022_unit_members"),
    ]

    operations = [migrations.RunPython(add_unit_editors, delete_unit_editors)]
