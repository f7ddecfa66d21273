"""Each dimension's breakdown of the hand-built dataset (tests/conftest.py), by hand."""

import json
from decimal import Decimal

import pytest

from breakdowns.dimensions import DIMENSIONS
from breakdowns.tables import breakdown, by_year
from funding.models import Fact, FactPart

D = Decimal
EXPECTED = {
    "region": {"Europe": "1800.01", "Africa": "200.00", "Not geographically allocated": "100.00"},
    "country": {"AL": "1500.00", "BA": "300.01", "MZ": "200.00", "Global": "100.00"},
    "channel": {
        "International Organization for Migration": "1500.00",
        "United Nations Children's Fund": "300.01",
        "Save the Children Norway": "200.00",
        "Norwegian Church Aid": "100.00",
    },
    "organisation-kind": {
        "multilateral": "1500.00",
        "un_entity": "300.01",
        "norwegian_ngo": "300.00",
    },
    "organisation-family": {
        "International Organization for Migration": "1500.00",
        "United Nations": "300.01",
        "Save the Children": "200.00",
        "Norwegian Church Aid": "100.00",
    },
    "partner-group": {"Multilateral institutions": "1800.01", "NGO Norwegian": "300.00"},
    "year": {2006: "1000.00", 2007: "900.01", 2008: "200.00"},
    "unit": {
        "West Balkans Section": "1600.00",
        "Section for Human Rights and Democracy": "300.01",
        "Embassy in Maputo": "200.00",
    },
    # B's 300.01 splits 50/50 into 150.005 each: the odd øre goes to measure 1 (tie: lowest id).
    "measure": {1: "1650.01", 2: "150.00", 3: "100.00", None: "200.00"},
    "objective": {"main": "1900.01", "subsidiary": "200.00"},
}


def amounts(table):
    return {row.key: str(row.amount) for row in table.rows}


@pytest.mark.parametrize("slug", list(DIMENSIONS))
def test_it_sums_each_dimension_as_computed_by_hand(dataset, slug):
    dimension = DIMENSIONS[slug]
    table = breakdown(dimension, (FactPart if dimension.parts else Fact).objects.all())
    assert amounts(table) == EXPECTED[slug]
    assert table.total == D("2100.01")
    assert sum(row.amount for row in table.rows) == table.total


@pytest.mark.parametrize("slug", list(DIMENSIONS))
def test_the_page_shows_the_rows_and_the_total(superuser_client, dataset, slug):
    response = superuser_client.get(f"/breakdowns/{slug}/?objective=all")
    assert response.status_code == 200
    data = superuser_client.get(f"/breakdowns/{slug}/?objective=all&format=json").json()
    assert data["total"] == "2100.01"
    assert {row["key"]: row["amount"] for row in data["rows"]} == EXPECTED[slug]
    assert "2\u202f100" in response.content.decode()


def test_it_counts_agreements_and_agreement_years_once_in_the_total(dataset):
    years = breakdown(DIMENSIONS["year"], Fact.objects.all())
    assert {row.key: (row.agreements, row.agreement_years) for row in years.rows} == {
        2006: (1, 1),
        2007: (3, 3),
        2008: (1, 1),
    }
    assert (years.agreements, years.agreement_years) == (4, 5)
    measures = breakdown(DIMENSIONS["measure"], FactPart.objects.all())
    assert measures.row(1).agreements == 2 and measures.row(1).agreement_years == 3
    assert (measures.agreements, measures.agreement_years) == (4, 5)


def test_projects_without_measures_show_as_their_own_row(dataset):
    table = breakdown(DIMENSIONS["measure"], FactPart.objects.all())
    assert table.row(None).label == "No measure recorded"
    assert table.row(None).amount == D("200.00")


def test_region_shares_are_of_the_geographically_allocated_total(superuser_client, dataset):
    table = breakdown(DIMENSIONS["region"], Fact.objects.all())
    assert table.base == D("2000.01")
    assert table.row("Europe").share == D("0.9000")  # 1800.01 / 2000.01
    assert table.row("Africa").share == D("0.1000")
    assert table.row("Not geographically allocated").share is None
    page = superuser_client.get("/breakdowns/region/?objective=all").content.decode()
    assert "Shares are of the geographically allocated total (NOK 2\u202f000.01)" in page
    assert "not in base" in page


def test_country_shares_leave_out_global_recipients(dataset):
    table = breakdown(DIMENSIONS["country"], Fact.objects.all())
    assert table.row("BA").share == (D("300.01") / D("2000.01")).quantize(D("0.0001"))
    assert table.row("Global").share is None


