"""Two gunicorn instances on one PostgreSQL database and one Redis share everything a user
needs: a login on one works on the other, an edit through one shows through the other on the
next request, an import previewed on one is confirmed on the other, and a log-out on one ends
the session on both (sessions live in the database and, with Redis, in the cache).

PostgreSQL and Redis only (REDIS_URL): CI runs it on its PostgreSQL run.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from funding.models import YearlyAmount

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
IMPORT = "/admin/funding/yearlyamount/import/"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="two instances share PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def collected_static():
    environment = {**os.environ, "SECRET_KEY": "collect", "DEBUG": "0"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )


@pytest.fixture
def instances(transactional_db, collected_static):
    """Two gunicorn instances on the test database and Redis: their base URLs."""
    call_command("load_reference", verbosity=0)  # transactional tests start from a flush
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # every instance signs with the same key
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1
        "CACHE_KEY_PREFIX": f"scale-out-{uuid.uuid4().hex}",
        "LOG_LEVEL": "WARNING",
        "LANGUAGE_CODE": "en",  # the pages this test reads, as the suite reads them
    }
    servers, bases = [], []
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [gunicorn, "tracker.wsgi", f"--bind=127.0.0.1:{port}", "--workers=1"],
                    cwd=ROOT,
                    env=environment,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for server, base in zip(servers, bases, strict=True):
            wait_until_up(server, base)
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def database_url():
    params = connection.settings_dict
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return f"postgres://{params['USER']}{password}@{host}:{port}/{params['NAME']}"


def wait_until_up(server, base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=10):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{base} did not answer /healthz")


class Browser:
    """One person's cookies (the session and CSRF cookies hold for 127.0.0.1, any port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.url, response.read().decode()

    def post(self, url, fields, files=None):
        _, page = self.get(url)
        fields = {**fields, "csrfmiddlewaretoken": csrf_token(page)}
        body, content_type = multipart(fields, files or {})
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        with self.opener.open(request, timeout=120) as response:
            return response.url, response.read().decode()


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n')
        parts.append(f"{value}\r\n")
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        parts.append(content.decode("latin-1") + "\r\n")
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("latin-1"), f"multipart/form-data; boundary={boundary}"


def digits(page):
    return re.sub(r"[\u202f\u00a0 ,]", "", page)


def test_two_instances_share_logins_edits_and_import_previews(
    instances, django_user_model, make_agreement
):
    one, two = instances
    django_user_model.objects.create_superuser("kari", password="a long test password")
    amount = make_agreement(amounts={2007: Decimal("1234567")}).amounts.get()
    kari = Browser()
    landed, _ = kari.post(
        f"{one}/accounts/login/", {"username": "kari", "password": "a long test password"}
    )
    assert not landed.endswith("/accounts/login/")
    landed, page = kari.get(f"{two}/breakdowns/region/")  # the session holds on the other
    assert landed == f"{two}/breakdowns/region/" and "Log out kari" in page
    assert "1234567" in digits(page) and "1234567" in digits(kari.get(f"{one}/")[1])

    change = f"/admin/funding/yearlyamount/{amount.pk}/change/"
    fields = {"agreement": amount.agreement_id, "year": 2007, "status": "allocated"}
    kari.post(f"{two}{change}", {**fields, "amount": "7654321", "_save": "Save"})
    assert YearlyAmount.objects.get().amount == Decimal("7654321")
    for base in (one, two):  # both were cached before the edit
        assert "7654321" in digits(kari.get(f"{base}/breakdowns/region/")[1])
        assert "7654321" in digits(kari.get(f"{base}/")[1])

    upload = {"file": ("list.csv", (DATA / "project-list-wide.csv").read_bytes())}
    options = {"format": "auto", "status": "allocated"}
    _, preview = kari.post(f"{one}{IMPORT}", options, upload)
    token = re.search(r'name="token" value="([^"]+)"', preview)[1]
    landed, _ = kari.post(f"{two}{IMPORT}", {"token": token})
    assert re.search(r"/admin/funding/importrun/\d+/change/$", landed)
    assert YearlyAmount.objects.count() == 7
    assert "Bosnia" in kari.get(f"{one}/breakdowns/country/")[1]

    log_out(kari, two)  # the session is in the database and in Redis: gone from both
    for base in (one, two):
        landed, _ = kari.get(f"{base}/breakdowns/region/")
        assert "/accounts/login/" in landed


def log_out(browser, base):
    _, page = browser.get(f"{base}/")
    fields = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf_token(page)}).encode()
    with browser.opener.open(f"{base}/accounts/logout/", data=fields, timeout=60):
        pass
