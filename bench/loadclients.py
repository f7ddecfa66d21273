"""The load test's clients (bench.loadtest): logged-in HTTP clients that each drive a list of
pages from their own thread, and the latency report (name=value lines)."""

import http.cookiejar
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")

    def login(self, username, password):
        _status, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        try:
            with self.opener.open(self.base + "/accounts/login/", data=data, timeout=60) as r:
                landed = r.url
        except urllib.error.HTTPError as error:  # the page after the login failed: counted later
            landed = error.url
        if landed.endswith("/accounts/login/"):
            raise RuntimeError("login failed")


def drive(client, paths, deadline, offset, results, lock):
    latencies, errors, n = [], 0, offset
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        start = time.perf_counter()
        try:
            status, _body = client.get(path)
            ok = status == 200
        except OSError:  # HTTP errors, refused or timed-out connections
            ok = False
        latencies.append((time.perf_counter() - start) * 1000)
        errors += not ok
    with lock:
        results["latencies"].extend(latencies)
        results["errors"] += errors


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load(clients, paths, duration):
    """Every client drives the pages for `duration` seconds: (results, elapsed seconds)."""
    results, lock = {"latencies": [], "errors": 0}, threading.Lock()
    started = time.monotonic()
    deadline = started + duration
    threads = [
        threading.Thread(target=drive, args=(c, paths, deadline, i, results, lock))
        for i, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def report(results, elapsed):
    """Print the name=value lines; the exit status is 1 when any request failed."""
    latencies = results["latencies"]
    print(f"requests={len(latencies)}")
    print(f"requests_per_s={len(latencies) / elapsed:.1f}")
    print(f"p50_ms={statistics.median(latencies):.1f}")
    print(f"p95_ms={percentile(latencies, 0.95):.1f}")
    print(f"max_ms={max(latencies):.1f}")
    print(f"errors={results['errors']}")
    return 1 if results["errors"] else 0
