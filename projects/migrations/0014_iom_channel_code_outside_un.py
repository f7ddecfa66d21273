"""IOM's OECD channel code (47066) under its own range, 47000 "Other multilateral institution",
as the register and the 2007 report place IOM outside the UN family: the CRS list (as IATI
replicates it) files the code under 41100 UN entities only since its 2020 revision. Reloaded
from fixtures/reference/oecd_channel_codes.csv, with the changed code's historical record."""

from django.db import migrations

from projects import reference

REASON = "IOM's channel code under 47000, as in the 2007 report (oecd_channel_codes.csv)"


def load(apps, schema_editor):
    before = reference.snapshot(apps, "projects", "ChannelCode")
    reference.load_channel_codes(apps)
    reference.record_history(apps, "projects", "ChannelCode", before, REASON)


class Migration(migrations.Migration):
    dependencies = [("projects", "0013_merge_channel_codes_complete")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
