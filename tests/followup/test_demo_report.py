"""The 2007 demo is the 2007 report: built from the records, /report/2007/ and build_report hold
every fact of the report's sections 1-15 in its structure and headings, in our own words, with
nothing of the editors' notes; the draft shows them."""

import html
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from breakdowns.published import snapshot
from followup.models import Effort, ReportText
from followup.report import build_report
from funding.models import ClosedYear
from tests.imports.importing import run_import, write

from . import seed
from .reading import html_headings, word, word_headings, word_text

# The measures the 2007 report has a section for (sections 3 to 15), in its order.
SEED_MEASURES = [1, 2, 11, 16, 23, 30, 31, 32, 33, 34, 35, 36, 37]


@pytest.fixture
def demo(db):
    call_command("load_demo")
    with translation.override("en"):
        yield


def text_of(page):
    """The visible text of the report on a page."""
    report = page[page.index('<article class="report') :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report)).split())


def measure_headings(document):
    """{measure number: the headings under its section}."""
    out, current = {}, None
    for level, text in document.headings:
        match = re.match(r"\d+\. Measure (\d+):", text)
        if level == 1:
            current = int(match.group(1)) if match else None
        elif current is not None:
            out.setdefault(current, []).append(text)
    return out


def test_the_report_has_the_seeds_sections_and_headings_in_its_order(demo):
    document = build_report(2007)
    sections = [text for level, text in document.headings if level == 1]
    assert sections[:2] == ["1. Introduction", "2. Summary"]
    assert [int(re.match(r"(\d+)\.", s).group(1)) for s in sections[2:]] == list(range(3, 16))
    numbers = [int(re.search(r"Measure (\d+):", s).group(1)) for s in sections[2:]]
    assert numbers == SEED_MEASURES
    subsections = [text for level, text in document.headings if re.match(r"2\.\d", text)]
    assert [s[:3] for s in subsections] == ["2.1", "2.2", "2.3"]
    assert measure_headings(document) == seed.seed_headings()  # with 2007's names: "Macedonia"


def test_the_report_holds_the_seeds_facts_in_its_own_words(demo, analyst_client):
    text = text_of(analyst_client.get("/report/2007/").content.decode())
    missing = seed.missing_facts(text)
    assert len(missing) <= 0.02 * len(seed.facts()), missing
    sentences, runs = seed.copied(text)
    assert (sentences, runs) == ([], [])


def test_the_report_has_no_editorial_asides_and_the_draft_shows_them(demo, analyst_client):
    report = text_of(analyst_client.get("/report/2007/").content.decode())
    assert seed.asides(report) == []
    assert "Vatra Centre" in report
    draft = text_of(analyst_client.get("/report/2007/?draft=1").content.decode())
    assert "Source: Report 2007, section 3 Measure 1 / Africa / Southern Africa" in draft
    assert "Editorial note:" in draft
    assert "Status:" in draft and "Status:" not in report


def test_the_records_behind_the_report(demo, analyst_client):
    # an effort reported in 2007 may have happened in 2008: the Tokyo lecture, under Japan
    lecture = Effort.objects.get(heading__label="Japan")
    assert (lecture.reported_in, lecture.start) == (2007, "2008-03")
    headings = measure_headings(build_report(2007))[33]
    assert headings[headings.index("Asia") + 1] == "Japan"
    # the introduction's counts come from the records
    intro = ReportText.objects.get(year=2007, place="introduction")
    assert "{ministry_measures}" in intro.body and "{measures}" in intro.body
    page = analyst_client.get("/report/2007/").content.decode()
    text = text_of(page)
    assert "contains 37 measures in all" in text and "16 fall to the Ministry" in text
    # the Word file has the page's headings and facts
    document = word(analyst_client.get("/report/2007/?format=docx").content)
    assert word_headings(document) == html_headings(page)
    assert seed.missing_facts(word_text(document)) == seed.missing_facts(text)


def test_2007_is_closed_as_the_published_year_and_reloading_changes_nothing(demo):
    closed = ClosedYear.objects.get(year=2007)
    assert "published" in closed.note
    before = list(Effort.objects.order_by("pk").values_list("pk", "title"))
    call_command("load_demo")
    assert list(Effort.objects.order_by("pk").values_list("pk", "title")) == before
    assert ClosedYear.objects.get(year=2007).pk == closed.pk


def test_a_2009_amount_leaves_what_2007_published_as_it_was(demo, analyst_client, tmp_path):
    """The closed year keeps its published figures and its own money; the live figures (and the
    report's sentences on the list's later plans) move with the new amount, and /published/
    flags the drift beside the figures as closed."""
    closed = ClosedYear.objects.get(year=2007).snapshot
    spent = "around NOK 200 million was paid out or allocated from 2003 to the end of 2007"
    assert spent in text_of(analyst_client.get("/report/2007/").content.decode())
    assert "changed since closing" not in analyst_client.get("/published/").content.decode()
    header = "Project title,Agreement partner,Country,Administering unit,Measures,2009\n"
    row = "Later support,Norwegian Church Aid,Albania,West Balkans Section,1,5000000\n"
    assert run_import(write(tmp_path, header + row))[0] == 0
    assert snapshot()["direct_total_2000_2010"] != closed["figures"]["direct_total_2000_2010"]
    assert ClosedYear.objects.get(year=2007).snapshot == closed
    assert spent in text_of(analyst_client.get("/report/2007/").content.decode())
    assert "changed since closing" in analyst_client.get("/published/").content.decode()
