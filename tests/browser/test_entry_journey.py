"""Issue 16: an editor enters a project with two agreements and five yearly amounts on one page
with the keyboard alone (Tab, typing, Enter), and sees it in the breakdowns."""

from decimal import Decimal

from funding.models import Fact, YearlyAmount
from projects.models import Project

from .test_journeys import spaced


def tab_to(page, selector, limit=400):
    """Press Tab until `selector` has the focus: it must be reachable with the keyboard, and the
    focus must be visible on it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector, text):
    """Pick an option of a <select> by typing its first letters, as a keyboard user does."""
    tab_to(page, selector)
    page.keyboard.type(text)
    chosen = page.evaluate("s => document.querySelector(s).selectedOptions[0].text", selector)
    assert chosen.startswith(text), (selector, chosen)


def press(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_editor_enters_a_whole_project_with_the_keyboard_alone(page, editor):
    page.goto("/accounts/login/")
    type_into(page, "#id_username", "editor")
    type_into(page, "#id_password", "editor-pw-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto("/admin/projects/project/")
    press(page, "a[href='/projects/enter/']")
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("() => document.activeElement.className") == "skip-link"

    type_into(page, "#id_title", "Safe return to Moldova")
    choose(page, "#id_channel", "International Organization for Migration")
    choose(page, "#id_recipient", "Moldova")
    choose(page, "#id_shares-0-measure", "Measure 1:")
    choose(page, "#id_agreements-0-unit", "West Balkans Section")
    type_into(page, "#id_agreements-0-first_year", "2006")
    type_into(page, "#id_agreements-0-last_year", "2008")
    for row, (year, amount) in enumerate([(2006, "1000"), (2007, "2000"), (2008, "3000")]):
        type_into(page, f"#id_agreements-0-amounts-{row}-year", str(year))
        type_into(page, f"#id_agreements-0-amounts-{row}-amount", amount)
    press(page, "button[value=agreements]")  # "Add another agreement": the page comes back

    assert page.input_value("#id_agreements-0-amounts-2-amount") == "3000"
    choose(page, "#id_agreements-1-unit", "Section for Human Rights")
    type_into(page, "#id_agreements-1-first_year", "2007")
    type_into(page, "#id_agreements-1-last_year", "2008")
    for row, (year, amount) in enumerate([(2007, "400"), (2008, "500")]):
        type_into(page, f"#id_agreements-1-amounts-{row}-year", str(year))
        type_into(page, f"#id_agreements-1-amounts-{row}-amount", amount)
    press(page, "button[name=save]")

    assert "was saved" in page.locator(".messages").inner_text()
    project = Project.objects.get(title="Safe return to Moldova")
    assert page.url.endswith(f"/projects/{project.pk}/")
    amounts = YearlyAmount.objects.filter(agreement__project=project)
    assert (project.agreements.count(), amounts.count()) == (2, 5)
    assert Fact.objects.filter(project=project).summary()["total"] == Decimal("6900.00")

    page.goto("/breakdowns/country/")
    moldova = spaced(page.locator("table.breakdown tbody tr", has_text="Moldova").inner_text())
    assert "6 900" in moldova, moldova
    page.goto("/breakdowns/year/")
    year_2007 = spaced(page.locator("table.breakdown tbody tr", has_text="2007").inner_text())
    assert "2 400" in year_2007, year_2007
