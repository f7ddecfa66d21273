"""The review journey (issue 33): an embassy's unit editor enters an effort and submits it; the
coordinating section returns it with a comment; the embassy corrects and resubmits it; the
section approves it, and it appears in the final report."""

from followup.models import Effort
from projects.models import AdministeringUnit

from .conftest import make_user
from .test_journeys import pick, save

TITLE = "Seminar for border guards in Hanoi"
NARRATIVE = "A seminar for border guards on identifying victims."
CORRECTED = "A two-day seminar for border guards on identifying victims."


def run_action(page, title, action, comment=""):
    """Select the effort `title` in the efforts list and run `action` on it."""
    page.goto("/admin/followup/effort/")
    page.locator("#result_list tr", has_text=title).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    if comment:
        page.fill("input[name=comment]", comment)
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    return page.locator(".messagelist").inner_text()


def final_report(page):
    page.goto("/report/2007/")
    return page.locator("article.report").inner_text()


def test_an_embassys_effort_is_submitted_returned_corrected_and_approved(page, log_in, editor):
    embassy = make_user("hanoi", "unit-editor")
    AdministeringUnit.objects.get(name="Embassy in Hanoi").members.add(embassy)

    log_in("hanoi", "hanoi-pw-123")
    page.goto("/admin/followup/effort/add/")
    pick(page, "#id_measures", "Ensure that personnel on international operations")
    page.fill("#id_reported_in", "2007")
    page.select_option("#id_kind", "meeting")
    page.fill("#id_title", TITLE)
    page.fill("#id_narrative", NARRATIVE)
    pick(page, "#id_unit", "Embassy in Hanoi")
    assert "was added successfully" in " ".join(save(page))
    assert "Submit for review: done for 1." in run_action(page, TITLE, "submit")

    page.context.clear_cookies()
    log_in("editor", "editor-pw-123")
    assert NARRATIVE not in final_report(page)
    message = run_action(page, TITLE, "send_back", comment="Say how long it lasted.")
    assert "done for 1" in message
    assert Effort.objects.get(title=TITLE).review_state == "returned"

    page.context.clear_cookies()
    log_in("hanoi", "hanoi-pw-123")
    page.goto("/admin/followup/effort/")
    page.click(f"#result_list a:has-text('{TITLE}')")
    assert "Say how long it lasted." in page.locator("#content").inner_text()
    page.fill("#id_narrative", CORRECTED)
    save(page)
    assert "Submit for review: done for 1." in run_action(page, TITLE, "submit")

    page.context.clear_cookies()
    log_in("editor", "editor-pw-123")
    assert "done for 1" in run_action(page, TITLE, "approve")
    assert CORRECTED in final_report(page)
