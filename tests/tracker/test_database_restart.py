"""A kept database connection that the server loses (a PostgreSQL restart, here simulated by
terminating our own backend from a second connection) is replaced on the next request:
CONN_HEALTH_CHECKS. The requests go through the WSGI handler, as under gunicorn, so that
Django's per-request connection handling runs (the test client switches it off)."""

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates a PostgreSQL backend"),
]


def healthz():
    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO="/healthz", REQUEST_METHOD="GET")
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    return int(statuses[0].split()[0]), body.decode()


def terminate_our_backend():
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def kept_connection(settings):
    """A connection kept across requests (DATABASE_CONN_MAX_AGE), as production has."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield connection.settings_dict
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_the_settings_check_a_kept_connection_before_using_it(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_server_answers_again_after_losing_its_connection(kept_connection):
    kept_connection["CONN_HEALTH_CHECKS"] = True
    assert healthz() == (200, "ok")
    terminate_our_backend()
    assert connection.connection is not None  # the server still holds the dead connection
    assert healthz() == (200, "ok")  # checked, found dead, replaced: no failed request


def test_without_health_checks_one_request_fails_first(kept_connection):
    kept_connection["CONN_HEALTH_CHECKS"] = False
    assert healthz() == (200, "ok")
    terminate_our_backend()
    assert healthz() == (503, "database unavailable (OperationalError)")
    assert healthz() == (200, "ok")


def test_healthz_says_503_while_the_database_is_down_and_200_after(kept_connection):
    kept_connection["CONN_HEALTH_CHECKS"] = True
    assert healthz() == (200, "ok")
    port = kept_connection["PORT"]
    terminate_our_backend()
    kept_connection["PORT"] = 9  # nothing listens there: the database is "down"
    assert healthz()[0] == 503
    assert healthz()[0] == 503
    kept_connection["PORT"] = port  # back up
    assert healthz() == (200, "ok")
