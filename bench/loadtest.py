"""Load test: gunicorn on 127.0.0.1 with a scratch database holding data, N logged-in clients
driving the overview and every breakdown page linked from it for a fixed time.

    python -m bench.loadtest [--duration 30] [--clients 20] [--path /other/page/ ...]

Prints name=value lines: requests, requests_per_s, p50_ms, p95_ms, max_ms, errors.
The scratch database is `<DATABASE_URL's database>_loadtest` on PostgreSQL (dropped at the
end), or a temporary SQLite file. Only 127.0.0.1 is contacted. Runs outside Django: it
drives `manage.py` and gunicorn as subprocesses (`make loadtest`).
"""

import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .loadclients import Client, load, report

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
USERNAME = "loadtest"

# Filler data when the project has no `load_demo` command: projects marked demo="filler"
# spread over the reference channels, recipients and units, with amounts for 2006-2009.
GENERATE = """
import random
from decimal import Decimal
from funding.models import YearlyAmount
from measures.models import Measure
from projects.models import (
    AdministeringUnit, Agreement, Channel, Project, ProjectMeasure, Recipient,
)
rng = random.Random(2007)
channels, recipients = list(Channel.objects.all()), list(Recipient.objects.all())
units = list(AdministeringUnit.objects.all())
measures = list(Measure.objects.filter(plan__start_year=2006))
for n in range({count}):
    project = Project.objects.create(
        title=f"Filler project {{n}}", channel=rng.choice(channels),
        recipient=rng.choice(recipients), demo="filler",
    )
    ProjectMeasure.objects.create(project=project, measure=rng.choice(measures), share=100)
    first = rng.randint(2006, 2009)
    last = rng.randint(first, 2009)
    agreement = Agreement.objects.create(
        project=project, unit=rng.choice(units), first_year=first, last_year=last
    )
    for year in range(first, last + 1):
        YearlyAmount.objects.create(
            agreement=agreement, year=year, amount=Decimal(rng.randint(50, 5000) * 1000)
        )
print("generated", {count}, "agreements")
"""


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


def prepare(env, agreements, role, password):
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    has_demo = subprocess.run(
        [PYTHON, "manage.py", "help", "load_demo"], cwd=ROOT, env=env, capture_output=True
    )
    if has_demo.returncode == 0:
        print(manage(env, "load_demo").strip().splitlines()[-1:], file=sys.stderr)
    else:
        manage(env, "shell", "-c", GENERATE.format(count=agreements))
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
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--agreements", type=int, default=300, help="filler data size")
    parser.add_argument("--role", default="analyst", choices=["analyst", "editor"])
    parser.add_argument("--path", action="append", help="pages to drive (default: overview)")
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
    }


def start_server(env, workers):
    """gunicorn on a free 127.0.0.1 port: (process, base URL)."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "tracker.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    return server, f"http://127.0.0.1:{port}"


def pages_to_drive(client, chosen):
    """The pages given, or the overview and every breakdown page it links to."""
    if chosen:
        return chosen
    try:
        _status, overview = client.get("/")
    except urllib.error.HTTPError as error:
        print(f"warning: the overview answers {error.code}", file=sys.stderr)
        overview = ""
    return ["/", *sorted(set(re.findall(r'href="(/breakdowns/[^/"?]+/)"', overview)))]


def main():
    args = parse_args()
    password = secrets.token_urlsafe(16)
    with ScratchDatabase() as db:
        env = environment(db.url)
        prepare(env, args.agreements, args.role, password)
        server, base = start_server(env, args.workers)
        try:
            wait_until_up(base, server)
            clients = [Client(base) for _ in range(args.clients)]
            for client in clients:
                client.login(USERNAME, password)
            paths = pages_to_drive(clients[0], args.path)
            print("pages=" + ",".join(paths))
            results, elapsed = load(clients, paths, args.duration)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return report(results, elapsed)


if __name__ == "__main__":
    sys.exit(main())
