"""The IATI organisation file: budgets and expenditure per year, budgets per recipient country
and DAC region, from the records; checked against the codelists and the ruleset; the page and
`export_iati --organisation`."""

import io
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from funding.models import YearlyAmount
from iati.export import export_iati
from iati.rules import findings, problems

from .conftest import MINISTRY, document, parse

URL = "/iati/organisation.xml"


def organisation():
    export = export_iati(YearlyAmount.objects.all(), validate=True, organisation=True)
    root = parse(export.xml())
    (org,) = root.findall("iati-organisation")
    return export, org


def rows(org, tag, key=None):
    """(key, year, value, status) of each `tag` element."""
    return [
        (
            key(element) if key else None,
            element.find("period-start").get("iso-date")[:4],
            Decimal(element.findtext("value")),
            element.get("status"),
        )
        for element in org.findall(tag)
    ]


def test_budgets_and_expenditure_per_year_country_and_region(make_agreement):
    make_agreement(amounts={2006: (100, "disbursed"), 2007: (50, "allocated")}, recipient="Albania")
    make_agreement(amounts={2007: (30, "disbursed"), 2008: (20, "planned")}, recipient="Moldova")
    make_agreement(amounts={2007: (7, "allocated")}, recipient="Western Balkans regional")
    export, org = organisation()
    assert export.problems == [] and export.warnings == []
    assert org.findtext("organisation-identifier") == MINISTRY
    assert org.find("reporting-org").get("ref") == MINISTRY
    assert rows(org, "total-budget") == [
        (None, "2006", 100, "2"), (None, "2007", 87, "2"), (None, "2008", 20, "1"),
    ]  # fmt: skip
    assert rows(org, "total-expenditure") == [(None, "2006", 100, None), (None, "2007", 30, None)]
    country = lambda e: e.find("recipient-country").get("code")  # noqa: E731
    assert rows(org, "recipient-country-budget", country) == [
        ("AL", "2006", 100, "2"), ("AL", "2007", 50, "2"), ("MD", "2007", 30, "2"),
        ("MD", "2008", 20, "1"),
    ]  # fmt: skip
    region = lambda e: e.find("recipient-region").get("code")  # noqa: E731
    assert rows(org, "recipient-region-budget", region) == [("89", "2007", 7, "2")]
    order = [child.tag for child in org]
    assert order == sorted(order, key=[
        "organisation-identifier", "name", "reporting-org", "total-budget",
        "recipient-region-budget", "recipient-country-budget", "total-expenditure",
    ].index)  # fmt: skip


def test_the_ruleset_and_codelists_apply_to_an_organisation_file():
    text = """<iati-organisations version="2.03">
    <iati-organisation xml:lang="en" default-currency="NOK">
      <organisation-identifier>NO-BRC-972417920</organisation-identifier>
      <reporting-org ref="NO-BRC-972417920" type="10"><narrative>MFA</narrative></reporting-org>
      <total-budget status="2"><period-start iso-date="2007-01-01"/>
        <period-end iso-date="2007-12-31"/><value value-date="2007-01-01">1</value></total-budget>
    </iati-organisation></iati-organisations>"""
    assert problems(document(text=text)) == []
    bad = document(('status="2"', 'status="9"'), ("2007-12-31", "2006-12-31"), text=text)
    found = [str(f) for f in findings(bad)]
    assert any("(IATI rule 8.6.3, date_order" in f for f in found)
    assert any("BudgetStatus" in f for f in found)


def test_the_demo_organisation_file_validates(db, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    path = tmp_path / "organisation.xml"
    call_command("export_iati", "--organisation", "--validate", "-o", str(path), stdout=out)
    assert "; valid (IATI 2.03 codelists and ruleset" in out.getvalue()
    org = parse(path.read_bytes()).find("iati-organisation")
    years = [int(year) for _, year, _, _ in rows(org, "total-budget")]
    assert years == list(range(2000, 2011))  # disbursed to 2006, allocated 2007, planned after
    assert [int(year) for _, year, _, _ in rows(org, "total-expenditure")] == years[:7]
    assert org.findall("recipient-country-budget") and org.findall("recipient-region-budget")


def test_the_page_streams_it_to_analysts(analyst_client, make_agreement, django_assert_num_queries):
    assert reverse("iati:organisation") == URL
    make_agreement(amounts={2006: (100, "disbursed")})
    response = analyst_client.get(URL)
    assert response.status_code == 200 and response.streaming
    # the two grouped sums and the recipients
    with django_assert_num_queries(3):
        root = parse(b"".join(response.streaming_content))
    assert rows(root.find("iati-organisation"), "total-expenditure")[0][2] == 100


def test_the_page_needs_a_role(role_client):
    assert role_client(None).get(URL).status_code == 403


def test_the_page_says_what_to_set_while_the_settings_are_missing(analyst_client, settings):
    settings.IATI_REPORTING_ORG_REF = ""
    response = analyst_client.get(URL)
    assert response.status_code == 503
    assert "iati/not_configured.html" in [t.name for t in response.templates]
