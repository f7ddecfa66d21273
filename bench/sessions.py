"""Logging the load test's analyst in (bench.loadtest before the clock starts, or
bench/locustfile.py when run by hand): plain `requests`, no Locust, so that importing it does
not patch the caller with gevent."""

import os

import requests


def log_in(host, login=os.environ):
    """The cookies of a fresh analyst's session (`login`'s TRACKER_LOADTEST_USERNAME and
    TRACKER_LOADTEST_PASSWORD)."""
    session = requests.Session()
    session.get(f"{host}/accounts/login/", timeout=300)
    response = session.post(
        f"{host}/accounts/login/",
        {
            "username": login["TRACKER_LOADTEST_USERNAME"],
            "password": login["TRACKER_LOADTEST_PASSWORD"],
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
        timeout=300,
    )
    if response.status_code != 302:  # every page would then fail
        raise RuntimeError(f"login answered {response.status_code}, not a redirect")
    return session.cookies
