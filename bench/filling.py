"""The benchmark's data: projects, measure shares, agreements and yearly amounts of the same
shape as the real ones, over the reference data the migrations loaded, written with COPY."""

import time

from django.db import connection

from funding.models import YearlyAmount
from funding.refresh import facts_refresh

# What the pages read, whose sizes the benchmark prints: the amounts, facts, parts and sums.
TABLES = (
    "funding_yearlyamount",
    "funding_fact",
    "funding_factpart",
    "funding_recipientsum",
    "funding_channelsum",
)
# In this order: the seeded draws depend on it.
STATUSES = (
    YearlyAmount.Status.PLANNED,
    YearlyAmount.Status.ALLOCATED,
    YearlyAmount.Status.DISBURSED,
)


def reference_ids():
    """The ids of the channels, recipients, units and measures the migrations loaded."""
    ids = {}
    with connection.cursor() as cursor:
        for table in (
            "projects_channel",
            "projects_recipient",
            "projects_administeringunit",
            "measures_measure",
        ):
            cursor.execute(f"SELECT id FROM {table}")
            ids[table] = [row[0] for row in cursor.fetchall()]
    return ids


def generate(rows, rng, out):
    """Projects, measure shares, agreements and yearly amounts, written with COPY."""
    ids = reference_ids()
    agreements, projects = max(rows // 2, 1), max(rows // 4, 1)
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        copy_projects(cursor, rng, projects, ids)
        copy_shares(cursor, rng, projects, ids["measures_measure"])
        spans = copy_agreements(
            cursor, rng, agreements, projects, ids["projects_administeringunit"]
        )
        copy_amounts(cursor, rng, spans, rows)
        for table in ("projects_project", "projects_agreement"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
    started = time.perf_counter()
    facts_refresh()  # the funding facts the pages read
    out(f"facts_refresh_s={time.perf_counter() - started:.1f}")
    if not raw.autocommit:
        raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map
        for table in TABLES:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            out(f"{table}_mb={cursor.fetchone()[0] / 2**20:.1f}")
        cursor.execute("SELECT COUNT(*) FROM funding_yearlyamount")
        out(f"{cursor.fetchone()[0]} yearly amounts")


def copy_projects(cursor, rng, projects, ids):
    channels, recipients = ids["projects_channel"], ids["projects_recipient"]
    with cursor.copy(
        "COPY projects_project (id, title, description, channel_id, recipient_id, "
        "objective, source, demo) FROM STDIN"
    ) as copy:
        for pk in range(1, projects + 1):
            objective = "main" if rng.random() < 0.8 else "subsidiary"
            copy.write_row(
                (pk, f"Bench {pk}", "", rng.choice(channels), rng.choice(recipients),
                 objective, "bench", "filler")
            )  # fmt: skip


def copy_shares(cursor, rng, projects, measures):
    with cursor.copy(
        "COPY projects_projectmeasure (project_id, measure_id, share) FROM STDIN"
    ) as copy:
        for pk in range(1, projects + 1):
            if rng.random() < 0.1:
                continue  # no measure recorded
            first, second = rng.sample(measures, 2)
            if rng.random() < 0.7:
                copy.write_row((pk, first, "100"))
            else:
                copy.write_row((pk, first, "66.67"))
                copy.write_row((pk, second, "33.33"))


def copy_agreements(cursor, rng, agreements, projects, units):
    """Returns (agreement id, first year, number of years) for each agreement."""
    spans = []
    with cursor.copy(
        "COPY projects_agreement (id, number, project_id, unit_id, first_year, last_year) "
        "FROM STDIN"
    ) as copy:
        for pk in range(1, agreements + 1):
            first, years = rng.randint(2000, 2009), rng.choice((1, 2, 3))
            spans.append((pk, first, years))
            copy.write_row(
                (pk, f"B-{pk}", (pk - 1) % projects + 1, rng.choice(units), first,
                 first + years - 1)
            )  # fmt: skip
    return spans


def copy_amounts(cursor, rng, spans, rows):
    written = 0
    with cursor.copy(
        "COPY funding_yearlyamount (agreement_id, year, amount, status) FROM STDIN"
    ) as copy:
        for pk, first, years in spans:
            for year in range(first, first + years):
                if written >= rows:
                    break
                status = rng.choice(STATUSES).value
                amount = f"{rng.randint(1_000_00, 5_000_000_00) / 100:.2f}"
                copy.write_row((pk, year, amount, status))
                written += 1
