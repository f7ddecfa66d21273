"""The audit trail of an import: one historical record per row it creates, changes or deletes.

The import writes with set-based SQL, which django-simple-history does not see, so the history is
written the same way: one INSERT … SELECT per table, stamped with the import run, its user and
the reason "Import run #N" (history.models), in the import's transaction.
"""

from django.db import connection
from django.utils import timezone

from funding.models import YearlyAmount
from history.models import import_run_reason
from projects.models import Agreement, Project, ProjectMeasure

MODELS = {"project": Project, "agreement": Agreement, "amount": YearlyAmount, "pm": ProjectMeasure}

# Rows that existed before the import and that it changes, from the stage's old_* columns
# (a project's own values by the staged-row description's "changed" predicate).
CHANGED = {
    "project": """SELECT project_id FROM import_proj WHERE project_id <= {before}
        AND (measures_changed = 1 OR {values_changed})""",
    "agreement": """SELECT agreement_id FROM import_agr WHERE agreement_id <= {before}
        AND (first_year < old_first OR last_year > old_last)""",
    "amount": """SELECT old_id FROM import_amt WHERE old_id IS NOT NULL
        AND (old_ore <> ore OR old_status <> status)""",
    "pm": "SELECT id FROM {table} WHERE 1 = 0",  # measure rows are replaced, never changed
}


def _columns(model):
    return [field.column for field in model._meta.concrete_fields]


def highest_ids(stage):
    """The largest primary key of each table before the import writes: larger ones are new."""
    ids = {}
    for key, model in MODELS.items():
        stage.cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        ids[key] = stage.cursor.fetchone()[0]
    return ids


def _insert(stage, model, run, select_where, history_type, params=()):
    history_table = model.history.model._meta.db_table
    columns = _columns(model)
    stamp = [
        connection.ops.adapt_datetimefield_value(timezone.now()),
        import_run_reason(run.pk),
        run.user_id,
        run.pk,
    ]
    stage.cursor.execute(
        f"""INSERT INTO {history_table} ({", ".join(columns)}, history_date,
        history_change_reason, history_user_id, import_run_id, history_type)
        SELECT {", ".join(f"t.{c}" for c in columns)}, %s, %s, %s, %s, {history_type}
        FROM {model._meta.db_table} AS t WHERE {select_where}""",
        [*stamp, *params],
    )


def record_deleted_measures(stage, run):
    """'-' records for the measure shares an import is about to replace."""
    _insert(
        stage,
        ProjectMeasure,
        run,
        "t.project_id IN (SELECT project_id FROM import_proj WHERE measures_changed = 1)",
        "'-'",
    )


def record_changes(stage, run, before):
    """'+' records for the rows created since `before` (highest_ids), '~' for changed rows."""
    values_changed = stage.schema.changed()
    for key, model in MODELS.items():
        changed = CHANGED[key].format(
            before=int(before[key]), values_changed=values_changed, table=model._meta.db_table
        )
        _insert(stage, model, run, "t.id > %s", "'+'", [before[key]])
        _insert(stage, model, run, f"t.id IN ({changed})", "'~'")
