"""Times every breakdown page against the equivalent hand-written SQL on ~1 000 000 rows.

Creates a scratch PostgreSQL database next to the configured one, migrates it (which loads the
reference data), fills it with COPY, times each page's view (RequestFactory, logged-in user:
the server time, rendering included) and the hand-written SQL for the same table and filter,
and drops the database again (bench.scratch). Prints one `page=ratio page_vs_scan=…` line per
page, breakdown_vs_sql_max, scan_ms (a plain sum over every yearly amount, the floor a cold page
can approach) and page_vs_scan_max. Entry point: `manage.py bench_breakdowns`
(`make bench-breakdowns`).
"""

import random
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import resolve

from funding.models import YearlyAmount

from .scratch import require_postgresql, scratch_database

# Pages render without collectstatic's manifest.
PLAIN_STORAGES = settings.STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
FILTER = "year_from=2000&year_to=2010&objective=main"
WHERE = "ya.year BETWEEN 2000 AND 2010 AND p.objective = 'main'"
JOINS = """FROM funding_yearlyamount ya
    JOIN projects_agreement a ON a.id = ya.agreement_id
    JOIN projects_project p ON p.id = a.project_id"""
COUNTS = "SUM(ya.amount), COUNT(DISTINCT ya.agreement_id), COUNT(*)"
# In this order: the seeded draws depend on it.
STATUSES = (
    YearlyAmount.Status.PLANNED,
    YearlyAmount.Status.ALLOCATED,
    YearlyAmount.Status.DISBURSED,
)


def grouped(columns, joins=""):
    return f"SELECT {columns}, {COUNTS} {JOINS} {joins} WHERE {WHERE} GROUP BY {columns}"


RECIPIENT = """JOIN projects_recipient r ON r.id = p.recipient_id
    JOIN projects_region rg ON rg.id = r.region_id"""
CHANNEL = "JOIN projects_channel c ON c.id = p.channel_id"
PARTNER_GROUP = "LEFT JOIN projects_partnergroup g ON g.id = c.partner_group_id"
TOTAL = f"SELECT {COUNTS} {JOINS} WHERE {WHERE}"
SCAN = "SELECT SUM(amount) FROM funding_yearlyamount"
MEASURE_SPLIT = f"""
WITH split AS (
    SELECT ya.id AS ya_id, ya.agreement_id AS ag_id, pm.measure_id,
           CAST(ROUND(ya.amount * 100) AS BIGINT) AS ore,
           COALESCE(CAST(ROUND(pm.share * 100) AS BIGINT), 1) AS bp
    {JOINS} LEFT JOIN projects_projectmeasure pm ON pm.project_id = p.id
    WHERE {WHERE}
), weighted AS (
    SELECT split.*, CAST(SUM(bp) OVER (PARTITION BY ya_id) AS BIGINT) AS bp_total FROM split
), parts AS (
    SELECT ya_id, ag_id, measure_id, ore, ore * bp / bp_total AS base,
           ore * bp % bp_total AS rem FROM weighted
), ranked AS (
    SELECT parts.*, ore - SUM(base) OVER (PARTITION BY ya_id) AS deficit,
           ROW_NUMBER() OVER (PARTITION BY ya_id ORDER BY rem DESC, measure_id) AS rnk
    FROM parts
)
SELECT ranked.measure_id, m.number, m.title, m.plan_id,
       SUM(base + CASE WHEN rnk <= deficit THEN 1 ELSE 0 END), COUNT(DISTINCT ag_id), COUNT(*)
FROM ranked LEFT JOIN measures_measure m ON m.id = ranked.measure_id
GROUP BY ranked.measure_id, m.number, m.title, m.plan_id"""
PROFILE = f"""SELECT COUNT(*), COUNT(*) FILTER (WHERE span = 0), COUNT(*) FILTER (WHERE span > 0),
    COUNT(*) FILTER (WHERE largest <= 100000), COUNT(*) FILTER (WHERE largest <= 1000000),
    SUM(years), SUM(small) FROM (
    SELECT ya.agreement_id, MAX(ya.year) - MIN(ya.year) AS span, MAX(ya.amount) AS largest,
           COUNT(*) AS years, COUNT(*) FILTER (WHERE ya.amount <= 100000) AS small
    {JOINS} WHERE {WHERE} GROUP BY ya.agreement_id) per_agreement"""