def test_other_shares_are_of_the_grand_total(superuser_client, dataset):
    table = breakdown(DIMENSIONS["objective"], Fact.objects.all())
    assert table.base == table.total == D("2100.01")
    assert table.row("subsidiary").share == D("0.0952")
    page = superuser_client.get("/breakdowns/objective/?objective=all").content.decode()
    assert "Shares are of the grand total (NOK 2\u202f100.01)" in page


def test_the_by_year_matrix_has_row_and_column_totals(superuser_client, dataset):
    matrix = by_year(DIMENSIONS["region"], Fact.objects.all())
    assert matrix.years == [2006, 2007, 2008]
    cells = {row.key: [str(cell) for cell in row.cells] for row in matrix.rows}
    assert cells == {
        "Europe": ["1000.00", "800.01", "0"],
        "Africa": ["0", "0", "200.00"],
        "Not geographically allocated": ["0", "100.00", "0"],
    }
    assert [str(total) for total in matrix.column_totals] == ["1000.00", "900.01", "200.00"]
    assert matrix.total == D("2100.01")
    data = superuser_client.get("/breakdowns/region/?objective=all&by=year&format=json").json()
    assert data["total"] == "2100.01" and data["years"] == [2006, 2007, 2008]
    assert superuser_client.get("/breakdowns/measure/?objective=all&by=year").status_code == 200


def test_the_measure_by_year_matrix_adds_up(dataset):
    matrix = by_year(DIMENSIONS["measure"], FactPart.objects.all())
    assert matrix.total == D("2100.01")
    assert {row.key: str(row.total) for row in matrix.rows} == EXPECTED["measure"]


def test_rows_sort_by_a_column_on_the_server(superuser_client, dataset):
    data = superuser_client.get("/breakdowns/channel/?objective=all&sort=label&format=json").json()
    labels = [row["label"] for row in data["rows"]]
    assert labels == sorted(labels, key=str.casefold)
    data = superuser_client.get(
        "/breakdowns/channel/?objective=all&sort=-amount&format=json"
    ).json()
    assert [row["amount"] for row in data["rows"]] == ["1500.00", "300.01", "200.00", "100.00"]
    page = superuser_client.get("/breakdowns/channel/?objective=all&sort=amount").content.decode()
    assert "sort=-amount" in page  # the header link now sorts the other way
    assert superuser_client.get("/breakdowns/channel/?objective=all&sort=colour").status_code == 400


def test_region_rows_drill_down_to_their_countries_and_channels_to_projects(
    superuser_client, dataset
):
    page = superuser_client.get("/breakdowns/region/?objective=all&year_from=2007").content.decode()
    assert "/breakdowns/country/?year_from=2007&amp;objective=all&amp;region=Europe" in page
    page = superuser_client.get("/breakdowns/channel/?objective=all").content.decode()
    assert "/projects/?objective=all&amp;channel=International+Organization+for+Migration" in page


def test_an_empty_database_shows_an_empty_state(superuser_client, db):
    for url in ["/", "/breakdowns/region/", "/breakdowns/measure/?by=year", "/projects/"]:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert "No funding matches" in response.content.decode() or "No project" in (
            response.content.decode()
        )
    data = json.loads(superuser_client.get("/breakdowns/region/?objective=all&format=json").content)
    assert data["rows"] == [] and data["total"] == "0"


def test_unknown_dimensions_are_not_found(superuser_client, db):
    assert superuser_client.get("/breakdowns/colour/?objective=all").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/", "/breakdowns/", "/breakdowns/region/", "/projects/", "/projects/1/", "/published/"],
)
def test_anonymous_users_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_pages_only_answer_get(superuser_client, db):
    assert superuser_client.post("/breakdowns/region/").status_code == 405


def test_the_overview_summarises_the_period(superuser_client, dataset):
    response = superuser_client.get("/?objective=all")
    context = response.context
    assert context["main"].amount == D("1900.01")
    assert context["subsidiary"].amount == D("200.00")
    profile = context["profile"]
    assert (profile["agreements"], profile["one_year"], profile["multi_year"]) == (4, 3, 1)
    assert profile["agreement_years"] == 5
    assert profile["agreement_years_le_small"] == 5
    assert (profile["largest_le_small"], profile["largest_le_medium"]) == (4, 4)
    assert profile["largest_above_medium"] == 0
    page = response.content.decode()
    assert "/breakdowns/country/?objective=all&amp;region=Europe" in page
    assert "<svg" in page and "<script" not in page
