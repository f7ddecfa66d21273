"""The follow-up journey (issue 12): an editor records an unfunded effort under measure 2 and
approves it, an analyst finds it on the measure's page and in the yearly report, and downloads
the Word file."""

from io import BytesIO

from docx import Document

from followup.models import Effort

from .test_journeys import pick, save
from .test_review_journey import run_action

TITLE = "NATO anti-trafficking roadmap adopted"
NARRATIVE = "Adopted at the Euro-Atlantic Partnership Council."


def test_an_unfunded_effort_goes_from_the_admin_to_the_report(page, log_in, editor, analyst):
    log_in("editor", "editor-pw-123")
    page.goto("/admin/followup/effort/add/")
    pick(page, "#id_measures", "Ensure that personnel on international operations")
    page.fill("#id_reported_in", "2007")
    page.select_option("#id_kind", "multilateral")
    page.fill("#id_title", TITLE)
    page.fill("#id_narrative", NARRATIVE)
    page.fill("#id_source", "Report 2007, section 4")
    assert "was added successfully" in " ".join(save(page))
    effort = Effort.objects.get(title=TITLE)
    assert list(effort.measures.values_list("number", flat=True)) == [2]
    # The coordinating section's own effort goes through the review too (test_review_journey).
    for action in ("submit", "approve"):
        run_action(page, TITLE, action)

    page.context.clear_cookies()
    log_in("analyst", "analyst-pw-123")
    page.goto("/measures/?year=2007")
    row = page.locator("table.measures tbody tr", has_text="Measure 2:")
    assert "Nothing recorded" not in row.inner_text()
    row.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/measures/2006-2009/2/")
    assert TITLE in page.locator("main").inner_text()

    page.click("nav >> text=Yearly report")
    page.wait_for_load_state()
    assert page.url.endswith("/report/2007/")
    text = page.locator("article.report").inner_text()
    section = text[text.index("Measure 2:") :]  # the report prints the narrative, not the title
    following = section.find("\nMeasure ", 1)
    assert NARRATIVE in (section[:following] if following > 0 else section)

    with page.expect_download() as download_info:
        page.click("text=Download as Word (.docx)")
    document = Document(BytesIO(download_info.value.path().read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert NARRATIVE in texts
    assert any(p.style.name == "Heading 1" and "Measure 2:" in p.text for p in document.paragraphs)
