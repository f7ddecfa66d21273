"""Writing: `write_import` is the only function that writes to the data tables (new channels
and units, projects, measures served, agreements, yearly amounts) and, with `history`, their
audit trail. Each step is one or two set-based statements from the stage; a step whose count
is zero sends nothing, so re-importing an unchanged file writes nothing.
"""

from django.utils.translation import gettext as _

from funding.refresh import selected_facts_refresh
from history.versions import bump_data_version
from projects.models import AdministeringUnit, Agreement, Channel
from web.progress import SILENT

from . import history


def write_import(stage, lookups, counts, run, progress=SILENT):
    """Write everything the stage says, in order, with its history (unless a dry run). The
    caller holds the transaction and lock; `progress` hears of each step.

    Returns the names of the channels and units created.
    """
    step = progress.phase
    audit = not run.dry_run and counts.anything_changed
    before = history.highest_ids(stage) if audit else None
    created = create_missing(stage, lookups)
    if counts.projects_created:
        step(_("Writing new projects"))
        create_projects(stage)
    if counts.fields_changed:
        step(_("Updating projects"))
        update_projects(stage)
    if counts.measures_replaced or counts.projects_created:
        step(_("Writing measures served"))
        replace_measure_shares(stage, counts, run if audit else None)
    if counts.agreements_created:
        step(_("Writing new agreements"))
        create_agreements(stage)
    if counts.agreements_updated:
        step(_("Widening agreement periods"))
        widen_agreements(stage)
    step(_("Writing yearly amounts"))
    upsert_amounts(stage, counts)
    if audit:
        step(_("Recording the history"))
        history.record_changes(stage, run, before)
    if counts.anything_changed or any(created.values()):
        step(_("Updating the funding facts"))
        refresh_facts()
        mark_data_changed()
    return created


def refresh_facts():
    """Rewrite the funding facts of every agreement of the staged projects (their amounts,
    periods or project fields may have changed): funding.refresh."""
    agreements = (
        f"SELECT a.id FROM {Agreement._meta.db_table} a "
        "WHERE a.project_id IN (SELECT project_id FROM import_proj)"
    )
    selected_facts_refresh(agreements)


def mark_data_changed():
    """A new data version, in the import's transaction: cached pages are recomputed from the
    next request on (the SQL above sends no save signals)."""
    bump_data_version()


def unit_kind(name):
    lowered = name.lower()
    if lowered.startswith("embassy"):
        return AdministeringUnit.Kind.EMBASSY
    if lowered.startswith("norad"):
        return AdministeringUnit.Kind.NORAD
    if "section" in lowered:
        return AdministeringUnit.Kind.SECTION
    return AdministeringUnit.Kind.OTHER


def create_missing(stage, lookups):
    """Create the channels and units --create-missing allowed, and put their ids in place of
    the placeholders the stage holds; return their names by kind."""
    created = {"channel": [], "unit": []}
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
    return created


def create_projects(stage):
    """Insert the new projects in file order; values not given get the field's default."""
    schema = stage.schema
    columns, values, params = schema.project_insert()
    stage.sql(
        f"""INSERT INTO {{project}} ({columns}) SELECT {values}
        FROM import_proj WHERE project_id IS NULL ORDER BY line""",
        params,
    )
    stage.analyze("{project}")
    stage.sql(
        f"""UPDATE import_proj SET project_id = p.id FROM {{project}} AS p
        WHERE import_proj.project_id IS NULL AND {schema.same_project("p", "import_proj")}"""
    )
    stage.link_projects()
    stage.analyze("import_proj", "import_agr")


def update_projects(stage):
    """Update the values the file gives and that differ (an empty cell keeps the value)."""
    schema = stage.schema
    stage.sql(
        f"""UPDATE {{project}} SET {schema.project_update("{project}", "ip")}
        FROM import_proj AS ip WHERE {{project}}.id = ip.project_id
        AND ({schema.changed("ip.")})"""
    )


def replace_measure_shares(stage, counts, audited_run):
    """Replace the shares of existing projects whose measures change; add new projects'."""
    if counts.measures_replaced:
        if audited_run:
            history.record_deleted_measures(stage, audited_run)
        stage.sql(
            """DELETE FROM {pm} WHERE project_id IN (SELECT project_id FROM import_proj
            WHERE measures_changed = 1)"""
        )
    stage.sql(
        """INSERT INTO {pm} (project_id, measure_id, share)
        SELECT ip.project_id, m.measure_id, m.share FROM import_proj AS ip
        JOIN import_mset AS m ON m.set_id = ip.measure_set WHERE ip.measures_changed = 1
        ORDER BY ip.project_id, m.measure_id"""
    )


def create_agreements(stage):
    """Insert the new agreements, grouped by project, each spanning its staged years."""
    columns = stage.schema.agreement_list()
    stage.sql(
        f"""INSERT INTO {{agreement}} ({columns}, project_id, first_year, last_year)
        SELECT {columns}, project_id, first_year, last_year FROM import_agr
        WHERE agreement_id IS NULL ORDER BY project_id, line"""
    )
    stage.analyze("{agreement}")
    stage.link_agreements()
    stage.analyze("import_agr")


def widen_agreements(stage):
    """Widen existing agreements' periods to the staged years; never narrow them."""
    widen = "CASE WHEN g.{0} {1} {{agreement}}.{0} THEN g.{0} ELSE {{agreement}}.{0} END"
    first, last = widen.format("first_year", "<"), widen.format("last_year", ">")
    stage.sql(
        f"""UPDATE {{agreement}} SET first_year = {first}, last_year = {last},
        version = {{agreement}}.version + 1
        FROM import_agr AS g WHERE {{agreement}}.id = g.agreement_id
        AND (g.first_year < {{agreement}}.first_year
          OR g.last_year > {{agreement}}.last_year)"""
    )


def upsert_amounts(stage, counts):
    """Insert the new amounts (by agreement and year) and update the ones that differ."""
    if counts.amounts_created:
        stage.sql(
            """INSERT INTO {amount} (agreement_id, year, amount, status)
            SELECT g.agreement_id, a.year, a.ore / 100.0, a.status FROM import_amt AS a
            JOIN import_agr AS g ON g.akey = a.akey WHERE a.old_id IS NULL
            ORDER BY g.agreement_id, a.year"""
        )
    if counts.amounts_updated:
        stage.sql(
            """UPDATE {amount} SET amount = a.ore / 100.0, status = a.status,
            version = {amount}.version + 1 FROM import_amt AS a
            WHERE {amount}.id = a.old_id AND (a.old_ore <> a.ore OR a.old_status <> a.status)"""
        )
