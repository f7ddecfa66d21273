"""An anonymous visitor on the public site (PUBLIC_SITE): from the published years to the 2007
report and its figures, in either language, and the IATI file the Registry fetches."""

import pytest
from django.core.management import call_command
from lxml import etree

from funding.models import ClosedYear


@pytest.fixture
def published_2007(reference_data, settings):
    settings.PUBLIC_SITE, settings.PUBLIC_RATE_LIMIT = True, 1000
    settings.IATI_REPORTING_ORG_REF = "NO-BRC-972417920"
    settings.IATI_REPORTING_ORG_NAME = "Norwegian Ministry of Foreign Affairs"
    settings.IATI_REPORTING_ORG_TYPE = "10"
    call_command("load_demo", verbosity=0)
    assert ClosedYear.objects.filter(year=2007).exists()  # the demo closes it


def test_an_anonymous_visitor_reads_the_2007_report_and_fetches_the_iati_file(page, published_2007):
    page.goto("/public/")
    assert page.locator("h1").inner_text() == "Published years"
    page.click("text=Report 2007")
    page.wait_for_url("**/public/2007/report/")
    assert "report on efforts carried out 2007" in page.locator("h1").inner_text()
    assert page.locator(".draft-note, .draft-banner").count() == 0

    page.select_option("#language-switch", "nb")
    page.click(".language-switch button")
    page.wait_for_url("**/public/2007/report/")
    assert page.locator("html").get_attribute("lang") == "nb"
    norwegian = page.locator("h1").inner_text()
    assert "report on efforts" not in norwegian and "2007" in norwegian
    page.select_option("#language-switch", "en")
    page.click(".language-switch button")
    page.wait_for_url("**/public/2007/report/")

    page.click("text=Published figures 2007")
    page.wait_for_url("**/public/2007/published/")
    assert page.locator("table.published tbody tr").count() > 2

    page.goto("/public/")
    href = page.locator("a", has_text="Activities (one per agreement)").get_attribute("href")
    assert href == "/public/iati/activities.xml"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/xml")
    activities = etree.fromstring(response.body())
    years = {d[:4] for d in activities.xpath("//transaction-date/@iso-date")}
    assert years == {"2007"}
    assert len(activities.xpath("//iati-activity")) > 10
