"""The overview's tables from two passes over the funding facts.

The page shows the objectives side by side whatever the basis, and the regions, countries,
channels and agreement profile on the basis chosen. The first pass groups the facts filtered as
asked but for the objective by objective and recipient (keys of whole agreements, so every
count adds up, the profile's too): the groups of the objectives kept add up to the regions,
countries and profile, all groups to the objectives. The second groups the basis's facts by
channel. (Grouping by objective, recipient and channel at once makes tens of thousands of
groups at a million amounts, slower than two passes.) When the filter asks for nothing but the
years and an objective, both passes read the summed facts (funding.sums) instead.
"""

from funding.facts import profile
from funding.sums import ChannelSum, RecipientSum
from measures.models import YEAR_MAX, YEAR_MIN
from projects.filters import by_objective

from .dimensions import DIMENSIONS
from .labels import named_totals
from .tables import breakdown, breakdowns, rolled_up

PLACES = ("region", "country")
TOP = 10  # the countries and channels the page shows (the first, by amount), with their links
SUMMED = {"year_from", "year_to", "objective"}  # the filters the sums can answer


def summed(f):
    """(basis, both) as overview_tables() takes them, from the summed facts (funding.sums),
    when the valid filter `f` asks for nothing but years and an objective; else None."""
    if any(value for name, values in f.data.lists() if name not in SUMMED for value in values):
        return None
    data = f.form.cleaned_data
    both = RecipientSum.objects.within(
        data.get("year_from") or YEAR_MIN, data.get("year_to") or YEAR_MAX
    )
    channels = ChannelSum.objects.within(*both.counting[:2])
    if data.get("objective"):
        channels = by_objective(channels, "objective", data["objective"])
    return channels, both


def overview_tables(basis, both, objectives, link, both_link):
    """(tables by slug, the objectives' table, the profile): `basis` the facts on the page's
    basis, `both` the same with every objective, of which the basis keeps `objectives` (None:
    all)."""
    places = [DIMENSIONS[slug] for slug in PLACES]
    fields = list(dict.fromkeys(field for d in places for field in d.fields))
    extra = both.profile_sums()
    finest = named_totals(both, [*fields, "objective"], extra=extra)
    kept = [row for row in finest if objectives is None or row["objective"] in objectives]
    tables = breakdowns(places, None, link=link, finest=kept, linked={"country": TOP})
    tables["channel"] = breakdown(DIMENSIONS["channel"], basis, link=link, linked=TOP)
    by_objective = rolled_up(finest, ("objective",))
    objective = breakdown(DIMENSIONS["objective"], None, link=both_link, grouped_rows=by_objective)
    names = ("agreements", "agreement_years", *extra)
    sums = {name: sum(row[name] for row in kept) for name in names}
    return tables, objective, profile(sums)
