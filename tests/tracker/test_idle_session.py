"""A session unused for longer than SESSION_IDLE_MINUTES is logged out on its next request;
one in use stays logged in, and records its use at most once a minute (a session write per
request would cost a database write on every page)."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.idle import LAST_SEEN


@pytest.fixture
def user_client(client, django_user_model, settings):
    settings.SESSION_IDLE_MINUTES = 60
    client.force_login(django_user_model.objects.create_superuser("kari", "k@example.org", "pw"))
    return client


def seen_ago(client, seconds):
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_is_logged_out_on_its_next_request(user_client):
    seen_ago(user_client, 61 * 60)
    response = user_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert SESSION_KEY not in user_client.session
    page = user_client.get(response["Location"])
    assert "You were logged out after 60 minutes without activity" in page.content.decode()


def test_a_session_in_use_stays_logged_in_and_its_time_moves_on(user_client):
    seen_ago(user_client, 59 * 60)
    assert user_client.get("/").status_code == 200
    assert user_client.session[LAST_SEEN] >= int(time.time()) - 5
    seen_ago(user_client, 59 * 60)
    assert user_client.get("/").status_code == 200  # 59 minutes after the last request


def test_neither_the_login_nor_a_request_within_the_minute_writes_the_session_again(
    user_client,
):
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert user_client.get("/").status_code == 200
        sessions = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
        assert sessions and all(sql.startswith("SELECT") for sql in sessions)


def test_zero_turns_the_idle_timeout_off(user_client, settings):
    settings.SESSION_IDLE_MINUTES = 0
    seen_ago(user_client, 10 * 24 * 3600)
    assert user_client.get("/").status_code == 200
