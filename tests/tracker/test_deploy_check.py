"""`.env.example` is what production runs with: it sources in a shell (`set -a; . ./.env`, as
docs/production.md says) with every value as written, and `check --deploy` reports nothing with
the environment that gives."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / ".env.example"
QUOTED = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)='(?P<value>[^']*)'$")


def assignments():
    """Every assignment line of .env.example (not comments, not blank lines)."""
    lines = EXAMPLE.read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def listed():
    """{name: value} as the file means them: the text between the quotes."""
    return {m["name"]: m["value"] for m in map(QUOTED.match, assignments()) if m}


def sourced():
    """The variables .env.example lists, as bash sets them when the file is sourced."""
    result = subprocess.run(
        ["bash", "-c", "set -a; . ./.env.example; env -0"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    pairs = (entry.partition("=") for entry in result.stdout.split("\0") if entry)
    names = {line.partition("=")[0] for line in assignments()}
    return {name: value for name, _, value in pairs if name in names}


def documented_environment():
    """The production variables of .env.example as a shell sources them, with a real secret
    key."""
    return {**sourced(), "SECRET_KEY": secrets.token_urlsafe(50)}


def check_deploy(env):
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_value_in_the_example_is_in_single_quotes():
    unquoted = [line for line in assignments() if not QUOTED.match(line)]
    assert unquoted == []


def test_the_example_sources_in_bash_and_sets_every_variable_it_lists_as_written():
    assert "IATI_REPORTING_ORG_NAME" in listed()
    assert sourced() == listed()
    assert sourced()["IATI_REPORTING_ORG_NAME"] == "Norwegian Ministry of Foreign Affairs"


def test_check_deploy_reports_nothing_with_the_documented_production_settings():
    result = check_deploy(documented_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_hsts_so_the_check_above_means_something():
    env = {**documented_environment(), "SECURE_HSTS_SECONDS": "0"}
    result = check_deploy(env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
