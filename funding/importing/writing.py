"""What an import changes: counted and described from the stage, then written.

`write_import` is the only function that writes to the data tables (projects, measures served,
agreements, yearly amounts, new channels and units); history rows belong there too.
"""

from dataclasses import dataclass, field

from projects.models import AdministeringUnit, Channel

from . import history
from .conflicts import nok

MAX_CHANGES = 5000
PROJECT_FIELDS = ("objective", "description", "source", "demo")


def fields_changed(p=""):
    return " OR ".join(f"({p}{f} IS NOT NULL AND {p}{f} <> {p}old_{f})" for f in PROJECT_FIELDS)


FIELDS_CHANGED = fields_changed()


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


def count_changes(stage, lookups):
    """Count and describe what the import would change (reads only)."""
    c = Counts()
    c.projects_created, c.projects_updated, total, c.fields_changed, c.measures_replaced = (
        stage.sql(
            f"""SELECT
            SUM(CASE WHEN project_id IS NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN project_id IS NOT NULL AND (measures_changed = 1 OR {FIELDS_CHANGED})
              THEN 1 ELSE 0 END), COUNT(*),
            SUM(CASE WHEN project_id IS NOT NULL AND ({FIELDS_CHANGED}) THEN 1 ELSE 0 END),
            SUM(CASE WHEN project_id IS NOT NULL AND measures_changed = 1 THEN 1 ELSE 0 END)
            FROM import_proj"""
        ).fetchone()
    )
    c.projects_unchanged = total - c.projects_created - c.projects_updated
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


def label(lookups, number, title, unit):
    return f"{number}: {title}" if number else f"{title} – {lookups.name_of('unit', unit)}"


