"""The load test's users (Locust): analysts who log in once, then browse the overview, the
breakdowns with filters, their by-year matrices and downloads, in about the proportions of an
analyst's visit (mostly looking, now and then a matrix, seldom a download).

`python -m bench.loadtest` (`make loadtest`) runs it headless against gunicorn on a scratch
database, with the analyst's login in TRACKER_LOADTEST_USERNAME and TRACKER_LOADTEST_PASSWORD
and the sessions it logged in beforehand in TRACKER_LOADTEST_SESSIONS.
Requests are grouped by page kind in Locust's statistics (`name=`), not by query string.
"""

import itertools
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

from locust import FastHttpUser, between, task
from requests.cookies import create_cookie

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # Locust adds only bench/
from bench.sessions import log_in

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


USER_NUMBERS = itertools.count()


def query(*parts):
    given = "&".join(part for part in parts if part)
    return f"?{given}" if given else ""


WAIT_S = float(os.environ.get("TRACKER_LOADTEST_WAIT_S", "0.5"))


class Analyst(FastHttpUser):
    wait_time = between(0, WAIT_S)

    def on_start(self):
        """Take one of the sessions bench.loadtest logged in before the clock started (a
        login is a password hash, hundreds of milliseconds of CPU by design, and the figures
        are about pages); without them, log in here, outside the statistics."""
        sessions = [c for c in os.environ.get("TRACKER_LOADTEST_SESSIONS", "").split(",") if c]
        if sessions:
            name, value = sessions[next(USER_NUMBERS) % len(sessions)].split("=", 1)
            cookies = [create_cookie(name, value, domain=urlsplit(self.host).hostname)]
        else:
            cookies = log_in(self.host)
        for cookie in cookies:
            self.client.cookiejar.set_cookie(cookie)

    def get(self, path, name):
        kwargs = {"name": name, "catch_response": True, "allow_redirects": False}
        with self.client.get(path, **kwargs) as response:
            if response.status_code != 200:  # a redirect to the login page too
                response.failure(f"{path} answered {response.status_code}")

    @task(4)
    def overview(self):
        self.get("/" + query(random.choice(FILTERS)), "overview")

    @task(6)
    def breakdown(self):
        dimension = random.choice(DIMENSIONS)
        self.get(f"/breakdowns/{dimension}/" + query(random.choice(FILTERS)), "breakdown")

    @task(2)
    def matrix_by_year(self):
        dimension = random.choice(DIMENSIONS)
        path = f"/breakdowns/{dimension}/" + query("by=year", random.choice(FILTERS))
        self.get(path, "breakdown by year")

    @task(1)
    def download(self):
        dimension = random.choice(DIMENSIONS)
        fmt = random.choice(["csv", "xlsx", "json"])
        path = f"/breakdowns/{dimension}/" + query(random.choice(FILTERS), f"format={fmt}")
        self.get(path, "download")
