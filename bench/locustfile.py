"""The load test's users (Locust): analysts who log in once, then browse the overview, the
breakdowns with filters, their by-year matrices and downloads (bench/pages.py), in about the
proportions of an analyst's visit (mostly looking, now and then a matrix, seldom a download).

`python -m bench.loadtest` (`make loadtest`) runs it headless against gunicorn on a scratch
database, with the analyst's login in TRACKER_LOADTEST_USERNAME and TRACKER_LOADTEST_PASSWORD,
the sessions it logged in beforehand in TRACKER_LOADTEST_SESSIONS and the longest pause between
two requests in TRACKER_LOADTEST_THINK_MS (each pause is drawn between 0 and it).
Requests are grouped by page kind in Locust's statistics (`name=`), not by query string.
FastHttpUser: geventhttpclient, a fraction of `requests`' CPU per request, which matters when
Locust shares the cores with the server it measures.
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
from bench import pages
from bench.pages import DIMENSIONS, FILTERS
from bench.sessions import log_in

USER_NUMBERS = itertools.count()
THINK_S = int(os.environ.get("TRACKER_LOADTEST_THINK_MS", "50")) / 1000


class Analyst(FastHttpUser):
    wait_time = between(0, THINK_S)

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
        options = {"name": name, "catch_response": True, "allow_redirects": False}
        with self.client.get(path, **options) as response:
            if response.status_code != 200:  # a redirect to the login page too
                response.failure(f"{path} answered {response.status_code}")

    @task(4)
    def overview(self):
        self.get(pages.overview(random.choice(FILTERS)), "overview")

    @task(6)
    def breakdown(self):
        self.get(pages.breakdown(random.choice(DIMENSIONS), random.choice(FILTERS)), "breakdown")

    @task(2)
    def matrix_by_year(self):
        path = pages.matrix(random.choice(DIMENSIONS), random.choice(FILTERS))
        self.get(path, "breakdown by year")

    @task(1)
    def download(self):
        fmt = random.choice(pages.FORMATS)
        path = pages.download(random.choice(DIMENSIONS), random.choice(FILTERS), fmt)
        self.get(path, "download")
