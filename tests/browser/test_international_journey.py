"""Issue 13's journey, in a real Chromium: from an instrument's status chart to the money that
went through its monitoring body's organisation."""

from decimal import Decimal

from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient


def fund_the_council_of_europe():
    """NOK 1 234 567 in 2008 to a project through GRETA's parent, the Council of Europe."""
    project = Project.objects.create(
        title="Convention awareness",
        channel=Channel.objects.get(name="Council of Europe"),
        recipient=Recipient.objects.get(name="Albania"),
    )
    agreement = Agreement.objects.create(
        project=project,
        unit=AdministeringUnit.objects.get(name="West Balkans Section"),
        first_year=2008,
        last_year=2008,
    )
    YearlyAmount.objects.create(agreement=agreement, year=2008, amount=Decimal("1234567.00"))
    facts_refresh([agreement.pk])  # as every write path does


def first_states(page, count=3):
    return page.eval_on_selector_all(
        "table.chart tbody th", f"cells => cells.slice(0, {count}).map(c => c.innerText.trim())"
    )


def test_an_analyst_follows_an_instrument_to_the_money_through_its_monitoring_bodys_family(
    page, log_in, analyst
):
    fund_the_council_of_europe()
    log_in("analyst", "analyst-pw-123")
    page.goto("/instruments/")
    page.click("a:text-is('CETS No. 197')")
    page.wait_for_selector("h1:text-is('CETS No. 197')")
    assert first_states(page)[0] == "Albania"  # by state, the default

    # sort by ratification: the only dated one (Norway, 21 December 2007) first
    page.click("table.chart thead a:text-is('Ratification')")
    page.wait_for_url("**sort=ratification**")
    assert first_states(page)[0] == "Norway"
    assert page.get_attribute("table.chart th:has(a:text-is('Ratification'))", "aria-sort")

    # the monitoring body, then its parent
    page.click("tr:has(th:text-is('Monitoring body')) a")
    page.wait_for_selector("h1:has-text('GRETA')")
    assert "CETS No. 197" in page.inner_text("main")
    page.click("tr:has(th:text-is('Part of')) a")
    page.wait_for_selector("h1:has-text('Council of Europe')")

    # funding through the Council of Europe and the bodies below it
    body = page.inner_text("table.breakdown").replace("\u202f", " ").replace("\xa0", " ")
    assert "2008" in body and "1 234 567" in body
    assert page.locator("svg.chart").count() == 1
    page.click("a:has-text('By channel')")
    page.wait_for_url("**/breakdowns/channel/?channel_family=Council+of+Europe**")
    assert "Council of Europe" in page.inner_text("table.breakdown")
