"""/measures/: the plan's measures in a year, with status, funding and efforts."""

import re
from decimal import Decimal

from django.db.models.functions import Upper

from breakdowns.dimensions import DIMENSIONS
from breakdowns.tables import breakdown
from funding.models import FactPart
from measures.models import Measure


def test_it_lists_the_37_measures_by_goal_for_the_year_given(analyst_client):
    response = analyst_client.get("/measures/?year=2007")
    assert response.status_code == 200
    assert response.context["year"] == 2007
    lines = [line for _goal, lines in response.context["goals"] for line in lines]
    assert [line.measure.number for line in lines] == list(range(1, 38))


def test_measures_stay_in_number_order_whatever_order_the_rows_are_stored_in(
    analyst_client, make_effort
):
    """The list counts efforts (a grouped query, which Django does not order by Meta.ordering):
    rewritten rows, stored last on PostgreSQL, and efforts on some measures keep the order."""
    Measure.objects.filter(number__in=(1, 2, 20)).update(title=Upper("title"))
    third = Measure.objects.get(number=3)  # again, under a new and highest id
    responsible = list(third.responsible_ministries.all())
    third.delete()
    third.pk = None
    third.save()
    third.responsible_ministries.set(responsible)
    make_effort(measures=(5, 22))
    response = analyst_client.get("/measures/?year=2007")
    lines = [line for _goal, lines in response.context["goals"] for line in lines]
    assert [line.measure.number for line in lines] == list(range(1, 38))
    report = analyst_client.get("/report/2007/").context["report"]
    numbers = [int(re.search(r"Measure (\d+)", text).group(1)) for _l, text in report.headings[2:]]
    assert numbers == [5, 22]


def test_the_default_year_is_the_latest_with_records(analyst_client, make_effort):
    make_effort(year=2005)
    make_effort(year=2008)
    assert analyst_client.get("/measures/").context["year"] == 2008


def test_a_bad_year_is_a_400_with_a_message(analyst_client):
    for value, message in [("abc", "is not a year"), ("1066", "not a plausible year")]:
        response = analyst_client.get(f"/measures/?year={value}")
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_measure_with_nothing_recorded_is_flagged(analyst_client, make_effort, make_status):
    make_effort(measures=(2,))
    make_status(number=3, status="")  # a blank status is not a record
    make_status(number=4, status="ongoing")
    lines = {
        line.measure.number: line
        for _goal, lines in analyst_client.get("/measures/?year=2007").context["goals"]
        for line in lines
    }
    assert (lines[2].efforts, lines[2].recorded) == (1, True)
    assert (lines[3].status, lines[3].recorded) == ("Not recorded", False)
    assert (lines[4].status, lines[4].recorded) == ("Ongoing", True)
    page = analyst_client.get("/measures/?year=2007").content.decode()
    # flagged only where the Ministry of Foreign Affairs is responsible (13 of the 37, 2 of
    # which have records)
    ours = Measure.objects.filter(responsible_ministries__name="Ministry of Foreign Affairs")
    assert ours.count() == 13
    assert page.count("Nothing recorded for 2007") == 12
    assert (lines[3].missing, lines[1].missing) == (False, True)


def test_funding_is_the_measure_breakdowns(analyst_client, make_agreement):
    make_agreement(amounts={2007: 1000, 2008: 5000}, measures=((1, 60), (5, 40)))
    make_agreement(title="Other", amounts={2007: 333}, measures=((5, 100),))
    table = breakdown(DIMENSIONS["measure"], FactPart.objects.within(2007, 2007))
    lines = {
        line.measure.number: line
        for _goal, lines in analyst_client.get("/measures/?year=2007").context["goals"]
        for line in lines
    }
    assert lines[1].funding.amount == table.row(1).amount == Decimal("600.00")
    assert lines[5].funding.amount == table.row(5).amount == Decimal("733.00")
    assert lines[2].funding is None


def test_it_links_each_measure_to_its_page(analyst_client):
    page = analyst_client.get("/measures/?year=2007").content.decode()
    assert 'href="/measures/2006-2009/2/"' in page


def test_a_year_outside_the_plan_says_so_and_links_to_the_plans_years(analyst_client):
    page = analyst_client.get("/measures/?year=2003").content.decode()
    assert (
        "2003 lies outside the years of Stop human trafficking (2006–2009), the nearest plan "
        "with measures recorded" in page
    )
    for year in range(2006, 2010):
        assert f'href="/measures/?year={year}">{year}</a>' in page
    page = analyst_client.get("/measures/?year=2007").content.decode()
    assert "lies outside" not in page