def describe_changes(stage, lookups, c):
    def period(a, b):
        return str(a) if a == b else f"{a}–{b}"

    if c.projects_updated:
        for row in stage.all(
            f"""SELECT title, objective, old_objective, description, old_description, source,
            old_source, demo, old_demo FROM import_proj
            WHERE project_id IS NOT NULL AND ({FIELDS_CHANGED}) ORDER BY line LIMIT {MAX_CHANGES}"""
        ):
            for i, name in enumerate(PROJECT_FIELDS):
                new, old = row[1 + 2 * i], row[2 + 2 * i]
                if new is not None and new != old:
                    c.changes.append(change("project", row[0], name, old, new))
    if c.measures_replaced:
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
    if c.agreements_updated:
        for number, title, unit, first, last, old_first, old_last in stage.all(
            f"""SELECT number, title, unit_id, first_year, last_year, old_first, old_last
            FROM import_agr WHERE agreement_id IS NOT NULL
            AND (first_year < old_first OR last_year > old_last) ORDER BY line
            LIMIT {MAX_CHANGES}"""
        ):
            new = period(min(first, old_first), max(last, old_last))
            c.changes.append(
                change(
                    "agreement",
                    label(lookups, number, title, unit),
                    "period",
                    period(old_first, old_last),
                    new,
                )
            )
    if c.amounts_updated:
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
    for line, number, title, unit, year, old, new, old_status, status in stage.all(
        """SELECT a.line, g.number, g.title, g.unit_id, a.year, a.old_ore, a.ore, a.old_status,
        a.status FROM (SELECT * FROM import_amt ORDER BY line, year LIMIT 20) AS a
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


def change(kind, record, field_name, old, new):
    return {"kind": kind, "record": record, "field": field_name, "old": old, "new": new}


def measure_text(numbers, pairs):
    items = sorted((numbers[m], share) for m, share in pairs)
    return "; ".join(f"{n} ({share:.2f}%)" for n, share in items)


def unit_kind(name):
    lowered = name.lower()
    if lowered.startswith("embassy"):
        return AdministeringUnit.Kind.EMBASSY
    if lowered.startswith("norad"):
        return AdministeringUnit.Kind.NORAD
    if "section" in lowered:
        return AdministeringUnit.Kind.SECTION
    return AdministeringUnit.Kind.OTHER


def write_import(stage, lookups, counts, run):
    """Write everything the stage says, in order, with its history (unless a dry run). The
    caller holds the transaction and lock.

    Returns the names of the channels and units created. Statements whose count is zero are
    not sent, so re-importing an unchanged file writes nothing.
    """
    created = {"channel": [], "unit": []}
    audit = not run.dry_run and counts.anything_changed
    before = history.highest_ids(stage) if audit else None
    for kind, model in (("channel", Channel), ("unit", AdministeringUnit)):
        missing = sorted(lookups.missing[kind].values(), key=lambda item: -item[0])
        if not missing:
            continue
        extra = (lambda name: {"kind": unit_kind(name)}) if kind == "unit" else (lambda n: {})
        objects = model.objects.bulk_create([model(name=n, **extra(n)) for _, n in missing])
        tables = ["import_agr"] + (["import_proj"] if kind == "channel" else [])
        for (placeholder, name), obj in zip(missing, objects, strict=True):
            for table in tables:
                stage.sql(
                    f"UPDATE {table} SET {kind}_id = %s WHERE {kind}_id = %s", [obj.pk, placeholder]
                )
            created[kind].append(name)
    if counts.projects_created:
        stage.sql(
            """INSERT INTO {project} (title, description, channel_id, recipient_id, objective,
            source, demo) SELECT title, COALESCE(description, ''), channel_id, recipient_id,
            COALESCE(objective, 'main'), COALESCE(source, ''), COALESCE(demo, '')
            FROM import_proj WHERE project_id IS NULL ORDER BY line"""
        )
        stage.analyze("{project}")
        stage.sql(
            """UPDATE import_proj SET project_id = p.id FROM {project} AS p
            WHERE import_proj.project_id IS NULL AND p.title = import_proj.title
            AND p.channel_id = import_proj.channel_id
            AND p.recipient_id = import_proj.recipient_id"""
        )
        stage.link_projects()
        stage.analyze("import_proj", "import_agr")
    if counts.fields_changed:
        assignments = ", ".join(f"{f} = COALESCE(ip.{f}, {{project}}.{f})" for f in PROJECT_FIELDS)
        stage.sql(
            f"""UPDATE {{project}} SET {assignments} FROM import_proj AS ip
            WHERE {{project}}.id = ip.project_id AND ({fields_changed("ip.")})"""
        )
    if counts.measures_replaced:
        if audit:
            history.record_deleted_measures(stage, run)
        stage.sql(
            """DELETE FROM {pm} WHERE project_id IN (SELECT project_id FROM import_proj
            WHERE measures_changed = 1)"""
        )
    if counts.measures_replaced or counts.projects_created:
        stage.sql(
            """INSERT INTO {pm} (project_id, measure_id, share)
            SELECT ip.project_id, m.measure_id, m.share FROM import_proj AS ip
            JOIN import_mset AS m ON m.set_id = ip.measure_set WHERE ip.measures_changed = 1
            ORDER BY ip.project_id, m.measure_id"""
        )
    if counts.agreements_created:
        stage.sql(
            """INSERT INTO {agreement} (number, project_id, unit_id, first_year, last_year)
            SELECT number, project_id, unit_id, first_year, last_year FROM import_agr
            WHERE agreement_id IS NULL ORDER BY project_id, line"""
        )
        stage.analyze("{agreement}")
        stage.link_agreements()
        stage.analyze("import_agr")
    if counts.agreements_updated:
        widen = "CASE WHEN g.{0} {1} {{agreement}}.{0} THEN g.{0} ELSE {{agreement}}.{0} END"
        first, last = widen.format("first_year", "<"), widen.format("last_year", ">")
        stage.sql(
            f"""UPDATE {{agreement}} SET first_year = {first}, last_year = {last}
            FROM import_agr AS g WHERE {{agreement}}.id = g.agreement_id
            AND (g.first_year < {{agreement}}.first_year
              OR g.last_year > {{agreement}}.last_year)"""
        )
    if counts.amounts_created:
        stage.sql(
            """INSERT INTO {amount} (agreement_id, year, amount, status)
            SELECT g.agreement_id, a.year, a.ore / 100.0, a.status FROM import_amt AS a
            JOIN import_agr AS g ON g.akey = a.akey WHERE a.old_id IS NULL
            ORDER BY g.agreement_id, a.year"""
        )
    if counts.amounts_updated:
        stage.sql(
            """UPDATE {amount} SET amount = a.ore / 100.0, status = a.status FROM import_amt AS a
            WHERE {amount}.id = a.old_id AND (a.old_ore <> a.ore OR a.old_status <> a.status)"""
        )
    if audit:
        history.record_changes(stage, run, before, FIELDS_CHANGED)
    return created
