"""The overview's tables from two grouped queries over the funding facts.

The page shows the objectives side by side whatever the basis, and the regions, countries,
channels and agreement profile on the basis chosen. The first query groups the facts filtered
as asked but for the objective by objective and recipient (keys of whole agreements, so every
count adds up, the profile's too): the groups of the objectives kept add up to the regions,
countries and profile, all groups to the objectives. The second groups the basis's facts by
channel. When the filter asks for nothing but the years and an objective, both passes read the
summed facts (funding.models.sums) instead, through the same QuerySet methods.
"""

from funding.models import ChannelSum, RecipientSum
from funding.models.facts import profile
from projects.filters import by_objective

from .dimensions import DIMENSIONS, rolled_up
from .names import Names
from .tables import breakdown

TOP = 10  # the countries and channels the page shows (the first, by amount), with their links
SUMMED = {"year_from", "year_to", "objective"}  # the filters the sums answer


def summed(f):
    """(basis, both) as overview_tables() takes them, from the summed facts, when the valid
    filter `f` asks for nothing but years and an objective; else None."""
    if any(value for name, values in f.data.lists() if name not in SUMMED for value in values):
        return None
    data = f.form.cleaned_data
    both = RecipientSum.objects.within(data.get("year_from"), data.get("year_to"))
    channels = ChannelSum.objects.within(data.get("year_from"), data.get("year_to"))
    if data.get("objective"):
        channels = by_objective(channels, "objective", data["objective"])
    return channels, both


def overview_tables(basis, both, objectives, link, both_link):
    """(tables by slug, the objectives' table, the profile): `basis` the facts on the page's
    basis, `both` the same with every objective, of which the basis keeps `objectives` (None:
    all)."""
    names = Names()
    extra = both.profile_counts()
    finest = list(both.totals_by("objective", "recipient", **extra))
    kept = [row for row in finest if objectives is None or row["objective"] in objectives]
    tables = {}
    for slug, linked in (("region", None), ("country", TOP)):
        dimension = DIMENSIONS[slug]
        grouped = rolled_up(dimension, kept, names)
        tables[slug] = breakdown(dimension, None, link=link, grouped=grouped, linked=linked)
    channels = DIMENSIONS["channel"]
    grouped = channels.grouped(basis, names=names)
    tables["channel"] = breakdown(channels, None, link=link, grouped=grouped, linked=TOP)
    dimension = DIMENSIONS["objective"]
    grouped = rolled_up(dimension, finest, names)
    objective = breakdown(dimension, None, link=both_link, grouped=grouped)
    sums = {name: sum(row[name] for row in kept) for name in extra}
    sums["agreements"] = sum(row["counted_agreements"] for row in kept)
    sums["agreement_years"] = sum(row["counted_years"] for row in kept)
    return tables, objective, profile(sums)
