"""Section 2.2's figures read from the records through the breakdowns (breakdowns.filters,
breakdowns.tables, breakdowns.published.computed_value): each filter set's facts and each
breakdown table read once, every value the same as the published figures' computation of its
definition gives, every figure linked to the breakdown page of its filters."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import QueryDict
from django.urls import reverse

from breakdowns.dimensions import DIMENSIONS
from breakdowns.filters import funding_filter
from breakdowns.names import Reading
from breakdowns.published import computed_value, filter_query
from funding.models.facts import profile
from projects.models import Recipient
from web.formats import count

from .rules import amount_text, share_text


@dataclass
class Figure:
    """A figure in a sentence: its `text` as printed (with its hedge), the `url` of the
    breakdown behind it, its `key` in the summary, its exact `value` and its `computation`
    (breakdowns/published.py's language: the metric and the breakdown's filters)."""

    text: str
    url: str
    key: str = ""
    value: Decimal | None = None
    computation: str = ""

    def __str__(self):
        return self.text


@dataclass
class Ranked:
    """A row of a ranking: what it is (`label`) and its figures (`amount`, `share`)."""

    label: str
    amount: Figure
    share: Figure | None = None


def figure_url(computation):
    """The breakdown page of a computation's filters (as breakdowns.published.Figure.url)."""
    query = QueryDict(computation)
    dimension = "year" if query.get("metric") == "year_ratio" else None
    dimension = dimension or query.get("dimension", "objective")
    return f"{reverse('breakdown', args=[dimension])}?{filter_query(query).urlencode()}"


def with_params(computation, **params):
    """`computation` with `params` set (metric=…, row=…, unit=…)."""
    query = QueryDict(computation, mutable=True)
    for name, value in params.items():
        query.setlist(name, [str(value)])
    return query.urlencode()


class Reader:
    """The records' figures for one report's periods, each filter set and table read once."""

    def __init__(self, periods, no_data):
        self.periods, self.no_data = periods, no_data
        self.names = Reading(as_of=periods.year)  # the names of the report's year, tables once
        self.figures = {}  # key -> Figure, every figure the summary printed
        self.facts_by_filters = {}

    def facts(self, computation):
        """The funding facts passing the computation's filters."""
        filters = filter_query(QueryDict(computation)).urlencode()
        if filters not in self.facts_by_filters:
            f = funding_filter(QueryDict(filters))
            if not f.is_valid():
                raise ValueError(f"{computation!r}: {f.errors.as_text()}")
            self.facts_by_filters[filters] = f.qs
        return self.facts_by_filters[filters]

    def figure(self, key, computation, value, text):
        shown = self.no_data if value is None else text(value)
        self.figures[key] = Figure(str(shown), figure_url(computation), key, value, computation)
        return self.figures[key]

    def value(self, computation):
        return computed_value(QueryDict(computation), self.facts(computation), self.names)

    def amount(self, key, name):
        """The named figure (periods.DEFINITIONS) as an amount."""
        computation = self.periods.definition(name)
        return self.figure(key, computation, self.value(computation), amount_text)

    def count(self, key, name):
        computation = self.periods.definition(name)
        return self.figure(key, computation, self.value(computation), count)

    def words(self, key, name, words):
        """The named figure written in words by `words(value)` (a share, a change)."""
        computation = self.periods.definition(name)
        return self.figure(key, computation, self.value(computation), words)

    def table(self, computation):
        """The breakdown of the computation's dimension over its filters, largest first."""
        dimension = QueryDict(computation)["dimension"]
        return self.names.table(DIMENSIONS[dimension], self.facts(computation), sort="-amount")

    def ranked(self, key, name, top, countries=False):
        """The `top` rows of the named ranking with money (in the share base: not the not
        geographically allocated), largest first (ties by label); `countries`: countries only,
        not regional recipients. Each a Ranked with its amount and share figures."""
        computation = self.periods.definition(name)
        table = self.table(computation)
        keep = self.country_keys() if countries else None
        rows = [row for row in table.rows if row.in_base and row.amount > 0]
        rows = [row for row in rows if keep is None or row.key in keep][:top]
        return [self.ranked_row(f"{key}_{n}", computation, row) for n, row in enumerate(rows, 1)]

    def ranked_row(self, key, computation, row):
        amount = with_params(computation, metric="amount", row=row.key)
        share = with_params(computation, metric="share", row=row.key)
        written = self.figure(f"{key}_amount", amount, row.amount, amount_text)
        if row.share is None:
            return Ranked(row.label, written)
        return Ranked(row.label, written, self.figure(f"{key}_share", share, row.share, share_text))

    def country_keys(self):
        """The keys of the country rows (the country dimension's: a country's ISO code)."""
        recipients = self.names.recipients.values()
        return {r.iso2 for r in recipients if r.kind == Recipient.Kind.COUNTRY}

    def row_amount(self, key, name):
        """The amount of the named figure's row (its `row`) in its table."""
        computation = self.periods.definition(name)
        row = self.table(computation).row(QueryDict(computation)["row"])
        return self.figure(key, computation, None if row is None else row.amount, amount_text)

    def units(self, top):
        """The `top` administering units by their one-year agreements (more than none), most
        first (ties by name): [(unit name, Figure of the count)]."""
        computation = self.periods.definition("units")
        facts = self.facts(computation)
        rows = facts.totals_by("unit", **facts.profile_counts())
        counted = [(profile(row)["one_year"], self.names.units[row["unit"]].name) for row in rows]
        counted = sorted((-n, name) for n, name in counted if n > 0)[:top]
        return [
            (name, self.figure(f"unit_{i}", with_params(computation, unit=name), -n, count))
            for i, (n, name) in enumerate(counted, 1)
        ]
