from django.db import migrations

from projects import roles


def add_permissions(apps, schema_editor):
    roles.sync_roles(apps)


class Migration(migrations.Migration):
    # Editors and Analysts get the permissions of report headings and texts, earlier names and
    # the ministries' shares of the plans.
    dependencies = [
        ("followup", "0006_report_headings_and_texts"),
        ("measures", "0011_plan_responsibility"),
        ("projects", "0016_earlier_names"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
