"""The follow-up pages run a fixed number of queries, whatever the number of records."""

from decimal import Decimal

import pytest

from followup.models import Effort
from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from measures.models import Measure, MeasureStatus
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
    Region,
)


def build(count):
    """`count` funded projects and `count` efforts linked to them, over varied records."""
    channels = list(Channel.objects.all()[:10])
    recipients = list(Recipient.objects.all()[:30])
    regions = list(Region.objects.all())
    unit = AdministeringUnit.objects.first()
    measures = list(Measure.objects.filter(plan__start_year=2006))
    projects = Project.objects.bulk_create(
        Project(title=f"P{i}", channel=channels[i % 10], recipient=recipients[i % 30])
        for i in range(count)
    )
    ProjectMeasure.objects.bulk_create(
        ProjectMeasure(project=p, measure=measures[i % 37], share=Decimal(100))
        for i, p in enumerate(projects)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(project=p, unit=unit, first_year=2006, last_year=2007) for p in projects
    )
    YearlyAmount.objects.bulk_create(
        YearlyAmount(agreement=a, year=year, amount=Decimal(1000 + i))
        for i, a in enumerate(agreements)
        for year in (2006, 2007)
    )
    facts_refresh()  # bulk_create sends no save signals
    efforts = Effort.objects.bulk_create(
        Effort(
            title=f"E{i}",
            reported_in=2006 + i % 2,
            kind="meeting",
            region=regions[i % len(regions)],
            organisation=channels[i % 10],
            unit=unit,
            review_state=Effort.State.APPROVED,  # in the final report
        )
        for i in range(count)
    )
    links = zip(efforts, projects, strict=True)
    Effort.measures.through.objects.bulk_create(
        Effort.measures.through(effort=e, measure=measures[i % 5]) for i, e in enumerate(efforts)
    )
    Effort.countries.through.objects.bulk_create(
        Effort.countries.through(effort=e, recipient=recipients[(i + j) % 30])
        for i, e in enumerate(efforts)
        for j in range(1 + i % 3)
    )
    Effort.projects.through.objects.bulk_create(
        Effort.projects.through(effort=e, project=p) for e, p in links
    )
    MeasureStatus.objects.bulk_create(
        MeasureStatus(measure=m, year=2007, status="ongoing") for m in measures[: min(count, 37)]
    )


# Session and user (2) and the demo banner (1) on every page; see each page for the rest.
QUERIES = {
    # plan, measures with their effort counts, statuses, the measure breakdown (its parts
    # grouped and counted in one query, then named: the measures) and its filter
    "/measures/?year=2007": 9,
    # measure, its filter and breakdown by year (and the measures naming it), efforts and 5
    # prefetches, amounts, statuses
    "/measures/2006-2009/1/": 15,
    "/measures/2006-2009/1/?years=plan": 15,
    "/measures/?year=2003": 9,  # before every plan: plan_for asks twice (none started, earliest)
    # the page's own (plan, texts, the Ministry's share, measures, efforts and their
    # prefetches, headings) and section 2.2's 25: the pledging plans and the first year with
    # money, its totals, tables and agreement profiles through the breakdowns, the records
    # naming the rows and those the filters read
    "/report/2007/": 43,
    "/report/2007/?format=docx": 42,  # no demo banner
    # and the measures' statuses, funding and effort counts, the linked projects' amounts
    "/report/2007/?draft=1": 49,
}


@pytest.mark.parametrize("url", QUERIES)
@pytest.mark.parametrize("count", [3, 300])
def test_each_page_runs_a_fixed_number_of_queries(
    analyst_client, django_assert_num_queries, url, count
):
    build(count)
    with django_assert_num_queries(QUERIES[url]):
        response = analyst_client.get(url)
    assert response.status_code == 200
