"""What an import would change, counted and described from the resolved stage (reads only).

`count_changes` gives the `Counts` the summary, the Import run and `write_import` use; the
change log (old → new per field, the first MAX_CHANGES) and the preview of the first amounts
come with it. A project's own values are compared with the staged-row description's
"changed" predicate, the same one the writes and the audit trail use.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .conflicts import nok

MAX_CHANGES = 5000
PREVIEW_ROWS = 20


@dataclass
class Counts:
    projects_created: int = 0
    projects_updated: int = 0
    projects_unchanged: int = 0
    agreements_created: int = 0
    agreements_updated: int = 0
    agreements_unchanged: int = 0
    amounts_created: int = 0
    amounts_updated: int = 0
    amounts_unchanged: int = 0
    fields_changed: int = 0  # projects whose own fields (not measures) change
    measures_replaced: int = 0  # existing projects whose measures change
    changes: list = field(default_factory=list)
    preview: list = field(default_factory=list)

    @property
    def anything_changed(self):
        return any(
            (
                self.projects_created,
                self.projects_updated,
                self.agreements_created,
                self.agreements_updated,
                self.amounts_created,
                self.amounts_updated,
            )
        )

    def fingerprint(self):
        """A digest of everything counted and described: a confirmation whose fingerprint
        differs from its preview's would do something else than the preview showed."""
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def changed_since_preview():
    return _(
        "The records changed since the preview (another import or an edit), so this import "
        "would now change something else than the preview showed; nothing was written. "
        "Preview again."
    )


def count_changes(stage, lookups):
    """Count and describe what the import would change (reads only)."""
    c = Counts()
    count_projects(stage, c)
    c.agreements_created, c.agreements_updated, total = stage.sql(
        """SELECT SUM(CASE WHEN agreement_id IS NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN agreement_id IS NOT NULL AND (first_year < old_first
          OR last_year > old_last) THEN 1 ELSE 0 END), COUNT(*) FROM import_agr"""
    ).fetchone()
    c.agreements_unchanged = total - c.agreements_created - c.agreements_updated
    c.amounts_created, c.amounts_updated, total = stage.sql(
        """SELECT SUM(CASE WHEN old_id IS NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN old_id IS NOT NULL AND (old_ore <> ore OR old_status <> status)
          THEN 1 ELSE 0 END), COUNT(*) FROM import_amt"""
    ).fetchone()
    c.amounts_unchanged = total - c.amounts_created - c.amounts_updated
    for name in vars(c):
        if getattr(c, name) is None:
            setattr(c, name, 0)
    describe_changes(stage, lookups, c)
    return c


def count_projects(stage, c):
    changed = stage.schema.changed()
    c.projects_created, c.projects_updated, total, c.fields_changed, c.measures_replaced = (
        stage.sql(
            f"""SELECT
            SUM(CASE WHEN project_id IS NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN project_id IS NOT NULL AND (measures_changed = 1 OR {changed})
              THEN 1 ELSE 0 END), COUNT(*),
            SUM(CASE WHEN project_id IS NOT NULL AND ({changed}) THEN 1 ELSE 0 END),
            SUM(CASE WHEN project_id IS NOT NULL AND measures_changed = 1 THEN 1 ELSE 0 END)
            FROM import_proj"""
        ).fetchone()
    )
    c.projects_unchanged = total - c.projects_created - c.projects_updated


def describe_changes(stage, lookups, c):
    """The change log (old → new) and the preview of the first amounts."""
    if c.projects_updated:
        describe_project_values(stage, c)
    if c.measures_replaced:
        describe_measures(stage, lookups, c)
    if c.agreements_updated:
        describe_periods(stage, lookups, c)
    if c.amounts_updated:
        describe_amounts(stage, lookups, c)
    preview_amounts(stage, lookups, c)


