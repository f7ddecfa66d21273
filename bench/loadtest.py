"""Load test with Locust: gunicorn on 127.0.0.1 with a scratch database holding the demo data,
every page the analysts can ask for requested once (the warm-up: pages come from the cache, as
they do once anyone has seen them), then Locust headless with N analysts (bench/locustfile.py)
for a fixed time, then the figures.

    python -m bench.loadtest [--duration 30] [--users 20] [--think-ms 50]
                             [--workers CORES] [--threads 1] [--no-warm-up]

Prints name=value lines: warmup_passes, warmup_s, then from Locust's statistics (the
Aggregated row of its CSV) requests, requests_per_s, p50_ms, p95_ms, max_ms, errors; exits 1
when any request failed. The scratch database is `<DATABASE_URL's database>_loadtest` on
PostgreSQL (dropped at the end), or a temporary SQLite file; the cache is the environment's
(REDIS_URL: shared by the workers, one warm-up pass fills it; without it each worker has its
own, see warm_up_passes). Only 127.0.0.1 is contacted. Runs outside Django: it drives
`manage.py`, gunicorn (with gunicorn.conf.py) and Locust as subprocesses (`make loadtest`).
"""

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from .pages import every_page
from .sessions import log_in

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
USERNAME = "loadtest"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, stdin=None):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
    ).stdout


class ScratchDatabase:
    """A PostgreSQL database next to DATABASE_URL's, or a temporary SQLite file."""

    def __init__(self):
        url = os.environ.get("DATABASE_URL", "")
        self.pg = url.startswith(("postgres://", "postgresql://"))
        if self.pg:
            parts = urllib.parse.urlsplit(url)
            self.name = parts.path.lstrip("/") + "_loadtest"
            self.admin_url = parts._replace(path="/postgres").geturl()
            self.url = parts._replace(path="/" + self.name).geturl()
        else:
            self.tmp = tempfile.TemporaryDirectory()
            self.url = f"sqlite:///{self.tmp.name}/loadtest.sqlite3"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self):
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            self.tmp.cleanup()


def prepare(env, role, password):
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    print(manage(env, "load_demo").strip().splitlines()[-1], file=sys.stderr)
    manage(env, "create_user", USERNAME, "--role", role, "--password-stdin", stdin=password)


def wait_until_up(base, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or workers still booting
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--users", type=int, default=20, help="analysts browsing at once")
    parser.add_argument(
        "--think-ms", type=int, default=50, help="longest pause between two requests of a user"
    )
    # Locust runs on the same cores: one worker per core (2 x cores + 1, gunicorn.conf.py's
    # default, and 4 threads per worker measured no better on the 2-core machine).
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false")
    parser.add_argument("--role", default="analyst", choices=["analyst", "editor"])
    return parser.parse_args()


def environment(database_url):
    """The production-like environment of every subprocess, on the scratch database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "CACHE_KEY_PREFIX": f"loadtest-{secrets.token_hex(8)}",  # nothing of an earlier run
    }


def start_server(env, args):
    """gunicorn on a free 127.0.0.1 port with `args.workers` and `args.threads`: (process,
    base URL). gunicorn.conf.py gives the rest."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "tracker.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
        ],
        cwd=ROOT,
        env=env,
    )
    return server, f"http://127.0.0.1:{port}"


def sessions(base, users, login):
    """One logged-in session per user, made before the clock starts (bench/locustfile.py says
    why): their cookies."""
    return [log_in(base, login) for _ in range(users)]


def warm_up(base, cookies, passes):
    """Every page the analysts can ask for, `passes` times, two at a time: its seconds."""
    start = time.monotonic()
    with requests.Session() as session, ThreadPoolExecutor(2) as pool:
        session.cookies.update(cookies)
        for _ in range(passes):
            for path, status in pool.map(lambda path: fetch(session, base + path), every_page()):
                if status != 200:
                    raise RuntimeError(f"the warm-up's {path} answered {status}")
    return time.monotonic() - start


def warm_up_passes(args):
    """One pass fills a shared cache (REDIS_URL). Without it each worker keeps its own, and
    whichever worker is free takes a request: three passes per worker, so that each has most
    likely seen each page (a pass over pages already cached takes a few seconds)."""
    if not args.warm_up:
        return 0
    return 1 if os.environ.get("REDIS_URL") else 3 * args.workers


def fetch(session, url):
    return url, session.get(url, allow_redirects=False, timeout=300).status_code


def run_locust(env, base, args, prefix):
    """Locust headless against `base` for `args.duration` seconds; its CSVs at `prefix`."""
    options = [
        f"--locustfile={ROOT / 'bench' / 'locustfile.py'}",
        "--headless",
        "--only-summary",
        "--loglevel=WARNING",
        f"--users={args.users}",
        f"--spawn-rate={args.users}",
        f"--run-time={args.duration}s",
        "--stop-timeout=10",
        f"--host={base}",
        f"--csv={prefix}",
    ]
    subprocess.run(
        [str(Path(PYTHON).with_name("locust")), *options],
        cwd=ROOT,
        env=env | {"TRACKER_LOADTEST_THINK_MS": str(args.think_ms)},
        stdout=sys.stderr,
        check=False,  # exits 1 when a request failed: the figures say so
        timeout=args.duration + 120,
    )


def aggregated(prefix):
    """The Aggregated row of Locust's PREFIX_stats.csv."""
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row["Name"] == "Aggregated"]
    if not rows:
        raise RuntimeError(f"Locust wrote no Aggregated row to {prefix}_stats.csv")
    return rows[0]


def report(row):
    """Print the name=value lines; the exit status is 1 when any request failed or none was
    made (the users could not log in within the run's time)."""
    count, errors = int(row["Request Count"]), int(row["Failure Count"])
    print(f"requests={count}")
    print(f"requests_per_s={float(row['Requests/s']):.1f}")
    if count:
        print(f"p50_ms={float(row['50%']):.0f}")
        print(f"p95_ms={float(row['95%']):.0f}")
        print(f"max_ms={float(row['Max Response Time']):.0f}")
    else:
        print("no page was requested within the run's time", file=sys.stderr)
    print(f"errors={errors}")
    return 1 if errors or not count else 0


def main():
    args = parse_args()
    password = secrets.token_urlsafe(16)
    with ScratchDatabase() as db, tempfile.TemporaryDirectory() as out:
        env = environment(db.url)
        prepare(env, args.role, password)
        server, base = start_server(env, args)
        try:
            wait_until_up(base, server)
            login = {"TRACKER_LOADTEST_USERNAME": USERNAME, "TRACKER_LOADTEST_PASSWORD": password}
            cookies = sessions(base, args.users, login)
            joined = ",".join(f"sessionid={jar['sessionid']}" for jar in cookies)
            login["TRACKER_LOADTEST_SESSIONS"] = joined
            passes = warm_up_passes(args)
            print(f"warmup_passes={passes}")
            print(f"warmup_s={warm_up(base, cookies[0], passes):.1f}")
            run_locust(env | login, base, args, f"{out}/locust")
        finally:
            server.terminate()
            server.wait(timeout=30)
        return report(aggregated(f"{out}/locust"))


if __name__ == "__main__":
    sys.exit(main())
