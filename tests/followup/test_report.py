"""/report/<year>/: the yearly report's draft, as HTML and as Word."""

import re

from .reading import html_figures, html_headings, word, word_headings, word_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_year_with_no_records_gives_an_empty_report(analyst_client):
    response = analyst_client.get("/report/1995/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing is recorded for 1995." in page
    assert response.context["report"].sections == []
    docx = analyst_client.get("/report/1995/?format=docx")
    assert docx.status_code == 200
    assert "Nothing is recorded for 1995." in word_text(word(docx.content))


def test_only_measures_with_records_get_a_section_and_the_rest_are_listed(
    analyst_client, make_effort, make_status
):
    make_effort(title="Talks at NATO", measures=(2,), organisation="United Nations")
    make_status(number=36, status="ongoing", summary="Schengen work continues")
    report = analyst_client.get("/report/2007/").context["report"]
    assert [s.heading for s in report.sections] == [
        "3. Measure 2: Ensure that personnel on international operations help to combat "
        "human trafficking",
        "4. Measure 36: In accordance with the Government's Europe Report, Norway will seek to "
        "engage in close cooperation with the EU and EU member states both within and outside "
        "the framework of Schengen Cooperation",
    ]
    assert [line.measure.number for line in report.unrecorded] == [
        n for n in range(1, 38) if n not in (2, 36)
    ]
    page = analyst_client.get("/report/2007/").content.decode()
    assert "Measures with nothing recorded for 2007" in page
    assert "Measure 3: " in page[page.index("Measures with nothing recorded") :]


def test_the_word_file_has_the_same_headings_and_figures_as_the_page(
    analyst_client, make_effort, make_agreement
):
    project = make_agreement(recipient="Albania", amounts={2007: 1234}).project
    make_effort(title="Shelter", measures=(1,), region="Europe", countries=["Albania"],
                projects=[project])  # fmt: skip
    make_effort(title="NATO roadmap", measures=(2,), organisation="United Nations")
    page = analyst_client.get("/report/2007/").content.decode()
    response = analyst_client.get("/report/2007/?format=docx")
    assert response["Content-Type"] == DOCX
    assert 'filename="report-2007.docx"' in response["Content-Disposition"]
    document = word(response.content)
    assert word_headings(document) == html_headings(page)
    assert ("2", "Europe") not in word_headings(document)
    assert (2, "Europe") in word_headings(document)
    assert (3, "Albania") in word_headings(document)
    text = word_text(document)
    figures = html_figures(page)
    assert len(figures) == 20 + 2  # section 2.2 (the projects' count thrice) and two sections
    for figure in figures[:20]:
        assert figure in text
    assert "1\u202f234" in text  # the linked project's 2007 amount, in the table


def test_each_summary_figure_links_to_its_breakdown(analyst_client, make_agreement):
    make_agreement(amounts={2000: 500, 2007: 1000})  # the list's period: 2000 to 2007 + 3
    page = analyst_client.get("/report/2007/").content.decode()
    region = "objective=main&amp;year_from=2000&amp;year_to=2010"
    region += "&amp;status=disbursed&amp;status=allocated"
    assert f'href="/breakdowns/region/?{region}"' in page  # paid or allocated, footnote 4
    count = re.search(r'holds <a class="figure" href="([^"]+)">(\d+)</a> projects and', page)
    assert count.groups() == (
        "/breakdowns/objective/?year_from=2000&amp;year_to=2010&amp;objective=main",
        "2",
    )


SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_titles_with_script_and_formulas_are_escaped_in_html_and_word(analyst_client, make_effort):
    make_effort(title=SCRIPT, narrative=FORMULA + "\x07bell", measures=(2,))
    page = analyst_client.get("/report/2007/").content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)" in page
    document = word(analyst_client.get("/report/2007/?format=docx").content)
    paragraphs = [p.text for p in document.paragraphs]
    assert SCRIPT in paragraphs  # plain text in Word: shown, never run
    assert FORMULA + "bell" in paragraphs  # control characters stripped, no field created
    assert "w:fldSimple" not in document.element.xml and "w:instrText" not in document.element.xml


def test_the_introduction_counts_the_plans_measures_and_goals(analyst_client):
    page = analyst_client.get("/report/2007/").content.decode()
    assert (
        "plan of action Stop human trafficking (2006–2009), which sets out a total of 37 "
        "measures under 6 goals." in page
    )


def test_a_bad_year_or_format_is_a_400(analyst_client):
    assert analyst_client.get("/report/3000/").status_code == 400
    response = analyst_client.get("/report/2007/?format=pdf")
    assert response.status_code == 400
    assert "html or docx" in response.content.decode()


def test_the_page_has_a_print_stylesheet(analyst_client):
    page = analyst_client.get("/report/2007/").content.decode()
    assert 'href="/static/css/print.css" media="print"' in page


def test_the_report_link_opens_the_latest_year(analyst_client, make_effort):
    make_effort(year=2006)
    assert analyst_client.get("/report/")["Location"] == "/report/2006/"
