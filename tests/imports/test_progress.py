"""`import_projects` on a terminal shows its phases and a bar; piped or --quiet, the summary."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).resolve().parent.parent / "data"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(stderr, *args):
    out = io.StringIO()
    path = DATA / "project-list-wide.csv"
    call_command("import_projects", str(path), "--create-missing", *args, stdout=out, stderr=stderr)
    return out.getvalue(), stderr.getvalue()


def test_on_a_terminal_it_shows_reading_then_each_writing_step(db):
    out, err = run(Terminal())
    assert "Reading and checking rows [" in err
    assert "100%" in err
    for step in (
        "Matching with the database",
        "Counting changes",
        "Writing new projects",
        "Writing new agreements",
        "Writing yearly amounts",
        "Recording the history",
    ):
        assert f"\r{step}…" in err, step
    assert out.startswith("Imported project-list-wide.csv")


@pytest.mark.parametrize(("stderr", "args"), [(io.StringIO(), ()), (Terminal(), ("--quiet",))])
def test_piped_or_quiet_it_prints_only_the_summary(db, stderr, args):
    out, err = run(stderr, *args)
    assert err == ""
    assert out.startswith("Imported project-list-wide.csv")
    assert out.count("\n") == 1
