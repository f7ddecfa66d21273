import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from projects.roles import ANALYSTS, EDITORS


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(*args, stdin=""):
    out = io.StringIO()
    stdin = stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
    call_command("create_user", *args, stdin=stdin, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_an_editor_with_admin_access_and_a_generated_password():
    output = run("kari", "--role", "editor", "--email", "kari@example.org")
    user = get_user_model().objects.get(username="kari")
    password = output.split("note it now): ")[1].strip()
    assert user.check_password(password)
    assert len(password) >= 16
    assert user.is_staff and not user.is_superuser
    assert user.email == "kari@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]


@pytest.mark.django_db
def test_it_creates_an_analyst_without_admin_access_from_a_password_on_stdin():
    output = run("ola", "--role", "analyst", "--password-stdin", stdin="Fjord-Lantern-93\n")
    user = get_user_model().objects.get(username="ola")
    assert user.check_password("Fjord-Lantern-93")
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [ANALYSTS]
    assert "Fjord-Lantern-93" not in output


@pytest.mark.django_db
def test_it_prompts_twice_on_a_terminal_until_the_passwords_match(monkeypatch):
    answers = iter(["Fjord-Lantern-93", "Fjord-Lantern-39", "Fjord-Lantern-93", "Fjord-Lantern-93"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("per", "--role", "analyst", stdin=Terminal())
    assert get_user_model().objects.get(username="per").check_password("Fjord-Lantern-93")


@pytest.mark.django_db
def test_it_refuses_a_weak_password_and_creates_nobody():
    with pytest.raises(CommandError, match=r"Password refused: .*too common"):
        run("weak", "--role", "editor", "--password-stdin", stdin="password\n")
    assert not get_user_model().objects.filter(username="weak").exists()


@pytest.mark.django_db
def test_it_refuses_an_existing_username():
    run("kari", "--role", "analyst")
    with pytest.raises(CommandError, match="'kari' exists already"):
        run("kari", "--role", "editor")


@pytest.mark.django_db
def test_it_refuses_an_unknown_role():
    with pytest.raises(CommandError, match="invalid choice: 'admin'"):
        run("kari", "--role", "admin")
