"""/report/<year>/ and build_report: the yearly report from the records, as HTML and as Word; the
report as it is sent and the editors' working draft (?draft=1)."""

import pytest

from followup.models import ReportText
from followup.report import build_report
from measures.models import Plan, PlanResponsibility

from .reading import html_headings, word, word_headings, word_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def headings(year, draft=False):
    return [text for _level, text in build_report(year, draft=draft).headings]


def test_a_year_with_no_records_has_only_the_generated_summary(analyst_client):
    response = analyst_client.get("/report/1995/")
    assert response.status_code == 200
    assert headings(1995) == ["2. Summary", "2.2 Scope and distribution of project support"]
    draft = analyst_client.get("/report/1995/?draft=1").content.decode()
    assert draft.count("No text is written for this part yet") == 3  # 1, 2.1 and 2.3
    docx = analyst_client.get("/report/1995/?format=docx")
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX


def test_only_measures_with_efforts_get_a_section_in_number_order(analyst_client, make_effort):
    make_effort(title="Roadmap", measures=(36,), heading="")
    make_effort(title="Talks at NATO", measures=(2,), heading="NATO")
    sections = [h for h in headings(2007) if h[0].isdigit() and h[1] in ".0123456789"]
    assert sections[-2:] == [
        "3. Measure 2: Ensure that personnel on international operations help to combat "
        "human trafficking",
        "4. Measure 36: In accordance with the Government's Europe Report, Norway will seek to "
        "engage in close cooperation with the EU and EU member states both within and outside "
        "the framework of Schengen Cooperation",
    ]
    draft = analyst_client.get("/report/2007/?draft=1").content.decode()
    assert "Measures of the Ministry of Foreign Affairs with nothing recorded for 2007" in draft
    assert "Measure 1: Strengthen and continue" in draft  # the Ministry's, not recorded
    assert "Measure 3:" not in draft  # not the Ministry's measure: not flagged


def test_efforts_follow_their_order_under_headings_in_the_order_of_their_first_effort(
    make_effort,
):
    make_effort(title="c", measures=(1,), heading="Europe > Albania", order=1)
    make_effort(title="a", measures=(1,), heading="Africa > Malawi", order=2)
    make_effort(title="b", measures=(1,), heading="Europe > Croatia", order=3)
    make_effort(title="d", measures=(1,), heading="Europe > Albania", order=4)
    assert headings(2007)[-5:] == ["Europe", "Albania", "Croatia", "Africa", "Malawi"]
    draft = [e.text for e in build_report(2007, draft=True).elements if e.kind == "draft"]
    titles = [text.split(" (")[0] for text in draft if text[0].isdigit()]
    assert titles == ["1. c", "4. d", "3. b", "2. a"]  # the two in Albania together


def test_a_country_heading_prints_the_name_of_the_reports_year(make_effort):
    make_effort(measures=(31,), heading="Europe > North Macedonia")
    assert headings(2007)[-1] == "Macedonia"
    make_effort(measures=(31,), heading="Europe > North Macedonia", year=2020)
    assert headings(2020)[-1] == "North Macedonia"


def test_the_report_leaves_out_what_the_draft_shows(analyst_client, make_effort):
    make_effort(
        measures=(2,), heading="NATO", narrative="Norway supported the roadmap.",
        source="Report 2007, section 4: “NATO's policy”", editorial_note="Date from context.",
    )  # fmt: skip
    report = analyst_client.get("/report/2007/").content.decode()
    draft = analyst_client.get("/report/2007/?draft=1").content.decode()
    for page in (report, draft):
        assert "Norway supported the roadmap." in page
    for note in ("Report 2007, section 4", "Date from context.", "Status:", "Working draft"):
        assert note in draft and note not in report, note
    docx = analyst_client.get("/report/2007/?format=docx&draft=1")
    assert 'filename="report-2007-draft.docx"' in docx["Content-Disposition"]
    assert "Date from context." in word_text(word(docx.content))
    assert "Date from context." not in word_text(
        word(analyst_client.get("/report/2007/?format=docx").content)
    )


def test_report_texts_take_their_place_with_lists_footnotes_and_the_records_counts(db):
    plan = Plan.objects.get(start_year=2006)
    PlanResponsibility.objects.filter(plan=plan).update(measures=15)
    ReportText.objects.create(
        year=2007, place="introduction", title="Introduction",
        body="The plan has {measures} measures, {ministry_measures} ours.[^a]\n\n- one\n- two"
        "\n\n[^a]: As the plan says.", review_state="approved",
    )  # fmt: skip
    ReportText.objects.create(
        year=2007, place="evaluation", body="No review yet.[^x]\n[^x]: Yet.",
        review_state="approved",
    )  # fmt: skip
    report = build_report(2007)
    kinds = [(e.kind, getattr(e, "text", None)) for e in report.elements[:4]]
    assert kinds == [("h", "1. Introduction"), ("p", None), ("ul", None), ("notes", None)]
    assert report.elements[1].parts[0] == "The plan has 37 measures, 15 ours."
    assert report.elements[3].notes == [(1, "As the plan says.")]
    assert "2.3 Evaluation" in report.headings[-1]
    notes = [note for e in report.elements if e.kind == "notes" for note in e.notes]
    assert [n for n, _text in notes] == list(range(1, len(notes) + 1))  # on through the report
    assert notes[-1][1] == "Yet." and notes[0][1] == "As the plan says."


def test_an_effort_reported_in_a_year_is_in_that_years_report_whenever_it_happened(
    make_effort,
):
    make_effort(measures=(33,), heading="Asia > Japan", year=2007, start="2008-03")
    assert "Japan" in headings(2007)
    assert "Japan" not in headings(2008)


def test_the_word_file_has_the_same_headings_as_the_page(analyst_client, make_effort):
    make_effort(title="Shelter", measures=(1,), heading="Europe > Albania")
    make_effort(title="NATO roadmap", measures=(2,), heading="NATO")
    page = analyst_client.get("/report/2007/").content.decode()
    document = word(analyst_client.get("/report/2007/?format=docx").content)
    assert word_headings(document) == html_headings(page)
    assert (2, "Europe") in word_headings(document) and (3, "Albania") in word_headings(document)


SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_narratives_with_script_and_formulas_are_escaped_in_html_and_word(
    analyst_client, make_effort
):
    make_effort(title="x", narrative=SCRIPT + "\n\n" + FORMULA + "\x07bell", measures=(2,))
    page = analyst_client.get("/report/2007/").content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)" in page
    document = word(analyst_client.get("/report/2007/?format=docx").content)
    paragraphs = [p.text for p in document.paragraphs]
    assert SCRIPT in paragraphs  # plain text in Word: shown, never run
    assert FORMULA + "bell" in paragraphs  # control characters stripped, no field created
    assert "w:fldSimple" not in document.element.xml and "w:instrText" not in document.element.xml


@pytest.mark.parametrize("query", ["format=pdf", "draft=yes"])
def test_a_bad_year_format_or_draft_is_a_400(analyst_client, query):
    assert analyst_client.get("/report/3000/").status_code == 400
    assert analyst_client.get(f"/report/2007/?{query}").status_code == 400


def test_the_page_has_a_print_stylesheet_and_links_the_draft(analyst_client):
    page = analyst_client.get("/report/2007/").content.decode()
    assert 'href="/static/css/print.css" media="print"' in page
    assert 'href="?draft=1"' in page


def test_the_report_link_opens_the_latest_year(analyst_client, make_effort):
    make_effort(year=2006)
    assert analyst_client.get("/report/")["Location"] == "/report/2006/"