def describe_project_values(stage, c):
    schema = stage.schema
    for title, *pairs in stage.all(
        f"""SELECT title, {schema.compared()} FROM import_proj
        WHERE project_id IS NOT NULL AND ({schema.changed()}) ORDER BY line LIMIT {MAX_CHANGES}"""
    ):
        for column, new, old in zip(schema.project_values, pairs[::2], pairs[1::2], strict=True):
            if new is not None and new != old:
                c.changes.append(change("project", title, column.key, old, new))


def describe_measures(stage, lookups, c):
    numbers = {pk: n for n, pk in lookups.measures.items()}
    sets = {sid: key for key, sid in lookups.measure_sets.items()}
    old = {}
    for project, measure, share in stage.all(
        """SELECT pm.project_id, pm.measure_id, pm.share FROM {pm} AS pm
        JOIN import_proj AS p ON p.project_id = pm.project_id WHERE p.measures_changed = 1
        ORDER BY pm.project_id, pm.measure_id"""
    ):
        old.setdefault(project, []).append((measure, share))
    for project, title, measure_set in stage.all(
        f"""SELECT project_id, title, measure_set FROM import_proj WHERE measures_changed = 1
        AND project_id IS NOT NULL ORDER BY line LIMIT {MAX_CHANGES}"""
    ):
        shown = [
            measure_text(numbers, old.get(project, [])),
            measure_text(numbers, sets[measure_set]),
        ]
        c.changes.append(change("project", title, "measures", *shown))


def describe_periods(stage, lookups, c):
    for number, title, unit, first, last, old_first, old_last in stage.all(
        f"""SELECT number, title, unit_id, first_year, last_year, old_first, old_last
        FROM import_agr WHERE agreement_id IS NOT NULL
        AND (first_year < old_first OR last_year > old_last) ORDER BY line
        LIMIT {MAX_CHANGES}"""
    ):
        new = period(min(first, old_first), max(last, old_last))
        record = label(lookups, number, title, unit)
        c.changes.append(change("agreement", record, "period", period(old_first, old_last), new))


def describe_amounts(stage, lookups, c):
    for number, title, unit, year, old, new, old_status, status in stage.all(
        f"""SELECT g.number, g.title, g.unit_id, a.year, a.old_ore, a.ore, a.old_status,
        a.status FROM import_amt AS a JOIN import_agr AS g ON g.akey = a.akey
        WHERE a.old_id IS NOT NULL AND (a.old_ore <> a.ore OR a.old_status <> a.status)
        ORDER BY a.line, a.year LIMIT {MAX_CHANGES}"""
    ):
        c.changes.append(
            change(
                "amount",
                label(lookups, number, title, unit),
                str(year),
                f"{nok(old)} ({old_status})",
                f"{nok(new)} ({status})",
            )
        )


def preview_amounts(stage, lookups, c):
    for line, number, title, unit, year, old, new, old_status, status in stage.all(
        f"""SELECT a.line, g.number, g.title, g.unit_id, a.year, a.old_ore, a.ore, a.old_status,
        a.status FROM (SELECT * FROM import_amt ORDER BY line, year LIMIT {PREVIEW_ROWS}) AS a
        JOIN import_agr AS g ON g.akey = a.akey ORDER BY a.line, a.year"""
    ):
        if old is None:
            action = "create"
        elif (old, old_status) != (new, status):
            action = "update"
        else:
            action = "unchanged"
        c.preview.append(
            {
                "line": line,
                "agreement": label(lookups, number, title, unit),
                "year": year,
                "old": f"{nok(old)} ({old_status})" if old is not None else "",
                "new": f"{nok(new)} ({status})",
                "action": action,
            }
        )


def period(first, last):
    return str(first) if first == last else f"{first}–{last}"


def label(lookups, number, title, unit):
    return f"{number}: {title}" if number else f"{title} – {lookups.name_of('unit', unit)}"


def change(kind, record, field_name, old, new):
    return {"kind": kind, "record": record, "field": field_name, "old": old, "new": new}


def measure_text(numbers, pairs):
    items = sorted((numbers[m], share) for m, share in pairs)
    return "; ".join(f"{n} ({share:.2f}%)" for n, share in items)
