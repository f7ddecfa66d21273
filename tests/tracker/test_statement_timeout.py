"""Web requests' statements end after DATABASE_STATEMENT_TIMEOUT_MS (PostgreSQL's
statement_timeout, set by the WSGI entry point's connection options), commands' do not; a
statement cancelled that way answers 503 with a page in the site's layout, not a killed worker."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.urls import path

from tracker.urls import urlpatterns as site_urls

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
)


def slow(request):
    """A slow query under a tiny timeout: what a filter over far too much data would do."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        cursor.execute("SELECT pg_sleep(5)")


urlpatterns = [path("test-only/slow/", slow), *site_urls]


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls(__name__)
def test_a_statement_cancelled_by_the_timeout_answers_503_in_the_sites_layout(
    client, django_user_model, caplog
):
    client.force_login(django_user_model.objects.create_user("ana"))
    with caplog.at_level(logging.WARNING, logger="tracker.timeouts"):
        response = client.get("/test-only/slow/?year_from=2003")
    assert response.status_code == 503
    page = response.content.decode()
    assert "The request took too long" in page
    assert "narrower filters" in page
    assert '<main id="main"' in page  # base.html around it
    assert "/test-only/slow/?year_from=2003" in caplog.text
    with connection.cursor() as cursor:  # the connection is usable again
        cursor.execute("SELECT 1")


SHOW = (
    "import json\nfrom django.db import connection\n"
    "with connection.cursor() as c:\n"
    "    c.execute('SHOW statement_timeout'); timeout = c.fetchone()[0]\n"
    "    c.execute('SHOW jit'); jit = c.fetchone()[0]\n"
    "print(json.dumps([timeout, jit]))"
)


def database_settings(*command):
    """statement_timeout and jit of a connection made by `command` (a new process, with
    DATABASE_STATEMENT_TIMEOUT_MS=1234) on the database the tests use."""
    env = {
        **{k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "DATABASE_URL"}},
        "SECRET_KEY": "test-only",
        "DATABASE_STATEMENT_TIMEOUT_MS": "1234",
    }
    result = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_web_server_bounds_statements_and_keeps_jit_off():
    """Whatever serves tracker.wsgi (gunicorn in production) loads the settings through it."""
    assert database_settings("-c", f"import tracker.wsgi\n{SHOW}") == ["1234ms", "off"]


def test_management_commands_run_without_a_statement_timeout():
    """migrate, import_projects, close_year, the benchmarks ...: as long as they need."""
    assert database_settings("manage.py", "shell", "-c", SHOW) == ["0", "off"]
