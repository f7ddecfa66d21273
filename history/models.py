"""The audit trail's shared parts, used by every app's models and history migrations: the
abstract base of every historical model, which records the import run that made a change, and
the change reason an import gives its records; and the data version the page cache keys on.

Imports write their history with set-based SQL (imports.history), stamping each record
with `import_run_id` and `import_run_reason(run.pk)`; edits in the admin leave both empty.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImportRunStamp(models.Model):
    """Extra columns of every historical record."""

    import_run_id = models.PositiveIntegerField(
        _("import run"), null=True, blank=True, help_text=_("Set when an import made it.")
    )

    class Meta:
        abstract = True


def bulk_history(*unindexed):
    """The history of a model that imports write in bulk (projects, their measure shares,
    agreements, yearly amounts): one historical record per row, which the importer writes with
    set-based SQL (imports.history).

    Two costs are left out, because each was paid once per imported row:
    - indexes on the copied fields `unindexed` (foreign keys, the agreement number): records
      are looked up by id and by date, never by those;
    - the database constraint on history_user, which made each commit check every new record
      against the user table. Django still clears history_user when a user is deleted
      (simple-history's on_delete=SET_NULL), and the column keeps its index for that.
    """
    return HistoricalRecords(
        bases=[ImportRunStamp], no_db_index=list(unindexed), user_db_constraint=False
    )


def import_run_reason(run_id):
    """The change reason of the historical records an import run writes."""
    return f"Import run #{run_id}"


def record_existing_rows(apps, app_label, model_names):
    """Give every existing row a first historical record, so that its first edit shows the old
    values. For migrations that add history to models which already hold rows."""
    from django.utils import timezone

    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        history = apps.get_model(app_label, f"Historical{name}")
        history.objects.bulk_create(
            [
                history(
                    **row,
                    history_date=now,
                    history_type="+",
                    history_change_reason="Existing record when the history began",
                )
                for row in model.objects.values().iterator()
            ],
            batch_size=1000,
        )


class DataVersion(models.Model):
    """The version of the records the pages read: one row, bumped (history.versions) in the
    same transaction as every change to them, and part of every cached page's key."""

    version = models.PositiveBigIntegerField(default=1)
    token = models.CharField(max_length=32, help_text="Random, new with every bump.")
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"Data version {self.version}"
