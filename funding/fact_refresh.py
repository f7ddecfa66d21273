"""Keeping the funding facts (funding.facts) in step with the records, in the writer's
transaction: the facts of an agreement are deleted and written again from its amounts, its
agreement and its project whenever one of them changes.

- Saves and deletes through the ORM (admin, the entry page, tests) refresh through the
  receivers connected in FundingConfig.ready(); `deferred()` gathers them into one refresh.
- The importer refreshes the agreements of the projects it staged (`refresh_sql`), the demo
  loader goes through the importer, and the benchmarks' COPY calls `refresh()` for everything.
Portable SQL: window functions over each agreement's amounts in year order (PostgreSQL and
SQLite ≥ 3.28).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from .facts import MEDIUM, SMALL, STAGES, Fact, FactPart
from .sums import added_sql, before_sql, emptied

FACT_COLUMNS = (
    "id, agreement_id, project_id, unit_id, recipient_id, channel_id, objective, year, status, "
    "ore, prev_planned, prev_allocated, prev_disbursed, prev_any, next_planned, "
    "next_allocated, next_disbursed, next_any, small_prev_planned, small_prev_allocated, "
    "small_prev_disbursed, small_prev_any, medium_prev_planned, medium_prev_allocated, "
    "medium_prev_disbursed, medium_prev_any"
)
BEFORE = "(PARTITION BY ya.agreement_id ORDER BY ya.year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"  # noqa: E501
AFTER = "(PARTITION BY ya.agreement_id ORDER BY ya.year ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)"  # noqa: E501
_pending = ContextVar("fact_refresh_pending", default=None)


def stage_windows(function, window, above=None):
    """One windowed year per stage, then for any stage: `function` of the years of the
    agreement's amounts at that stage (and above `above` NOK) in `window`."""
    size = f" AND ya.amount > {above}" if above is not None else ""
    stages = [f"ya.status = '{stage}'" for stage in STAGES] + ["1 = 1"]
    return [
        f"{function}(CASE WHEN {stage}{size} THEN ya.year END) OVER {window}" for stage in stages
    ]


def refresh_sql(agreements):
    """The statements that rewrite the facts of the agreements the SQL `agreements` selects
    (a subquery of agreement ids), their parts and the sums (funding.sums)."""
    fact = Fact._meta.db_table
    return [
        *before_sql(agreements),
        f"DELETE FROM {FactPart._meta.db_table} WHERE agreement_id IN ({agreements})",
        f"DELETE FROM {fact} WHERE agreement_id IN ({agreements})",
        *written_sql(agreements),
        *added_sql(agreements),
    ]


def written_sql(agreements):
    """The statements that write the facts and parts of the `agreements` (SQL), which have
    none."""
    from funding.models import YearlyAmount
    from projects.models import Agreement, Project

    amount, agreement = YearlyAmount._meta.db_table, Agreement._meta.db_table
    project, fact = Project._meta.db_table, Fact._meta.db_table
    windows = [
        *stage_windows("MAX", BEFORE),
        *stage_windows("MIN", AFTER),
        *stage_windows("MAX", BEFORE, int(SMALL)),
        *stage_windows("MAX", BEFORE, int(MEDIUM)),
    ]
    return [
        f"""INSERT INTO {fact} ({FACT_COLUMNS})
        SELECT ya.id, ya.agreement_id, a.project_id, a.unit_id, p.recipient_id, p.channel_id,
               p.objective, ya.year, ya.status,
               CAST(ROUND(ya.amount * 100) AS BIGINT), {", ".join(windows)}
        FROM {amount} ya JOIN {agreement} a ON a.id = ya.agreement_id
        JOIN {project} p ON p.id = a.project_id
        WHERE ya.agreement_id IN ({agreements})""",
        parts_sql(agreements),
    ]


