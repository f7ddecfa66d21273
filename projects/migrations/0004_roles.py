from django.db import migrations

from projects import roles


def create_roles(apps, schema_editor):
    roles.sync_roles(apps)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[roles.EDITORS, roles.ANALYSTS]
    ).delete()


class Migration(migrations.Migration):
    # After the history tables, so that editors also get the permissions to read histories.
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("measures", "0003_history"),
        ("projects", "0003_history"),
        ("funding", "0004_history"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
