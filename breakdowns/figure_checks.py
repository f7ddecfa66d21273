"""The published figures' comparisons beyond an amount or a share (breakdowns/published.py):
rankings, the shift of shares between two years, and the plans' pledges.

Each returns (value, detail): the value compared with the published one, and what it was
checked against, for the page to show (the ranking, the two years' shares, the pledges).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from measures.models import Plan
from projects.models import Recipient
from web.formats import nok, percent

from .dimensions import DIMENSIONS

RANKING_SHOWN = 5  # the top of a ranking the page shows, with the ranked row wherever it is


@dataclass
class Ranked:
    rank: int
    label: str
    amount: Decimal
    checked: bool  # the row the figure is about


def ranking(query, amounts, reading):
    """The rank of `row` among the rows of `dimension` by amount (1: the largest; ties share a
    rank), and the ranking's top. Rows outside the share base (not geographically allocated)
    are not ranked; `among=countries` ranks countries only, not regional recipients."""
    if query.get("among") == "countries":
        amounts = amounts.filter(recipient__kind=Recipient.Kind.COUNTRY)
    table = reading.table(DIMENSIONS[query["dimension"]], amounts, sort="-amount")
    rows = [row for row in table.rows if row.in_base and row.amount > 0]
    ranked = [
        Ranked(1 + sum(other.amount > row.amount for other in rows), row.label, row.amount,
               row.key == query["row"])
        for row in rows
    ]  # fmt: skip
    checked = next((item for item in ranked if item.checked), None)
    if checked is None:
        return None, []
    shown = ranked[:RANKING_SHOWN]
    return Decimal(checked.rank), shown if checked in shown else [*shown, checked]


def share_shift(query, amounts, reading):
    """1 when the rows' (`row`, several) summed share of the `year` breakdown is larger than of
    the `base_year` one, else 0; the detail names both shares."""
    dimension, keys = DIMENSIONS[query["dimension"]], query.getlist("row")
    shares = {}
    for year in (int(query["base_year"]), int(query["year"])):
        table = reading.table(dimension, amounts.filter(year=year))
        if not table.base:
            return None, []
        rows = [table.row(key) for key in keys]
        shares[year] = sum((row.share for row in rows if row is not None), Decimal(0))
    (base_year, before), (year, after) = shares.items()
    names = " + ".join(keys)
    detail = [
        _("%(names)s in %(year)s: %(share)s") % {"names": names, "year": y, "share": percent(s, 1)}
        for y, s in ((base_year, before), (year, after))
    ]
    return Decimal(int(after > before)), detail


def plan_pledges():
    """The sum of the plans' pledged amounts and one line per pledge; (None, []) without any."""
    plans = list(Plan.objects.exclude(pledged_amount=None))
    if not plans:
        return None, [_("No plan of action records a pledged amount (admin › Plans of action).")]
    lines = [
        _("%(plan)s: %(amount)s (%(source)s)")
        % {
            "plan": plan,
            "amount": nok(plan.pledged_amount, code=True),
            "source": plan.pledge_source,
        }
        for plan in plans
    ]
    return sum((plan.pledged_amount for plan in plans), Decimal(0)), lines
