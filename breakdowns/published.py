"""The report's published figures, each recomputed from the records through the breakdowns.

fixtures/published_figures.csv holds each figure with a `computation` column: a metric name
plus the filter query string the breakdown pages take, e.g.
`metric=share&dimension=region&row=Europe&objective=main&year_from=2000&year_to=2010`.

Metrics: amount (the filtered total, or one row's amount with dimension + row), share (one
row's share of its breakdown's base), agreement_years, agreements, one_year_agreements,
multi_year_agreements (span of the agreement's funded years: last - first funded year),
agreement_years_le_100k, share_of_agreements_largest_le_1m, year_ratio (amount of `year` /
amount of `base_year`), rank (one row's rank by amount among its breakdown's rows; with
`among=countries` among countries only), share_shift (1 when the rows' summed share is larger in
`year` than in `base_year`, else 0); `against=plan_pledges` compares with the sum of the plans'
pledged amounts instead of the published value (funding/figure_checks.py).

Units and what "match" means: NOK, count, share, ratio_about (within the tolerance); share_min
(exceeds the value); rank (exactly this rank); rank_at_most (this rank or better); NOK_at_least
(at least the value); true (the statement holds: computed 1).

Status: "match" when the computed value meets the unit's condition, "differs" otherwise, "no
data" when the records hold nothing for the basis (no amount passes the filters, or the row or
year asked for has none).
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import figure_checks
from .dimensions import DIMENSIONS
from .filters import funding_filter
from .names import Reading

FIGURES = Path(settings.BASE_DIR) / "fixtures" / "published_figures.csv"
MATCH, DIFFERS, NO_DATA = "match", "differs", "no data"
STATUSES = {
    MATCH: _("matches within tolerance"),
    DIFFERS: _("differs"),
    NO_DATA: _("no data"),
}
PROFILE_METRICS = {
    "agreement_years": "agreement_years",
    "agreements": "agreements",
    "one_year_agreements": "one_year",
    "multi_year_agreements": "multi_year",
    "agreement_years_le_100k": "agreement_years_le_small",
}
METRIC_PARAMS = ("metric", "dimension", "row", "year", "base_year", "among", "against")
CONDITIONS = {  # unit -> how the computed value must compare with the published one
    "share_min": (lambda computed, value, tolerance: computed > value, _("must exceed")),
    "rank": (lambda computed, value, tolerance: computed == value, _("exactly this rank")),
    "rank_at_most": (
        lambda computed, value, tolerance: computed <= value,
        _("this rank or better"),
    ),
    "NOK_at_least": (lambda computed, value, tolerance: computed >= value, _("at least")),
    "true": (lambda computed, value, tolerance: computed == 1, _("must hold")),
}
WITHIN = (lambda computed, value, tolerance: abs(computed - value) <= tolerance, None)
NO_DIFFERENCE = ("rank", "rank_at_most", "true")  # a difference of ranks or truths says nothing
UNITS = ("NOK", "count", "share", "ratio_about", *CONDITIONS)


@dataclass
class Figure:
    key: str
    figure: str
    value: Decimal
    unit: str
    tolerance: Decimal
    basis: str
    quote: str
    computation: str
    computed: Decimal | None = None
    status: str = NO_DATA
    detail: list = field(default_factory=list)  # what a ranking, shift or pledge was checked on

    @property
    def condition(self):
        """How the computed value must compare with the published one, in words; None when it
        must be within the tolerance."""
        return CONDITIONS.get(self.unit, WITHIN)[1]

    @property
    def url(self):
        """The breakdown page behind the figure's computation."""
        query = QueryDict(self.computation)
        dimension = "year" if query.get("metric") == "year_ratio" else None
        dimension = dimension or query.get("dimension", "objective")
        return f"{reverse('breakdown', args=[dimension])}?{filter_query(query).urlencode()}"

    @property
    def status_label(self):
        return STATUSES[self.status]

    @property
    def difference(self):
        if self.computed is None or self.value is None or self.unit in NO_DIFFERENCE:
            return None
        return self.computed - self.value


