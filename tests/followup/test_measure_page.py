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
