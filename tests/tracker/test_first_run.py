"""What a new user meets first: `make run` says one short line per step and ends with the
address and the login in a frame; the login page puts "Log in" before the language switch."""

import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command


def ensure_admin(tmp_path):
    out = StringIO()
    call_command("ensure_admin", password_file=str(tmp_path / "pw"), stdout=out)
    return out.getvalue().strip().splitlines()


@pytest.mark.django_db
def test_ensure_admin_ends_with_the_address_and_the_login_framed(tmp_path):
    lines = ensure_admin(tmp_path)
    password = (tmp_path / "pw").read_text().strip()
    assert lines[0] == lines[-1] and set(lines[0]) == {"+", "-"}
    assert "http://127.0.0.1:8000/" in lines[1]
    assert "admin" in lines[2] and password in lines[3]
    assert get_user_model().objects.get(username="admin").check_password(password)


@pytest.mark.django_db
def test_a_second_run_shows_the_same_login_until_the_password_is_changed(tmp_path):
    first = ensure_admin(tmp_path)
    assert ensure_admin(tmp_path) == first
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed by the user")
    admin.save()
    again = ensure_admin(tmp_path)
    assert "the password you set" in again[2] and "changepassword admin" in again[3]
    assert not any((tmp_path / "pw").read_text().strip() in line for line in again)


def test_make_run_prints_the_login_last_and_hides_the_servers_banner():
    steps = subprocess.run(
        ["make", "-n", "run", "-o", ".venv/.installed"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    commands = [step for step in steps if "manage.py" in step]
    assert "ensure_admin" in commands[-2]
    assert "runserver" in commands[-1] and commands[-1].endswith(">/dev/null")
    assert all("migrate" not in step or "--verbosity 0" in step for step in commands)


@pytest.mark.django_db
def test_the_login_button_comes_before_the_language_switch(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.count('name="language"') == 1
    assert html.index('type="submit">Log in<') < html.index('name="language"')