def load_figures(path=None):
    path = path or FIGURES
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    figures = []
    for line, row in enumerate(rows, start=2):
        try:
            value, tolerance = Decimal(row["value"]), Decimal(row["tolerance"])
        except ArithmeticError:
            raise ValueError(
                f"{path.name} line {line}: value {row['value']!r} or tolerance "
                f"{row['tolerance']!r} is not a number."
            ) from None
        if row["unit"] not in UNITS:
            raise ValueError(
                f"{path.name} line {line}: unit {row['unit']!r} is not one of {', '.join(UNITS)}."
            )
        fields = {name: row[name] for name in ("key", "figure", "unit", "basis", "quote")}
        figures.append(
            Figure(**fields, value=value, tolerance=tolerance, computation=row["computation"])
        )
    return figures


def filter_query(query):
    """A computation's filters alone: the query string a breakdown page takes."""
    data = query.copy()
    for name in METRIC_PARAMS:
        data.pop(name, None)
    return data


def status_counts(figures):
    """How many figures have each status."""
    return {status: sum(figure.status == status for figure in figures) for status in STATUSES}


def compute(computation):
    """The value a computation string gives on the records; None when they hold no data."""
    return evaluate(computation)[0]


def evaluate(computation, reading=None):
    """(value, detail): the computed value and what it was checked against (figure_checks)."""
    query, reading = QueryDict(computation), reading or Reading()
    f = funding_filter(filter_query(query))
    if not f.is_valid():
        raise ValueError(f"{computation!r}: {f.errors.as_text()}")
    if query.get("metric") == "rank":
        return figure_checks.ranking(query, f.qs, reading)
    if query.get("metric") == "share_shift":
        return figure_checks.share_shift(query, f.qs, reading)
    return computed_value(query, f.qs, reading), []


def computed_value(query, amounts, reading):
    """The value of a computation on `amounts` (its filtered facts), read through `reading`."""
    computation, metric = query.urlencode(), query.get("metric")
    if metric in PROFILE_METRICS or metric == "share_of_agreements_largest_le_1m":
        profile = reading.profile(amounts)
        if not profile["agreement_years"]:
            return None
        if metric in PROFILE_METRICS:
            return Decimal(profile[PROFILE_METRICS[metric]])
        return (Decimal(profile["largest_le_medium"]) / profile["agreements"]).quantize(
            Decimal("0.0001")
        )
    if metric == "year_ratio":
        years = reading.table(DIMENSIONS["year"], amounts)
        year, base = years.row(int(query["year"])), years.row(int(query["base_year"]))
        if year is None or base is None or not base.amount:
            return None
        return (year.amount / base.amount).quantize(Decimal("0.0001"))
    if metric in ("amount", "share") and query.get("dimension"):
        table = reading.table(DIMENSIONS[query["dimension"]], amounts)
        row = table.row(query["row"])
        if row is None:
            return None
        return row.amount if metric == "amount" else row.share
    if metric == "amount":
        summary = reading.summary(amounts)
        return summary["total"] if summary["agreement_years"] else None
    raise ValueError(f"{computation!r}: unknown metric {metric!r}.")


def status(figure):
    if figure.computed is None or figure.value is None:
        return NO_DATA
    holds = CONDITIONS.get(figure.unit, WITHIN)[0]
    return MATCH if holds(figure.computed, figure.value, figure.tolerance) else DIFFERS


def reconcile(path=None):
    """Every published figure with its computed value and status."""
    figures, reading = load_figures(path), Reading()  # names and tables, each read once
    for figure in figures:
        figure.computed, figure.detail = evaluate(figure.computation, reading)
        if QueryDict(figure.computation).get("against") == "plan_pledges":
            figure.value, figure.detail = figure_checks.plan_pledges()
        figure.status = status(figure)
    return figures


def snapshot(path=None):
    """Every published figure's computed value now, {key: text or None}, for a closed year."""
    return {f.key: None if f.computed is None else str(f.computed) for f in reconcile(path)}
