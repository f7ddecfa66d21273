"""The overview and the breakdowns open on the report's basis, direct funding (the main
objective), say so in one line and link to the other objectives and stages in one click."""

from decimal import Decimal as D

BASIS = "Basis: direct funding (trafficking as the main objective), all stages."


def test_the_overview_opens_on_direct_funding(superuser_client, dataset):
    response = superuser_client.get("/")
    page = response.content.decode()
    assert BASIS in page
    regions = {row.key: row.amount for row in response.context["regions"].rows}
    assert "Africa" not in regions  # C, Mozambique, is a subsidiary-objective agreement
    assert regions["Europe"] == D("1800.01")
    # the objective cards still show both objectives, each linking to its own
    assert response.context["main"].amount == D("1900.01")
    assert response.context["subsidiary"].amount == D("200.00")
    assert 'href="?objective=all"' in page and 'href="?objective=subsidiary"' in page
    assert "/breakdowns/country/?objective=main&amp;region=Europe" in page


def test_a_breakdown_opens_on_direct_funding_and_names_it_in_its_links(superuser_client, dataset):
    data = superuser_client.get("/breakdowns/region/?format=json").json()
    assert data["filters"]["objective"] == "main" and data["total"] == "1900.01"
    everything = superuser_client.get("/breakdowns/region/?objective=all&format=json").json()
    assert everything["total"] == "2100.01"
    subsidiary = superuser_client.get("/breakdowns/region/?objective=subsidiary&format=json")
    assert subsidiary.json()["total"] == "200.00"
    page = superuser_client.get("/breakdowns/region/").content.decode()
    assert BASIS in page
    assert 'href="?objective=main&amp;status=disbursed&amp;status=allocated"' in page
    assert "/breakdowns/country/?objective=main&amp;region=Europe" in page


def test_the_basis_line_follows_the_chosen_objective_and_stages(superuser_client, dataset):
    url = "/breakdowns/country/?objective=all&status=disbursed&status=allocated"
    page = superuser_client.get(url).content.decode()
    assert "Basis: all objectives (main and subsidiary added together), paid or allocated." in page
    # the objective links keep the stages, the stage links the objective
    assert 'href="?objective=main&amp;status=disbursed&amp;status=allocated"' in page
    assert 'href="?objective=all&amp;status=planned"' in page


def test_an_unknown_objective_is_refused_with_the_forms_message(superuser_client, dataset):
    response = superuser_client.get("/breakdowns/region/?objective=both")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_measure_breakdown_offers_the_plans_own_years(superuser_client, dataset):
    page = superuser_client.get("/breakdowns/measure/").content.decode()
    assert "include money from years outside Stop human trafficking (2006–2009)" in page
    assert 'href="?objective=main&amp;year_from=2006&amp;year_to=2009"' in page
    page = superuser_client.get("/breakdowns/measure/?year_from=2006&year_to=2009").content
    assert b"years outside" not in page
