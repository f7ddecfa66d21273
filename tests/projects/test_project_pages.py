"""The projects list (filters, search, pagination) and the project page."""

from decimal import Decimal

import pytest

from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient


@pytest.fixture
def projects(make_agreement):
    a = make_agreement(
        {2006: "1000.00", 2007: ("500.00", "planned")},
        title="Shelter for victims",
        description="Safe houses and return",
        channel="International Organization for Migration",
        recipient="Albania",
        number="AL-1",
        measures=((1, 60), (2, 40)),
    )
    b = make_agreement(
        {2008: "250.00"},
        unit="Embassy in Maputo",
        title="Border police training",
        channel="Save the Children Norway",
        recipient="Mozambique",
        objective="subsidiary",
        measures=(),
    )
    return a.project, b.project


def titles(response):
    return [project.title for project in response.context["page"].object_list]


def test_it_lists_projects_with_their_amounts(superuser_client, projects):
    response = superuser_client.get("/projects/")
    assert titles(response) == ["Border police training", "Shelter for victims"]
    page = response.content.decode()
    assert "1\u202f500" in page and "250" in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=shelter", ["Shelter for victims"]),
        ("q=IOM", ["Shelter for victims"]),
        ("q=mozambique", ["Border police training"]),
        ("objective=subsidiary", ["Border police training"]),
        ("region=Europe", ["Shelter for victims"]),
        ("country=MZ", ["Border police training"]),
        ("channel=Save+the+Children+Norway", ["Border police training"]),
        ("channel_family=Save+the+Children", ["Border police training"]),
        ("partner_group=Multilateral+institutions", ["Shelter for victims"]),
        ("unit=Embassy+in+Maputo", ["Border police training"]),
        ("year_from=2007&status=planned", ["Shelter for victims"]),
        ("year_from=2008&status=planned", []),
        ("year_from=2006&year_to=2006&region=Africa", []),
    ],
)
def test_filters_and_search_narrow_the_list(superuser_client, projects, query, expected):
    assert titles(superuser_client.get(f"/projects/?{query}")) == expected


def test_the_amount_follows_the_year_and_status_filters(superuser_client, projects):
    response = superuser_client.get("/projects/?status=planned")
    assert [p.total for p in response.context["page"].object_list] == [Decimal("500.00")]


def test_the_measure_filter_does_not_repeat_projects(superuser_client, projects):
    from measures.models import Measure

    ids = Measure.objects.filter(plan__start_year=2006, number__in=[1, 2]).values_list(
        "pk", flat=True
    )
    query = "&".join(f"measure={pk}" for pk in ids)
    response = superuser_client.get(f"/projects/?{query}")
    assert titles(response) == ["Shelter for victims"]
    assert response.context["page"].object_list[0].total == Decimal("1500.00")


def test_the_list_pages_by_fifty(superuser_client, db):
    channel = Channel.objects.get(name="Norwegian Church Aid")
    recipient = Recipient.objects.get(name="Nepal")
    Project.objects.bulk_create(
        Project(title=f"Project {i:03}", channel=channel, recipient=recipient) for i in range(120)
    )
    first = superuser_client.get("/projects/?q=Project")
    assert len(titles(first)) == 50
    last = superuser_client.get("/projects/?q=Project&page=3")
    assert titles(last) == [f"Project {i:03}" for i in range(100, 120)]
    assert "q=Project&amp;page=2" in last.content.decode()


def test_the_project_page_shows_agreements_amounts_statuses_and_measures(
    superuser_client, projects
):
    shelter = projects[0]
    page = superuser_client.get(f"/projects/{shelter.pk}/").content.decode()
    assert "Agreement AL-1" in page and "West Balkans Section" in page
    assert "1\u202f000<" in page and "Planned" in page and "Allocated" in page
    assert "60&nbsp;%" in page and "40&nbsp;%" in page
    assert "NOK 1\u202f500<" in page and ".00" not in page  # whole kroner: no øre to show


def test_the_project_page_says_when_nothing_is_recorded(superuser_client, projects):
    training = projects[1]
    Agreement.objects.create(
        project=training,
        unit=AdministeringUnit.objects.get(name="Norad"),
        number="EMPTY",
        first_year=2009,
        last_year=2009,
    )
    page = superuser_client.get(f"/projects/{training.pk}/").content.decode()
    assert "No measure recorded." in page and "No yearly amounts recorded." in page


def test_a_missing_project_is_not_found(superuser_client, db):
    assert superuser_client.get("/projects/999999/").status_code == 404


@pytest.mark.parametrize("count", [3, 300])
def test_the_list_runs_a_constant_number_of_queries(
    superuser_client, django_assert_max_num_queries, db, count
):
    channel = Channel.objects.get(name="Norwegian Church Aid")
    recipient = Recipient.objects.get(name="Nepal")
    unit = AdministeringUnit.objects.get(name="Norad")
    projects = Project.objects.bulk_create(
        Project(title=f"P{i}", channel=channel, recipient=recipient) for i in range(count)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(project=p, unit=unit, first_year=2007, last_year=2007) for p in projects
    )
    YearlyAmount.objects.bulk_create(
        YearlyAmount(agreement=a, year=2007, amount=Decimal(5)) for a in agreements
    )
    facts_refresh()
    # session, user, count, page, its projects' totals, the region filter's lookup, 8 lists of
    # choices
    with django_assert_max_num_queries(15):
        response = superuser_client.get("/projects/?year_from=2007&region=Asia")
    assert response.status_code == 200
