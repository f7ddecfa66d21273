"""Times every breakdown page against the equivalent hand-written SQL on ~1 000 000 rows.

Creates a scratch PostgreSQL database next to the configured one, migrates it (which loads the
reference data), fills it with COPY, times each page's view (RequestFactory, logged-in user:
the server time, rendering included) and the hand-written SQL for the same table and filter,
and drops the database again (bench.scratch). Prints `page=ratio` and `page_vs_scan_page=…`
for each page, breakdown_vs_sql_max, scan_ms (a plain sum over every yearly amount, the floor
a cold page can approach), page_vs_scan_max, and warm_page_max_ms (the slowest page from the
cache). Cold pages are timed with the cache off. Entry point: `manage.py bench_breakdowns`.
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

from web.progress import SILENT

from .filling import generate
from .scratch import require_postgresql, scratch_database

# Pages render without collectstatic's manifest.
PLAIN_STORAGES = settings.STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
# Cold pages are timed without the cache, warm ones from this process's memory.
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
FILTER = "year_from=2000&year_to=2010&objective=main"
WHERE = "ya.year BETWEEN 2000 AND 2010 AND p.objective = 'main'"
JOINS = """FROM funding_yearlyamount ya
    JOIN projects_agreement a ON a.id = ya.agreement_id
    JOIN projects_project p ON p.id = a.project_id"""
COUNTS = "SUM(ya.amount), COUNT(DISTINCT ya.agreement_id), COUNT(*)"


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


def main(rows, runs, seed, out, progress=SILENT):
    """Fill a scratch database with `rows` agreement-years, time every page `runs` times and
    write the report with `out` (one line per call); `progress` (web.progress) shows each
    step."""
    require_postgresql("bench_breakdowns")
    if runs < 1 or rows < 1:
        raise CommandError("--rows and --runs must be at least 1.")
    with scratch_database(f"{connection.settings_dict['NAME']}_bench_scratch"):
        started = time.perf_counter()
        progress.phase("Generating rows with COPY")
        generate(rows, random.Random(seed), out)
        progress.finish()
        out(f"generated {rows} rows in {time.perf_counter() - started:.1f} s")
        with override_settings(STORAGES=PLAIN_STORAGES):
            with override_settings(CACHES=NO_CACHE):
                cold = measure(runs, progress)
            with override_settings(CACHES=MEMORY_CACHE):
                warm = measure_warm(runs)
            report(cold, scan(runs), out)
            out(f"warm_page_max_ms={max(warm.values()) * 1000:.2f}")


def pages():
    """(name, page(), statements) for each page: page() requests it as a logged-in user."""
    user = get_user_model().objects.get_or_create(username="bench", is_superuser=True)[0]
    factory = RequestFactory()
    for name, (path, statements) in PAGES.items():
        url = f"{path}{'&' if '?' in path else '?'}{FILTER}"
        match = resolve(path.split("?")[0])

        def page(url=url, match=match):
            request = factory.get(url)
            request.user = user
            response = match.func(request, *match.args, **match.kwargs)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}.")

        yield name, page, statements


def measure(runs, progress=SILENT):
    """The cold pages (no cache) against their hand-written SQL: medians in seconds."""
    results = {}
    for name, page, statements in pages():

        def sql(statements=statements):
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                    cursor.fetchall()

        progress.phase(f"Timing {name}", total=runs)
        page(), sql()  # warm the database's buffers once
        page_times, sql_times = [], []
        for n in range(runs):
            page_times.append(timed(page))
            sql_times.append(timed(sql))
            progress.update(n + 1)
        results[name] = (statistics.median(page_times), statistics.median(sql_times))
    progress.finish()
    return results


def measure_warm(runs):
    """The pages from the cache, each computed once before: medians in seconds."""
    results = {}
    for name, page, _statements in pages():
        page()
        results[name] = statistics.median(timed(page) for _ in range(max(runs, 5)))
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
        out(f"{name}={page / sql:.3f}")
    for name, (page, _sql) in results.items():
        out(f"page_vs_scan_{name}={page / scan_time:.2f}")
    worst = max(page / sql for page, sql in results.values())
    out(f"breakdown_vs_sql_max={worst:.3f}")
    out(f"page_vs_scan_max={max(page for page, _ in results.values()) / scan_time:.2f}")


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started
