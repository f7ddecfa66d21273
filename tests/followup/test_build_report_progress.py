"""`build_report` on a terminal shows its two phases; piped or --quiet, only the summary."""

import io

import pytest
from django.core.management import call_command


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_it_shows_its_phases(make_effort, tmp_path):
    make_effort(title="NATO roadmap", measures=(2,), organisation="United Nations")
    err, out = Terminal(), io.StringIO()
    path = tmp_path / "r.docx"
    call_command("build_report", "2007", "-o", str(path), stdout=out, stderr=err)
    assert "\rGathering the figures and efforts… (" in err.getvalue()
    assert f"\rWriting {path}… (" in err.getvalue()
    assert out.getvalue() == f"Wrote the 2007 report to {path}.\n"


@pytest.mark.parametrize(("err", "args"), [(io.StringIO(), ()), (Terminal(), ("--quiet",))])
def test_piped_or_quiet_it_prints_only_the_summary(make_effort, tmp_path, err, args):
    make_effort(title="NATO roadmap", measures=(2,), organisation="United Nations")
    out = io.StringIO()
    call_command(
        "build_report", "2007", "-o", str(tmp_path / "r.html"), "--format", "html", *args,
        stdout=out, stderr=err,
    )  # fmt: skip
    assert err.getvalue() == ""
    assert out.getvalue().startswith("Wrote the 2007 report")
