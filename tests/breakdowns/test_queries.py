"""Every page runs a constant number of queries, whatever the data size."""

from decimal import Decimal

import pytest

from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from measures.models import Measure
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
)

PUBLISHED = 51  # test_closed_years.py adds one per closed year
PAGES = [
    "/",
    "/breakdowns/",
    *(f"/breakdowns/{slug}/" for slug in ("region", "country", "channel", "partner-group")),
    *(f"/breakdowns/{slug}/" for slug in ("year", "unit", "measure", "objective")),
    "/breakdowns/organisation-kind/",
    "/breakdowns/organisation-family/",
    "/breakdowns/organisation-family/?by=year",
    "/breakdowns/country/?instrument=CETS+No.+197&ratified=signed&ratified_by=2008",
    "/breakdowns/region/?by=year",
    "/breakdowns/measure/?by=year&year_from=2001",
    "/breakdowns/channel/?format=json",
    "/projects/",
    "/projects/?q=Bench&unit=West+Balkans+Section&year_from=2001",
    "/published/",
]


def build(count):
    """`count` agreements over varied channels, recipients, units and measures, in bulk."""
    channels = list(Channel.objects.all()[:10])
    recipients = list(Recipient.objects.all()[:30])
    units = list(AdministeringUnit.objects.all()[:5])
    measures = list(Measure.objects.filter(plan__start_year=2006)[:5])
    projects = Project.objects.bulk_create(
        Project(
            title=f"Bench {i}",
            channel=channels[i % len(channels)],
            recipient=recipients[i % len(recipients)],
            objective="main" if i % 3 else "subsidiary",
        )
        for i in range(count)
    )
    ProjectMeasure.objects.bulk_create(
        ProjectMeasure(project=p, measure=measures[i % len(measures)], share=Decimal(100))
        for i, p in enumerate(projects)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(project=p, unit=units[i % len(units)], first_year=2000 + i % 5, last_year=2006)
        for i, p in enumerate(projects)
    )
    YearlyAmount.objects.bulk_create(
        YearlyAmount(agreement=a, year=year, amount=Decimal(1000 + i))
        for i, a in enumerate(agreements)
        for year in range(a.first_year, a.last_year + 1)
    )
    facts_refresh()  # as the importer's write step does
    return projects


# Session and user (2), the grouped query and the records naming its groups (2), one query per
# list of choices in the filter form (9: the instruments too), and the demo banner's EXISTS (1)
# on HTML; the ratification filter looks its instrument up (+1). The overview groups twice (by
# objective and recipient for its objective cards, regions, countries and profile; by channel)
# and names recipients and channels (2). The cached pages (the overview and the breakdowns,
# web.caching) read the data version (+1). The projects list sums its page's projects (+1).
LIMITS = {"/": 17, "/breakdowns/": 3, "/breakdowns/measure/": 16}
LIMITS |= {"/breakdowns/country/?instrument=CETS+No.+197&ratified=signed&ratified_by=2008": 16}
# /published/: 35 figures, and the closed years (+1; each closed year +1, test_closed_years.py).
LIMITS |= {"/breakdowns/channel/?format=json": 5, "/published/": PUBLISHED}
LIMITS |= {"/breakdowns/measure/?by=year&year_from=2001": 16}  # +1: the plans' own years


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("count", [3, 300])
def test_each_page_runs_a_constant_number_of_queries(
    superuser_client, django_assert_max_num_queries, url, count
):
    build(count)
    limit = LIMITS.get(url, 15 if url.startswith("/breakdowns/") else 14)
    with django_assert_max_num_queries(limit):
        response = superuser_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/", *(url for url in PAGES if url.startswith("/breakdowns/") and url != "/breakdowns/")],
)
def test_a_page_seen_before_comes_from_the_cache(
    superuser_client, django_assert_num_queries, settings, url
):
    build(30)
    first = superuser_client.get(url)
    # The user and the data version; the session too unless the cache holds it (with Redis).
    # The demo banner comes from the cache with the page (tests/web/test_caching.py).
    with django_assert_num_queries(3 if settings.SESSION_ENGINE.endswith(".db") else 2):
        again = superuser_client.get(url)
    assert again.status_code == 200
    assert main(again) == main(first)


def main(response):
    """The page's content; the page around it has a new CSRF token each time."""
    text = response.content.decode()
    return text[text.find("<main") :] if "<main" in text else text


@pytest.mark.parametrize("count", [3, 300])
def test_the_project_page_runs_a_constant_number_of_queries(
    superuser_client, django_assert_max_num_queries, make_project, count
):
    project = make_project(measures=[(number, Decimal(100) / 4) for number in (1, 2, 3, 4)])
    units = list(AdministeringUnit.objects.all())
    agreements = Agreement.objects.bulk_create(
        Agreement(project=project, unit=units[i % len(units)], number=f"N-{i}", first_year=2005,
                  last_year=2007)
        for i in range(count)
    )  # fmt: skip
    YearlyAmount.objects.bulk_create(
        YearlyAmount(agreement=a, year=year, amount=Decimal(10)) for a in agreements
        for year in (2005, 2006, 2007)
    )  # fmt: skip
    with django_assert_max_num_queries(10):
        response = superuser_client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("<caption>Agreement N-") == count
