"""Whatever the amounts and measure shares, every breakdown's rows add up to its total."""

from decimal import Decimal
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding.breakdowns.dimensions import DIMENSIONS
from funding.breakdowns.tables import breakdown, by_year
from funding.models import YearlyAmount
from projects.models import Project

ore = st.integers(min_value=0, max_value=10**11).map(lambda n: Decimal(n) / 100)
cuts = st.lists(st.integers(min_value=1, max_value=9999), max_size=3, unique=True)
agreement = st.tuples(
    st.dictionaries(st.integers(min_value=2000, max_value=2010), ore, min_size=1, max_size=3),
    cuts,
    st.booleans(),  # has measures at all
    st.sampled_from(["Albania", "Global", "Mozambique"]),
)


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
    Project.objects.all().delete()
    expected = Decimal(0)
    for index, (amounts, points, has_measures, recipient) in enumerate(agreements):
        make_agreement(
            amounts,
            title=f"P{index}",
            recipient=recipient,
            measures=shares(points, has_measures),
        )
        expected += sum(amounts.values())
    queryset = YearlyAmount.objects.all()
    for dimension in DIMENSIONS.values():
        table = breakdown(dimension, queryset)
        assert table.total == expected, dimension.slug
        assert sum(row.amount for row in table.rows) == expected, dimension.slug
        assert by_year(dimension, queryset).total == expected, dimension.slug
