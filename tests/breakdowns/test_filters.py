"""Filters in the query string: they combine, and bad values are reported, never ignored."""

import html
from decimal import Decimal

import pytest


def totals(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:2000]
    data = response.json()
    return data["total"], {row["key"]: row["amount"] for row in data["rows"]}


def test_years_and_status_combine(superuser_client, dataset):
    url = "/breakdowns/year/?format=json&objective=all&year_from=2007&year_to=2008&status=allocated"
    assert totals(superuser_client, url) == ("800.01", {2007: "800.01"})
    url = (
        "/breakdowns/year/?format=json&objective=all&year_from=2007&status=planned&status=disbursed"
    )
    assert totals(superuser_client, url) == ("300.00", {2007: "100.00", 2008: "200.00"})


def test_dimension_filters_combine(superuser_client, dataset):
    url = "/breakdowns/channel/?format=json&objective=main&region=Europe&year_to=2006"
    assert totals(superuser_client, url) == (
        "1000.00",
        {"International Organization for Migration": "1000.00"},
    )
    url = "/breakdowns/unit/?format=json&partner_group=NGO+Norwegian&unit=West+Balkans+Section"
    assert totals(superuser_client, url) == ("100.00", {"West Balkans Section": "100.00"})


def test_countries_are_chosen_by_iso_code_or_name(superuser_client, dataset):
    url = "/breakdowns/country/?format=json&country=AL&country=Global"
    assert totals(superuser_client, url) == ("1600.00", {"AL": "1500.00", "Global": "100.00"})
    url = "/breakdowns/country/?format=json&country=Bosnia+and+Herzegovina"
    assert totals(superuser_client, url)[0] == "300.01"


def test_a_channel_family_takes_in_its_sub_organisations(superuser_client, dataset):
    # UNICEF's parent is the United Nations; IOM has no parent.
    url = "/breakdowns/channel/?format=json&channel_family=United+Nations"
    assert totals(superuser_client, url) == ("300.01", {"United Nations Children's Fund": "300.01"})


def test_the_measure_filter_counts_each_amount_once(superuser_client, dataset):
    # B serves measures 1 and 2: joining its shares would count its 300.01 twice.
    from measures.models import Measure

    one, two = (Measure.objects.get(plan__start_year=2006, number=n).pk for n in (1, 2))
    url = f"/breakdowns/objective/?format=json&measure={one}&measure={two}"
    assert totals(superuser_client, url) == ("1800.01", {"main": "1800.01"})
    url = f"/breakdowns/measure/?format=json&measure={two}"
    assert totals(superuser_client, url) == ("300.01", {1: "150.01", 2: "150.00"})


def test_the_plan_filter_keeps_projects_serving_the_plan(superuser_client, dataset):
    from measures.models import Plan

    plan = Plan.objects.get(start_year=2006).pk
    url = f"/breakdowns/objective/?format=json&plan={plan}"
    assert totals(superuser_client, url)[0] == "1900.01"  # C has no measure


@pytest.mark.parametrize(
    "query, message",
    [
        ("year_from=last+year", "Enter a whole number"),
        ("year_from=2009&year_to=2001", "The first year (2009) comes after the last year (2001)"),
        ("status=paid", "Select a valid choice"),
        ("country=Atlantis", "Unknown recipient: 'Atlantis'"),
        ("region=Antarctica", "Select a valid choice"),
        ("objective=both", "Select a valid choice"),
        ("by=month", "“by” can only be “year”"),
        ("format=pdf", "Unknown format"),
    ],
)
def test_invalid_filters_show_an_error_instead_of_unfiltered_figures(
    superuser_client, dataset, query, message
):
    basis = "" if query.startswith("objective=") else "objective=all&"  # one objective only
    response = superuser_client.get(f"/breakdowns/region/?{basis}{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in html.unescape(page)
    assert "<tbody>" not in page


def test_invalid_filters_show_an_error_on_the_overview_and_projects(superuser_client, dataset):
    for url in ["/?year_to=20x7", "/projects/?country=Atlantis"]:
        response = superuser_client.get(url)
        assert response.status_code == 400
        assert "The filters are not valid" in response.content.decode()


def test_the_overview_follows_the_filters(superuser_client, dataset):
    response = superuser_client.get("/?objective=all&year_from=2008")
    assert response.context["subsidiary"].amount == Decimal("200.00")
    assert response.context["main"] is None
