"""The pages the load test's analysts ask for (bench/locustfile.py, which weighs them), and
every one of them (bench.loadtest's warm-up). Plain Python: importing it patches nothing with
gevent, as importing Locust would."""

import itertools

DIMENSIONS = [
    "region", "country", "channel", "organisation-kind", "organisation-family",
    "partner-group", "year", "unit", "measure", "objective",
]  # fmt: skip
# Filters an analyst sets: a period, a stage of the money, an objective (docs/breakdowns.md).
FILTERS = [
    "",
    "year_from=2006&year_to=2007",
    "year_from=2007&year_to=2007",
    "status=disbursed",
    "status=allocated&status=disbursed",
    "objective=main",
    "year_from=2006&year_to=2009&objective=subsidiary",
]
FORMATS = ["csv", "xlsx", "json"]


def query(*parts):
    given = "&".join(part for part in parts if part)
    return f"?{given}" if given else ""


def overview(filters):
    return "/" + query(filters)


def breakdown(dimension, filters):
    return f"/breakdowns/{dimension}/" + query(filters)


def matrix(dimension, filters):
    return f"/breakdowns/{dimension}/" + query("by=year", filters)


def download(dimension, filters, fmt):
    return f"/breakdowns/{dimension}/" + query(filters, f"format={fmt}")


def every_page():
    """Every address the analysts can ask for (357): what the warm-up computes once."""
    yield from map(overview, FILTERS)
    for dimension, filters in itertools.product(DIMENSIONS, FILTERS):
        yield breakdown(dimension, filters)
        yield matrix(dimension, filters)
        yield from (download(dimension, filters, fmt) for fmt in FORMATS)
