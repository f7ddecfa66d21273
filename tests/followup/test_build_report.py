"""`build_report YEAR [--format docx|html] [-o FILE]` writes the page's report."""

import pytest
from django.core.management import CommandError, call_command

from .reading import html_headings, word, word_headings


def test_it_writes_the_same_report_as_word_and_html(make_effort, tmp_path, capsys):
    make_effort(title="NATO roadmap", measures=(2,), organisation="United Nations")
    call_command("build_report", "2007", "-o", str(tmp_path / "r.docx"))
    call_command("build_report", "2007", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert "Wrote the 2007 report to" in capsys.readouterr().out
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    headings = word_headings(word((tmp_path / "r.docx").read_bytes()))
    assert headings == html_headings(page)
    assert (1, "3. Measure 2: Ensure that personnel on international operations help to combat "
            "human trafficking") in headings  # fmt: skip
    assert "@media print" in page


def test_a_bad_year_fails_with_a_message(db):
    with pytest.raises(CommandError, match="not a year"):
        call_command("build_report", "last")
