"""/measures/<plan>/<number>/: a measure's status, funding by year and efforts."""

from decimal import Decimal


def test_it_shows_the_measure_with_status_and_funding_by_year(
    analyst_client, make_status, make_agreement
):
    make_status(number=1, year=2007, status="under_way", summary="Going well")
    make_agreement(amounts={2006: 100, 2007: 200}, measures=((1, 50), (2, 50)))
    response = analyst_client.get("/measures/2006-2009/1/")
    assert response.status_code == 200
    record = response.context["record"]
    assert record.funding == [(2006, Decimal("50.00")), (2007, Decimal("100.00"))]
    assert [s.label for s in record.statuses] == ["Under way"]
    assert "Going well" in response.content.decode()


def test_it_groups_efforts_by_region_then_country(analyst_client, make_effort, make_agreement):
    project = make_agreement(recipient="Albania", amounts={2007: 4000}).project
    make_effort(title="Shelter", measures=(1,), region="Europe", countries=["Albania"],
                projects=[project])  # fmt: skip
    make_effort(title="Dialogue", measures=(1,), region="Asia", countries=["Vietnam"])
    make_effort(title="UN work", measures=(1,), region="Not geographically allocated",
                organisation="United Nations Children's Fund")  # fmt: skip
    regions = analyst_client.get("/measures/2006-2009/1/").context["record"].regions
    outline = [(r.heading, [(p.heading, [e.effort.title for e in p.entries]) for p in r.places])
               for r in regions]  # fmt: skip
    assert outline == [
        ("Asia", [("Vietnam", ["Dialogue"])]),
        ("Europe", [("Albania", ["Shelter"])]),
        ("Global efforts", [("UNICEF", ["UN work"])]),
    ]
    shelter = regions[1].places[0].entries[0]
    assert [(p.project, p.amount) for p in shelter.projects] == [(project, Decimal("4000.00"))]


def test_an_unknown_measure_or_plan_is_a_404(analyst_client):
    assert analyst_client.get("/measures/2006-2009/99/").status_code == 404
    assert analyst_client.get("/measures/nonsense/1/").status_code == 404
    assert analyst_client.get("/measures/1990-1991/1/").status_code == 404


def test_it_offers_the_plans_own_years_and_says_when_other_years_are_in(
    analyst_client, make_agreement
):
    make_agreement(amounts={2003: 300, 2004: 400, 2007: 700})
    page = analyst_client.get("/measures/2006-2009/1/").content.decode()
    assert 'href="?years=plan">the plan&#x27;s own years (2006–2009)</a>' in page
    assert 'href="?years=all" aria-current="true">all years</a>' in page
    assert (
        "These amounts include money from 2003–2004, outside the years of Stop human "
        "trafficking (2006–2009)" in page
    )
    page = analyst_client.get("/measures/2006-2009/1/?years=plan").content.decode()
    assert 'href="?years=plan" aria-current="true">' in page
    assert "include money from" not in page


def test_the_sentence_is_absent_when_all_the_money_is_in_the_plans_years(
    analyst_client, make_agreement
):
    make_agreement(amounts={2006: 100, 2009: 900})
    page = analyst_client.get("/measures/2006-2009/1/?years=all").content.decode()
    assert "include money from" not in page


def test_the_plans_own_years_leave_out_the_money_of_2000_2005(analyst_client, make_agreement):
    make_agreement(amounts={2000: 50, 2005: 500, 2006: 60, 2009: 90, 2010: 10})
    everything = analyst_client.get("/measures/2006-2009/1/").context["record"]
    assert [year for year, _amount in everything.funding] == [2000, 2005, 2006, 2009, 2010]
    assert everything.outside == "2000, 2005, 2010"
    record = analyst_client.get("/measures/2006-2009/1/?years=plan").context["record"]
    assert record.funding == [(2006, Decimal("60.00")), (2009, Decimal("90.00"))]
    assert record.outside == ""


def test_the_breakdown_link_carries_the_year_filter_and_shows_the_same_numbers(
    analyst_client, make_agreement
):
    make_agreement(amounts={2004: 40, 2007: 70})
    make_agreement(title="Side", objective="subsidiary", amounts={2007: 5})
    record = analyst_client.get("/measures/2006-2009/1/?years=plan").context["record"]
    assert "year_from=2006&year_to=2009" in record.funding_url
    matrix = analyst_client.get(record.funding_url).context["table"]
    row = next(row for row in matrix.rows if row.key == 1)
    assert list(zip(matrix.years, row.cells, strict=True)) == record.funding
    everything = analyst_client.get("/measures/2006-2009/1/").context["record"]
    assert "year_from" not in everything.funding_url


def test_an_unknown_years_value_is_a_400_with_a_message(analyst_client):
    response = analyst_client.get("/measures/2006-2009/1/?years=some")
    assert response.status_code == 400
    assert "The years are “plan” (the plan&#x27;s own years) or “all”, not &#x27;some&#x27;" in (
        response.content.decode()
    )
