"""Times every breakdown page against the equivalent hand-written SQL on ~1 000 000 rows.

Creates a scratch PostgreSQL database next to the configured one, migrates it (which loads the
reference data), fills it with COPY, times each page's view (RequestFactory, logged-in user:
the server time, rendering included) and the hand-written SQL for the same table and filter,
and drops the database again (bench.scratch). Prints `page=ratio` and `page_vs_scan_page=…`
for each page, breakdown_vs_sql_max, scan_ms (a plain sum over every yearly amount, the floor
a cold page can approach), page_vs_scan_max, and warm_page_max_ms (the slowest page from the
cache). Cold pages are timed with the cache off. Then /published/ (every published figure
computed, cold) and closing a year (its snapshot of those figures and its totals, then reopened
untimed) against the same scan: published_vs_scan and close_year_vs_scan (issue 30, row 3).
Entry point: `manage.py bench_breakdowns`.
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

from breakdowns.closing import close_year, reopen_year
from web.progress import SILENT

from .filling import generate
from .scratch import require_postgresql, scratch_database

# Pages render without collectstatic's manifest.
PLAIN_STORAGES = settings.STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
# Cold pages are timed without the cache, warm ones from this process's memory.
# (The page shell's fragments keep their own cache, settings.CACHES["fragments"].)
NO_CACHE = settings.CACHES | {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
MEMORY_CACHE = settings.CACHES | {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
FILTER = "year_from=2000&year_to=2010&objective=main"
# The hand-written SQL reads the same funding facts as the pages (funding.facts): grouped by
# their keys first, then named; an agreement counts once through its first fact in the period.
WHERE = "f.year BETWEEN 2000 AND 2010"
MAIN = f"{WHERE} AND f.objective = 'main'"
FIRST = " AND ".join(
    f"(f.prev_{stage} IS NULL OR f.prev_{stage} < 2000)"
    for stage in ("planned", "allocated", "disbursed")
)  # the agreement's first fact in the period, at every stage
COUNTS = f"SUM(f.ore) AS t, COUNT(*) FILTER (WHERE {FIRST}) AS a, COUNT(*) AS n"
SUMS = "SUM(g.t) / 100.0, SUM(g.a), SUM(g.n)"  # amounts in øre
RECIPIENT = """JOIN projects_recipient r ON r.id = g.recipient_id
    JOIN projects_region rg ON rg.id = r.region_id"""
CHANNEL = "JOIN projects_channel c ON c.id = g.channel_id"
UNIT = "JOIN projects_administeringunit u ON u.id = g.unit_id"
ANCESTORS = " ".join(
    f"LEFT JOIN projects_channel c{n} ON c{n}.id = c{n - 1 if n > 1 else ''}.parent_id"
    for n in (1, 2, 3)
)
FAMILY = ", ".join(f"COALESCE(c3.{f}, c2.{f}, c1.{f}, c.{f})" for f in ("name", "acronym", "id"))


def grouped(key, names, joins, where=MAIN, table="funding_fact", counts=COUNTS, more=""):
    """Group the facts by `key`, then name the groups (`names` after `joins`) and add up
    (`more`: sums of further counts)."""
    return f"""SELECT {names}, {SUMS}{more} FROM (
        SELECT {key}, {counts} FROM {table} f WHERE {where} GROUP BY {key}) g
    {joins} GROUP BY {names}"""


def profile():
    """The overview's counts: the agreement profile's, which add up over groups."""
    return (
        f"{COUNTS}, COUNT(*) FILTER (WHERE {FIRST} AND NOT f.multi_year) AS one, "
        f"COUNT(*) FILTER (WHERE {FIRST} AND f.largest > 10000000) AS s, "
        f"COUNT(*) FILTER (WHERE {FIRST} AND f.largest > 100000000) AS m, "
        "COUNT(*) FILTER (WHERE f.ore <= 10000000) AS le"
    )


REGION_SQL = grouped("f.recipient_id", "rg.name, rg.geographic", RECIPIENT)
COUNTRY_SQL = grouped("f.recipient_id", "r.name, r.iso2, rg.geographic", RECIPIENT)
CHANNEL_SQL = grouped("f.channel_id", "c.name, c.acronym, c.id", CHANNEL)
YEARS = f"SUM(f.ore) AS t, COUNT(*) AS a, COUNT(*) AS n, COUNT(*) FILTER (WHERE {FIRST}) AS firsts"
# the overview: objective and recipient (every objective, the profile's counts), then channel
OVERVIEW_SQL = f"""SELECT rg.name, rg.geographic, r.name, r.iso2, g.objective, {SUMS},
    SUM(g.one), SUM(g.s), SUM(g.m), SUM(g.le) FROM (
    SELECT f.objective, f.recipient_id, {profile()} FROM funding_fact f WHERE {WHERE}
    GROUP BY f.objective, f.recipient_id) g {RECIPIENT}
    GROUP BY rg.name, rg.geographic, r.name, r.iso2, g.objective"""
MEASURE_COUNTS = (
    f"SUM(f.ore) AS t, COUNT(*) FILTER (WHERE {FIRST}) AS a, COUNT(*) AS n, "
    f"COUNT(*) FILTER (WHERE {FIRST} AND f.lead) AS firsts, "
    "COUNT(*) FILTER (WHERE f.lead) AS leads"
)
KIND_SQL = grouped("f.channel_id", "c.kind", CHANNEL)
FAMILY_SQL = grouped("f.channel_id", FAMILY, f"{CHANNEL} {ANCESTORS}")
PARTNER_GROUP = f"{CHANNEL} LEFT JOIN projects_partnergroup pg ON pg.id = c.partner_group_id"
PARTNER_GROUP_SQL = grouped("f.channel_id", "pg.name", PARTNER_GROUP)
FIRSTS = ", SUM(g.firsts)"
YEAR_SQL = grouped("f.year", "g.year", "", counts=YEARS, more=FIRSTS)
REGION_BY_YEAR_SQL = grouped(
    "f.recipient_id, f.year", "rg.name, rg.geographic, g.year", RECIPIENT, counts=YEARS
)
MEASURE_SQL = grouped(
    "f.measure_id", "g.measure_id, m.number, m.title, m.plan_id",
    "LEFT JOIN measures_measure m ON m.id = g.measure_id",
    table="funding_factpart", counts=MEASURE_COUNTS, more=f"{FIRSTS}, SUM(g.leads)",
)  # fmt: skip
# Each page against the statements a person would write to produce the same table.
PAGES = {
    "region": ("/breakdowns/region/", [REGION_SQL]),
    "country": ("/breakdowns/country/", [COUNTRY_SQL]),
    "channel": ("/breakdowns/channel/", [CHANNEL_SQL]),
    "organisation_kind": ("/breakdowns/organisation-kind/", [KIND_SQL]),
    "organisation_family": ("/breakdowns/organisation-family/", [FAMILY_SQL]),
    "partner_group": ("/breakdowns/partner-group/", [PARTNER_GROUP_SQL]),
    "year": ("/breakdowns/year/", [YEAR_SQL]),
    "unit": ("/breakdowns/unit/", [grouped("f.unit_id", "u.name", UNIT)]),
    "measure": ("/breakdowns/measure/", [MEASURE_SQL]),
    "objective": ("/breakdowns/objective/", [grouped("f.objective", "g.objective", "")]),
    "region_by_year": ("/breakdowns/region/?by=year", [REGION_BY_YEAR_SQL]),
    "overview": ("/", [OVERVIEW_SQL, CHANNEL_SQL]),
}  # fmt: skip
SCAN = "SELECT SUM(amount) FROM funding_yearlyamount"


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
            scan_time = scan(runs)
            report(cold, scan_time, out)
            out(f"warm_page_max_ms={max(warm.values()) * 1000:.2f}")
            with override_settings(CACHES=NO_CACHE):
                published, closing = measure_published(runs)
            out(f"published_ms={published * 1000:.1f}")
            out(f"close_year_ms={closing * 1000:.1f}")
            out(f"published_vs_scan={published / scan_time:.2f}")
            out(f"close_year_vs_scan={closing / scan_time:.2f}")


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


CLOSED = 2007  # a year in the middle of the generated ones


def measure_published(runs):
    """/published/ cold and closing a year: medians in seconds."""
    user = get_user_model().objects.get_or_create(username="bench", is_superuser=True)[0]
    request = RequestFactory().get("/published/")
    request.user = user
    view = resolve("/published/").func

    def page():
        if (status := view(request).status_code) != 200:
            raise CommandError(f"/published/ answered {status}.")

    page()
    published = statistics.median(timed(page) for _ in range(runs))
    closings = []
    for _ in range(runs):
        closings.append(timed(lambda: close_year(CLOSED, note="bench_breakdowns")))
        reopen_year(CLOSED, reason="bench_breakdowns")
    return published, statistics.median(closings)


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
