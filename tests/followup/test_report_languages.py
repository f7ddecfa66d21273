"""The yearly report in Norwegian or English from the same records: `build_report(year,
language=…)`, `/report/<year>/?language=nb|en` and `build_report YEAR --language nb|en`."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from followup.models import ReportText
from followup.report import OTHER_LANGUAGE, build_report
from measures.models import Measure

from .reading import html_figures, html_headings, word, word_headings


def nb(text):
    with translation.override("nb"):
        return translation.gettext(text)


@pytest.fixture
def efforts(make_effort):
    make_effort(title="Shelter talks", measures=(31,), heading="Europe > Bosnia and Herzegovina")
    make_effort(title="Roadmap", measures=(2,), heading="Africa")


def headings(report):
    return [text for _level, text in report.headings]


def test_the_report_in_norwegian_has_norwegian_headings_and_names(efforts):
    norwegian = headings(build_report(2007, language="nb"))
    english = headings(build_report(2007, language="en"))
    assert {"Europa", "Bosnia-Hercegovina", "Afrika", nb("2. Summary")} <= set(norwegian)
    assert {"Europe", "Bosnia and Herzegovina", "Africa", "2. Summary"} <= set(english)
    assert nb("2. Summary") != "2. Summary"
    assert not {"Europe", "Bosnia and Herzegovina", "Africa"} & set(norwegian)


def test_the_figures_are_the_same_in_both_languages(analyst_client, make_agreement, efforts):
    make_agreement({2007: "500.00"}, recipient="Bosnia and Herzegovina")
    norwegian = analyst_client.get("/report/2007/?language=nb").content.decode()
    english = analyst_client.get("/report/2007/?language=en").content.decode()

    def digits(page):
        return [re.sub(r"\D", "", figure) for figure in html_figures(page)]

    assert digits(norwegian) == digits(english) and "1000" in digits(english)


def test_a_measure_title_is_norwegian_where_recorded_and_marked_in_the_draft_where_not(efforts):
    measure = Measure.objects.get(plan__start_year=2006, number=2)
    english_title = measure.title
    draft = build_report(2007, draft=True, language="nb")
    notes = [e.text for e in draft.elements if e.kind == "draft"]
    assert any(english_title in note for note in notes)  # printed in English: marked
    final = build_report(2007, language="nb")
    assert not any(e.kind == "draft" for e in final.elements)
    measure.title_nb = "Tiltak to på norsk (test)"
    measure.save(update_fields=["title_nb"])
    assert any(
        "Tiltak to på norsk (test)" in text for text in headings(build_report(2007, language="nb"))
    )
    notes = [
        e.text for e in build_report(2007, draft=True, language="nb").elements if e.kind == "draft"
    ]
    assert not any(english_title in note for note in notes)


def test_report_texts_are_printed_in_their_own_language_and_missing_in_the_other(db):
    approved = {"year": 2007, "review_state": "approved"}  # the final report takes these
    ReportText.objects.create(place="introduction", body="Written in English.", **approved)
    ReportText.objects.create(
        place="evaluation", body="Skrevet på norsk.", language="nb", **approved
    )
    ReportText.objects.create(
        place="evaluation", body="Written in Norwegian first.", language="en", **approved
    )

    def paragraphs(report):
        return [e.parts[0] for e in report.elements if e.kind == "p" and e.parts]

    english, norwegian = build_report(2007, language="en"), build_report(2007, language="nb")
    assert "Written in English." in paragraphs(english)
    assert "Written in English." not in paragraphs(norwegian)
    assert "Skrevet på norsk." in paragraphs(norwegian)
    assert "Skrevet på norsk." not in paragraphs(english)
    assert "Written in Norwegian first." in paragraphs(english)
    draft = build_report(2007, draft=True, language="nb")
    with translation.override("nb"):
        expected = str(OTHER_LANGUAGE)
    assert expected in [e.text for e in draft.elements if e.kind == "draft"]


def test_the_page_takes_the_language_parameter_and_refuses_another(analyst_client, efforts):
    page = analyst_client.get("/report/2007/?language=nb").content.decode()
    assert '<div lang="nb">' in page
    assert (2, "Europa") in html_headings(page)
    assert "?format=docx&amp;language=nb" in page
    docx = analyst_client.get("/report/2007/?format=docx&language=nb").content
    assert (2, "Europa") in word_headings(word(docx))
    assert analyst_client.get("/report/2007/?language=de").status_code == 400


def test_the_page_is_in_the_interface_language_by_default(analyst_client, efforts):
    page = analyst_client.get("/report/2007/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert (2, "Europa") in html_headings(page)
    page = analyst_client.get("/report/2007/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (2, "Europe") in html_headings(page)


@pytest.mark.parametrize("language, region", [("nb", "Europa"), ("en", "Europe")])
def test_the_command_builds_the_report_in_either_language(efforts, tmp_path, language, region):
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    call_command("build_report", "2007", "--format", "html", "-o", str(html),
                 "--language", language, "--quiet")  # fmt: skip
    call_command("build_report", "2007", "-o", str(docx), "--language", language, "--quiet")
    page = html.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in page
    assert (2, region) in html_headings(page)
    assert html_headings(page) == word_headings(word(docx.read_bytes()))


def test_the_demo_report_in_norwegian_names_its_regions_groups_and_countries_in_norwegian(db):
    call_command("load_demo")
    norwegian = set(headings(build_report(2007, language="nb")))
    english = set(headings(build_report(2007, language="en")))
    assert {"Europa", "Afrika", "Global innsats", "Det sørlige Afrika"} <= norwegian
    assert {"Europe", "Africa", "Global efforts", "Southern Africa"} <= english
    assert not {"Europe", "Africa", "Global efforts", "Southern Africa"} & norwegian