def parts_sql(agreements):
    """The statement that writes the measure parts of the facts of the `agreements` (SQL): each
    amount split in øre by its project's shares, the øre left by rounding down going one each to
    the largest remainders (ties: lowest measure id); a project without measures gives one part
    with no measure."""
    from projects.models import ProjectMeasure

    fact, part = Fact._meta.db_table, FactPart._meta.db_table
    keys = "agreement_id, project_id, unit_id, recipient_id, channel_id, objective, year, status"
    keys += ", prev_planned, prev_allocated, prev_disbursed, prev_any"
    return f"""INSERT INTO {part} (fact_id, measure_id, ore, first_part, {keys})
    WITH split AS (
        SELECT f.id AS fact_id, pm.measure_id, f.ore,
               COALESCE(CAST(ROUND(pm.share * 100) AS BIGINT), 1) AS bp
        FROM {fact} f LEFT JOIN {ProjectMeasure._meta.db_table} pm ON pm.project_id = f.project_id
        WHERE f.agreement_id IN ({agreements})
    ),
    weighted AS (
        SELECT split.*, CAST(SUM(bp) OVER (PARTITION BY fact_id) AS BIGINT) AS bp_total
        FROM split
    ),
    parts AS (
        SELECT fact_id, measure_id, ore, ore * bp / bp_total AS base,
               ore * bp - (ore * bp / bp_total) * bp_total AS rem FROM weighted
    ),
    ranked AS (
        SELECT parts.*, ore - SUM(base) OVER (PARTITION BY fact_id) AS deficit,
               ROW_NUMBER() OVER (PARTITION BY fact_id ORDER BY rem DESC, measure_id) AS rnk
        FROM parts
    )
    SELECT ranked.fact_id, ranked.measure_id,
           base + CASE WHEN rnk <= deficit THEN 1 ELSE 0 END, rnk = 1,
           {", ".join(f"f.{k.strip()}" for k in keys.split(","))}
    FROM ranked JOIN {fact} f ON f.id = ranked.fact_id"""


def refresh(agreement_ids=None, summed=True):
    """Rewrite the facts of `agreement_ids` (None: of every agreement, and the sums unless not
    `summed`: migration 0013 runs before their tables exist)."""
    from projects.models import Agreement

    if agreement_ids is None:
        everything = [
            *emptied(),
            f"DELETE FROM {FactPart._meta.db_table}",
            f"DELETE FROM {Fact._meta.db_table}",
        ]
        written = written_sql(f"SELECT id FROM {Agreement._meta.db_table}")
        run(everything + written + (added_sql(None) if summed else []))
        return
    ids = sorted({int(pk) for pk in agreement_ids})
    for start in range(0, len(ids), 500):  # SQLite's limit on query parameters
        chunk = ids[start : start + 500]
        run(refresh_sql(", ".join(["%s"] * len(chunk))), chunk)


def run(statements, params=None):
    """Run `statements`, those with placeholders with `params`."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params if "%s" in statement else None)


def touched(agreement_ids):
    """Refresh these agreements' facts now, or at the end of the `deferred()` block."""
    pending = _pending.get()
    if pending is None:
        refresh(agreement_ids)
    else:
        pending.update(agreement_ids)


@contextmanager
def deferred():
    """Gather the refreshes the saves and deletes inside ask for into one, at the end."""
    if _pending.get() is not None:
        yield
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        refresh(pending)


def amount_changed(sender, instance, **kwargs):
    touched([instance.agreement_id])


def agreement_changed(sender, instance, **kwargs):
    touched([instance.pk])


def project_touched(project_id):
    from projects.models import Agreement

    touched(Agreement.objects.filter(project=project_id).values_list("pk", flat=True))


def project_changed(sender, instance, **kwargs):
    project_touched(instance.pk)


def shares_changed(sender, instance, **kwargs):
    project_touched(instance.project_id)


def connect():
    """Called once, from FundingConfig.ready()."""
    from django.db.models.signals import post_delete, post_save

    from funding.models import YearlyAmount
    from projects.models import Agreement, Project, ProjectMeasure

    for model, receiver in (
        (YearlyAmount, amount_changed),
        (Agreement, agreement_changed),
        (Project, project_changed),
        (ProjectMeasure, shares_changed),
    ):
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"facts.{model.__name__}.{signal}")
