"""The audit trail's shared parts, used by every app's models and history migrations: the
abstract base of every historical model, which records the import run that made a change, and
the context an import sets so that its changes carry it. Abstract only: no table, no migration.

Usage by an import (plain saves; `bulk_create_with_history` takes `custom_historical_attrs`
and `default_change_reason` instead):

    with import_run(run.pk):
        ...  # every historical record written here gets import_run_id and the change reason
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

_current_import_run = ContextVar("current_import_run", default=None)


class ImportRunStamp(models.Model):
    """Extra columns of every historical record."""

    import_run_id = models.PositiveIntegerField(
        "import run", null=True, blank=True, help_text="Set when an import made it."
    )

    class Meta:
        abstract = True


def bulk_history(*unindexed):
    """The history of a model that imports write in bulk (projects, their measure shares,
    agreements, yearly amounts): one historical record per row, which the importer writes with
    set-based SQL (funding.importing.history).

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
    return f"Import run #{run_id}"


@contextmanager
def import_run(run_id):
    """Stamp every historical record written inside the block with the import run `run_id`."""
    token = _current_import_run.set(run_id)
    try:
        yield
    finally:
        _current_import_run.reset(token)


# simple-history's documented way to fill extra fields of a historical record.
@receiver(pre_create_historical_record)
def stamp_import_run(sender, history_instance, **kwargs):
    run_id = _current_import_run.get()
    if run_id is None or not isinstance(history_instance, ImportRunStamp):
        return
    history_instance.import_run_id = run_id
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = import_run_reason(run_id)


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