REGION_SQL = grouped("rg.name, rg.geographic", RECIPIENT)
COUNTRY_SQL = grouped("r.name, r.iso2, rg.geographic", RECIPIENT)
CHANNEL_SQL = grouped("c.name, c.acronym, c.id", CHANNEL)
ANCESTORS = " ".join(
    f"LEFT JOIN projects_channel c{n} ON c{n}.id = c{n - 1 if n > 1 else ''}.parent_id"
    for n in (1, 2, 3)
)
FAMILY_SQL = grouped(
    ", ".join(f"COALESCE(c3.{f}, c2.{f}, c1.{f}, c.{f})" for f in ("name", "acronym", "id")),
    f"{CHANNEL} {ANCESTORS}",
)
OBJECTIVE_SQL = grouped("p.objective")
# Each page against the statements a person would write to produce the same table.
PAGES = {
    "region": ("/breakdowns/region/", [REGION_SQL]),
    "country": ("/breakdowns/country/", [COUNTRY_SQL]),
    "channel": ("/breakdowns/channel/", [CHANNEL_SQL]),
    "organisation_kind": ("/breakdowns/organisation-kind/", [grouped("c.kind", CHANNEL)]),
    "organisation_family": ("/breakdowns/organisation-family/", [FAMILY_SQL]),
    "partner_group": (
        "/breakdowns/partner-group/",
        [grouped("g.name", f"{CHANNEL} {PARTNER_GROUP}")],
    ),
    "year": ("/breakdowns/year/", [grouped("ya.year"), TOTAL]),
    "unit": (
        "/breakdowns/unit/",
        [grouped("u.name", "JOIN projects_administeringunit u ON u.id = a.unit_id")],
    ),
    "measure": ("/breakdowns/measure/", [MEASURE_SPLIT, TOTAL]),
    "objective": ("/breakdowns/objective/", [OBJECTIVE_SQL]),
    "region_by_year": (
        "/breakdowns/region/?by=year",
        [grouped("rg.name, rg.geographic, ya.year", RECIPIENT)],
    ),
    "overview": ("/", [OBJECTIVE_SQL, REGION_SQL, COUNTRY_SQL, CHANNEL_SQL, PROFILE]),
}  # fmt: skip


def main(rows, runs, seed, out):
    """Fill a scratch database with `rows` agreement-years, time every page `runs` times and
    write the report with `out` (one line per call)."""
    require_postgresql("bench_breakdowns")
    if runs < 1 or rows < 1:
        raise CommandError("--rows and --runs must be at least 1.")
    with scratch_database(f"{connection.settings_dict['NAME']}_bench_scratch"):
        started = time.perf_counter()
        generate(rows, random.Random(seed), out)
        out(f"generated {rows} rows in {time.perf_counter() - started:.1f} s")
        with override_settings(STORAGES=PLAIN_STORAGES):
            report(measure(runs), scan(runs), out)


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
    if not raw.autocommit:
        raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map
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


def measure(runs):
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    factory, results = RequestFactory(), {}
    for name, (path, statements) in PAGES.items():
        url = f"{path}{'&' if '?' in path else '?'}{FILTER}"
        match = resolve(path.split("?")[0])

        def page(url=url, match=match):
            request = factory.get(url)
            request.user = user
            response = match.func(request, *match.args, **match.kwargs)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}.")

        def sql(statements=statements):
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                    cursor.fetchall()

        page(), sql()  # warm the caches once
        page_times, sql_times = [], []
        for _ in range(runs):
            page_times.append(timed(page))
            sql_times.append(timed(sql))
        results[name] = (statistics.median(page_times), statistics.median(sql_times))
    return results


def scan(runs):
    """The floor a cold page can approach: the median time of one plain sum over every
    yearly amount, measured in the same run as the pages."""

    def total():
        with connection.cursor() as cursor:
            cursor.execute(SCAN)
            cursor.fetchall()

    total()
    return statistics.median(timed(total) for _ in range(runs))


def report(results, scan_time, out):
    out(f"{'page':20} {'page ms':>9} {'sql ms':>9} {'ratio':>6} {'vs scan':>8}")
    for name, (page, sql) in results.items():
        out(f"{name:20} {page * 1000:9.1f} {sql * 1000:9.1f} {page / sql:6.2f} "
            f"{page / scan_time:8.2f}")  # fmt: skip
    out(f"scan_ms={scan_time * 1000:.1f}")
    for name, (page, sql) in results.items():
        out(f"{name}={page / sql:.3f} page_vs_scan={page / scan_time:.2f}")
    worst = max(page / sql for page, sql in results.values())
    out(f"breakdown_vs_sql_max={worst:.3f}")
    out(f"page_vs_scan_max={max(page for page, _ in results.values()) / scan_time:.2f}")


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started
