import pytest

from tracker.client_ip import client_ip

PASSWORD = "Fjord-Lantern-93"


@pytest.fixture
def kari(db, django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("kari", password=PASSWORD, is_staff=True)


def fail_five_times(client, url):
    for attempt in range(1, 6):
        response = client.post(url, {"username": "kari", "password": "wrong"})
        # The form again with its error; the fifth failure locks and says so.
        assert response.status_code == (429 if attempt == 5 else 200)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"], ids=["site", "admin"])
def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, kari, url):
    fail_five_times(client, url)
    response = client.post(url, {"username": "kari", "password": PASSWORD})
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed logins" in text
    assert "locked after 5 failed attempts" in text
    assert "0:15:00" in text
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, kari):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "kari", "password": "wrong"})
    assert (
        client.post("/accounts/login/", {"username": "kari", "password": PASSWORD}).status_code
        == 302
    )
    client.post("/accounts/logout/")
    fail_five_times(client, "/accounts/login/")  # five more are allowed again


def test_the_lock_holds_for_one_username_from_one_address_only(client, kari, django_user_model):
    django_user_model.objects.create_user("ola", password=PASSWORD)
    fail_five_times(client, "/accounts/login/")
    other_user = client.post("/accounts/login/", {"username": "ola", "password": PASSWORD})
    assert other_user.status_code == 302
    client.post("/accounts/logout/")
    other_address = client.post(
        "/accounts/login/",
        {"username": "kari", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other_address.status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(rf, settings):
    settings.BEHIND_TLS_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "203.0.113.7"
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.0.0.1"


def test_the_test_clients_login_still_works(client, kari):
    assert client.login(username="kari", password=PASSWORD)


def test_many_usernames_from_one_address_lock_the_address(client, kari, settings):
    """One wrong password for each of many usernames: the pair limit never trips, the
    address's own limit (AXES_ADDRESS_FAILURE_LIMIT) does."""
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    for n in range(1, 21):
        response = client.post("/accounts/login/", {"username": f"user{n}", "password": "x"})
        assert response.status_code == (429 if n == 20 else 200), n
    refused = client.post("/accounts/login/", {"username": "kari", "password": PASSWORD})
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Logins from your address are locked after 20 failed attempts" in text
    assert "_auth_user_id" not in client.session
    elsewhere = client.post(
        "/accounts/login/", {"username": "kari", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


def test_a_success_from_the_address_does_not_wipe_the_other_usernames_failures(
    client, kari, settings
):
    """Only the pair that logged in is reset: an attacker with an account of their own cannot
    clear the address's count by logging in."""
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    for n in range(1, 20):
        client.post("/accounts/login/", {"username": f"user{n}", "password": "x"})
    assert (
        client.post("/accounts/login/", {"username": "kari", "password": PASSWORD}).status_code
        == 302
    )
    client.post("/accounts/logout/")
    last = client.post("/accounts/login/", {"username": "user99", "password": "x"})
    assert last.status_code == 429
