"""The plans' pledges (report 2007, section 2.2) and the goals' source, from
fixtures/reference/plans.csv and goals.csv."""

from django.db import migrations

from measures import reference


def load(apps, schema_editor):
    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_plan_pledges_and_goal_sources")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
