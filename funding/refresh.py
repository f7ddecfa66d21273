"""Keeping the funding facts (funding.models.facts) in step with the records: the facts and parts
of an agreement are deleted and written again from its amounts, its agreement and its project,
by the write that changed them and in its transaction. One function does it, `facts_refresh()`,
and every write path calls it: the one-page entry, the admin's saves and deletes of projects,
agreements and amounts, the importer's write step (with its agreements as SQL), the demo loader
(through the importer) and the benchmarks' COPY (everything). No signal does it.

Portable SQL: window functions over each agreement's amounts in year order (PostgreSQL, and
SQLite 3.28 or later).
"""

from django.db import connection, transaction

from projects.models import Agreement, Project, ProjectMeasure

from .models import ChannelSum, Fact, FactPart, RecipientSum, YearlyAmount
from .models.facts import STAGES
from .models.sums import sum_columns

EARLIER = "(PARTITION BY ya.agreement_id ORDER BY ya.year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"  # noqa: E501
IN_ORE = "CAST(ROUND(ya.amount * 100) AS BIGINT)"  # an amount `ya` in øre
CHUNK = 500  # ids per statement: SQLite's limit on query parameters


def fact_columns():
    """{column of Fact: the SQL computing it from an amount `ya`, its agreement `a` and its
    project `p`}, in the model's field order."""
    computed = {
        "id": "ya.id",
        "agreement_id": "ya.agreement_id",
        "project_id": "a.project_id",
        "unit_id": "a.unit_id",
        "recipient_id": "p.recipient_id",
        "channel_id": "p.channel_id",
        "objective": "p.objective",
        "year": "ya.year",
        "status": "ya.status",
        "ore": IN_ORE,
        "multi_year": "a.last_year > a.first_year",
        "largest": f"MAX({IN_ORE}) OVER (PARTITION BY ya.agreement_id)",
        **{
            f"prev_{stage}": f"MAX(CASE WHEN ya.status = '{stage}' THEN ya.year END) OVER {EARLIER}"
            for stage in STAGES
        },
    }
    return {field.column: computed[field.column] for field in Fact._meta.concrete_fields}


def part_keys():
    """The columns a part copies from its fact: those they share (FactKeys)."""
    own = {"id", "fact_id", "measure_id", "lead"}
    return [f.column for f in FactPart._meta.concrete_fields if f.column not in own]


def facts_sql(agreements):
    """The statements that rewrite the facts and parts of the agreements the SQL `agreements`
    selects (a list of ids, or a subquery)."""
    fact, part = Fact._meta.db_table, FactPart._meta.db_table
    columns = fact_columns()
    return [
        f"DELETE FROM {part} WHERE agreement_id IN ({agreements})",
        f"DELETE FROM {fact} WHERE agreement_id IN ({agreements})",
        f"""INSERT INTO {fact} ({", ".join(columns)})
        SELECT {", ".join(columns.values())}
        FROM {YearlyAmount._meta.db_table} ya
        JOIN {Agreement._meta.db_table} a ON a.id = ya.agreement_id
        JOIN {Project._meta.db_table} p ON p.id = a.project_id
        WHERE ya.agreement_id IN ({agreements})""",
        parts_sql(agreements),
    ]


def parts_sql(agreements):
    """The statement that writes the measure parts of the facts of the `agreements` (SQL): each
    amount split in øre by its project's shares (in hundredths of a per cent), the øre left by
    rounding down going one each to the largest remainders (ties: lowest measure id); a project
    without measures gives one part with no measure."""
    fact, part, keys = Fact._meta.db_table, FactPart._meta.db_table, part_keys()
    return f"""INSERT INTO {part} (fact_id, measure_id, lead, {", ".join(keys)})
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
        SELECT fact_id, measure_id, ore * bp / bp_total AS base,
               ore * bp - (ore * bp / bp_total) * bp_total AS rem, ore FROM weighted
    ),
    ranked AS (
        SELECT parts.*, ore - SUM(base) OVER (PARTITION BY fact_id) AS deficit,
               ROW_NUMBER() OVER (PARTITION BY fact_id ORDER BY rem DESC, measure_id) AS rnk
        FROM parts
    )
    SELECT r.fact_id, r.measure_id, r.rnk = 1,
           {", ".join("r.base + CASE WHEN r.rnk <= r.deficit THEN 1 ELSE 0 END" if k == "ore"
                      else f"f.{k}" for k in keys)}
    FROM ranked r JOIN {fact} f ON f.id = r.fact_id"""  # fmt: skip


def facts_refresh(agreement_ids=None):
    """Rewrite the facts of the agreements `agreement_ids` (None: of every agreement), and the
    sums of the recipients and channels they had or have, in the caller's transaction."""
    if agreement_ids is None:
        return selected_facts_refresh(None)
    ids = sorted({int(pk) for pk in agreement_ids})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        selected_facts_refresh(", ".join(["%s"] * len(chunk)), chunk)


@transaction.atomic
def selected_facts_refresh(agreements, params=None):
    """facts_refresh() for the agreements the SQL `agreements` selects (a subquery, or a list
    of placeholders for `params`; None: every agreement). One refresh at a time: two writers
    rewriting the same recipient's sums would each miss the other's facts."""
    if connection.vendor == "postgresql":
        tables = ", ".join(model._meta.db_table for model in (RecipientSum, ChannelSum))
        run([f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE"])
    if agreements is None:
        run([*emptied(), *facts_sql(f"SELECT id FROM {Agreement._meta.db_table}")[2:]])
        run(sums_sql(None))
        return
    before = touched(agreements, params)
    run(facts_sql(agreements), params)
    run(sums_sql(before | touched(agreements, params)))


def touched(agreements, params):
    """The (recipient, channel) pairs of the facts of the `agreements` (SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT recipient_id, channel_id FROM {Fact._meta.db_table} "
            f"WHERE agreement_id IN ({agreements})",
            params,
        )
        return set(cursor.fetchall())


def emptied():
    tables = (FactPart, Fact, RecipientSum, ChannelSum)
    return [f"DELETE FROM {model._meta.db_table}" for model in tables]


def sums_sql(pairs):
    """The statements that rewrite the sums of the recipients and channels in `pairs` (None:
    of every one) from the facts."""
    statements = []
    for model, position in ((RecipientSum, 0), (ChannelSum, 1)):
        columns = sum_columns(model)
        key = next(iter(columns))
        where = "1 = 1"
        if pairs is not None:
            ids = sorted({int(pair[position]) for pair in pairs}) or [0]
            where = f"f.{key} IN ({', '.join(map(str, ids))})"
            statements.append(f"DELETE FROM {model._meta.db_table} WHERE {where[2:]}")
        statements.append(
            f"""INSERT INTO {model._meta.db_table} ({", ".join(columns)}, ore, facts)
            SELECT {", ".join(columns.values())}, SUM(f.ore), COUNT(*)
            FROM {Fact._meta.db_table} f WHERE {where}
            GROUP BY {", ".join(columns.values())}"""
        )
    return statements


def project_facts_refresh(project_ids):
    """Rewrite the facts of every agreement of the projects `project_ids`."""
    agreements = Agreement.objects.filter(project__in=list(project_ids))
    facts_refresh(agreements.values_list("pk", flat=True))


def run(statements, params=None):
    """Run `statements`, those with placeholders with `params`."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params if "%s" in statement else None)
