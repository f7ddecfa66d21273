"""Whatever the amounts and measure shares, every breakdown's rows add up to its total."""

from decimal import Decimal
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakdowns.dimensions import DIMENSIONS
from breakdowns.overview import overview_tables
from breakdowns.tables import breakdown, by_year
from funding.models import ChannelSum, Fact, FactPart, RecipientSum, YearlyAmount
from funding.refresh import facts_refresh
from projects.models import AdministeringUnit, Project

ore = st.integers(min_value=0, max_value=10**11).map(lambda n: Decimal(n) / 100)
cuts = st.lists(st.integers(min_value=1, max_value=9999), max_size=3, unique=True)
agreement = st.tuples(
    st.dictionaries(st.integers(min_value=2000, max_value=2010), ore, min_size=1, max_size=3),
    cuts,
    st.booleans(),  # has measures at all
    st.sampled_from(["Albania", "Global", "Mozambique"]),
)


def clear():
    """No projects, and so no facts, left from an earlier example."""
    Project.objects.all().delete()
    facts_refresh()


def shares(points, has_measures):
    """Percent shares (two decimals) cut at `points` basis points: they add up to 100."""
    if not has_measures:
        return ()
    edges = [0, *sorted(points), 10000]
    return tuple(
        (number, Decimal(high - low) / 100)
        for number, (low, high) in enumerate(pairwise(edges), start=1)
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(agreement, min_size=1, max_size=5))
def test_every_breakdown_adds_up_to_its_total_to_the_ore(make_agreement, agreements):
    clear()
    expected = Decimal(0)
    for index, (amounts, points, has_measures, recipient) in enumerate(agreements):
        make_agreement(
            amounts,
            title=f"P{index}",
            recipient=recipient,
            measures=shares(points, has_measures),
        )
        expected += sum(amounts.values())
    for dimension in DIMENSIONS.values():
        queryset = (FactPart if dimension.parts else Fact).objects.all()
        table = breakdown(dimension, queryset)
        assert table.total == expected, dimension.slug
        assert sum(row.amount for row in table.rows) == expected, dimension.slug
        assert by_year(dimension, queryset).total == expected, dimension.slug


overview_agreement = st.tuples(
    st.dictionaries(st.integers(min_value=2000, max_value=2010), ore, min_size=1, max_size=3),
    st.sampled_from(["Albania", "Global", "Mozambique", "Moldova"]),
    st.sampled_from(["International Organization for Migration", "Norwegian Church Aid"]),
    st.sampled_from(["main", "subsidiary"]),
    st.integers(min_value=0, max_value=2),  # which project of its kind: agreements may share one
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(overview_agreement, min_size=1, max_size=6), st.booleans())
def test_the_overviews_two_passes_equal_a_query_per_table(make_agreement, agreements, edit):
    clear()
    projects, units = {}, list(AdministeringUnit.objects.values_list("name", flat=True)[:6])
    for amounts, recipient, channel, objective, copy in agreements:
        key = (recipient, channel, objective, copy)
        agreement = make_agreement(
            amounts,
            project=projects.get(key),
            unit=units[projects[key].agreements.count() if key in projects else 0],
            title=f"{recipient} {channel} {objective} {copy}",
            recipient=recipient,
            channel=channel,
            objective=objective,
        )
        projects[key] = agreement.project
    if edit:  # an update and a delete before the pages are built
        first = YearlyAmount.objects.order_by("pk").first()
        first.amount += Decimal("0.01")
        first.save()
        last = YearlyAmount.objects.order_by("pk").last()
        last.delete()
        facts_refresh([first.agreement_id, last.agreement_id])
    queryset = Fact.objects.all()
    # the overview page's two passes equal a query per table
    for kept in (None, {"main"}):
        basis = queryset if kept is None else queryset.filter(objective="main")
        tables, objectives, profile = overview_tables(basis, queryset, kept, None, None)
        for slug in ("region", "country", "channel"):
            assert tables[slug] == breakdown(DIMENSIONS[slug], basis), (slug, kept)
        assert objectives == breakdown(DIMENSIONS["objective"], queryset)
        assert profile == basis.agreement_profile()
    # and from the sums, on the overview's usual basis (years and an objective)
    for first, last, kept in ((None, None, None), (2003, 2008, {"main"}), (2005, 2005, None)):
        facts = Fact.objects.within(first, last)
        sums = RecipientSum.objects.within(first, last)
        channels = ChannelSum.objects.within(first, last)
        if kept:
            facts_basis = facts.filter(objective="main")
            channels = channels.filter(objective="main")
        else:
            facts_basis = facts
        assert overview_tables(channels, sums, kept, None, None) == overview_tables(
            facts_basis, facts, kept, None, None
        ), (first, last, kept)
