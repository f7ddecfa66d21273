"""The breakdown tables (by one dimension, or by dimension and year), each from one grouped SQL
query; the rows always add up to the total, to the øre.

Shares are computed here, in Python, from the grouped rows (a
window over an aggregate fails in the ORM): of the geographically allocated total for regions
and countries, of the grand total otherwise.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from funding.models import ORE

from .dimensions import Dimension

SHARE = Decimal("0.0001")


@dataclass
class Row:
    key: object
    label: str
    amount: Decimal
    agreements: int
    agreement_years: int
    in_base: bool = True
    share: Decimal | None = None
    url: str | None = None  # the drill-down link, when the table was built with `link`


@dataclass
class Breakdown:
    dimension: Dimension
    rows: list
    total: Decimal
    base: Decimal
    agreements: int
    agreement_years: int

    @property
    def basis(self):
        return basis_text(self.dimension, self.base)

    def row(self, key):
        return next((row for row in self.rows if row.key == key), None)


def basis_text(dimension, base):
    base_nok = f"NOK {base:,.2f}".replace(",", "\u202f")
    if dimension.geographic_basis:
        text = (
            f"Shares are of the geographically allocated total ({base_nok}): the amounts to "
            "recipients in every region except “Not geographically allocated”. Regional "
            "recipients count in their region; the not geographically allocated row (e.g. "
            "Global) is shown but is excluded from the base and has no share."
        )
    else:
        text = f"Shares are of the grand total ({base_nok})."
    return f"{text} {dimension.note}" if dimension.note else text


def breakdown(dimension, queryset, sort=None, link=None):
    """The breakdown of the (filtered) yearly amounts `queryset` by `dimension`; with
    `link(target, parameter, value)`, each row gets its drill-down `url`."""
    rows = [
        Row(
            key=dimension.key(grouped),
            label=dimension.label(grouped),
            amount=Decimal(grouped["total"]).quantize(ORE),
            agreements=grouped["agreements"],
            agreement_years=grouped["agreement_years"],
            in_base=dimension.in_base(grouped),
            url=dimension.url(grouped, link),
        )
        for grouped in dimension.grouped(queryset)
    ]
    total = sum((row.amount for row in rows), Decimal(0))
    base = sum((row.amount for row in rows if row.in_base), Decimal(0))
    for row in rows:
        if row.in_base and base:
            row.share = (row.amount / base).quantize(SHARE)
    if dimension.one_per_agreement:
        agreements = sum(row.agreements for row in rows)
        agreement_years = sum(row.agreement_years for row in rows)
    else:
        summary = queryset.summary()
        agreements, agreement_years = summary["agreements"], summary["agreement_years"]
    rows = sort_rows(rows, sort or dimension.default_sort)
    return Breakdown(dimension, rows, total, base, agreements, agreement_years)


SORTS = ("key", "label", "amount", "share", "agreements", "agreement_years")


def sort_rows(rows, sort):
    """Rows sorted by one column; `-column` sorts descending. Empty values go last."""
    name = sort.lstrip("-")
    if name not in SORTS:
        raise ValueError(f"Cannot sort by {sort!r}; choose one of {', '.join(SORTS)}.")
    descending = sort.startswith("-")

    def value(row):
        item = getattr(row, name)
        return item.casefold() if isinstance(item, str) else item

    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    present.sort(key=lambda row: (value(row), str(row.label).casefold()), reverse=descending)
    return present + missing


@dataclass
class MatrixRow:
    key: object
    label: str
    cells: list
    total: Decimal
    url: str | None = None


@dataclass
class Matrix:
    dimension: Dimension
    years: list
    rows: list
    column_totals: list
    total: Decimal
    extra: dict = field(default_factory=dict)


def by_year(dimension, queryset, sort=None, link=None):
    """The dimension by year matrix of amounts, with row and column totals."""
    cells, labels = {}, {}
    for grouped in dimension.grouped(queryset, by_year=True):
        key = dimension.key(grouped)
        labels[key] = (dimension.label(grouped), dimension.url(grouped, link))
        amount = Decimal(grouped["total"]).quantize(ORE)
        cells[key, grouped["year"]] = cells.get((key, grouped["year"]), Decimal(0)) + amount
    years = sorted({year for _key, year in cells})
    rows = []
    for key, (label, url) in labels.items():
        values = [cells.get((key, year), Decimal(0)) for year in years]
        rows.append(MatrixRow(key, label, values, sum(values, Decimal(0)), url))
    sort = sort or ("key" if dimension.default_sort == "key" else "-amount")
    name = sort.lstrip("-")
    if name not in ("key", "label", "amount"):
        raise ValueError(f"Cannot sort the by-year table by {sort!r}; choose key, label or amount.")
    attribute = {"amount": "total"}.get(name, name)
    present = [row for row in rows if getattr(row, attribute) is not None]
    present.sort(
        key=lambda row: (getattr(row, attribute), row.label.casefold()),
        reverse=sort.startswith("-"),
    )
    rows = present + [row for row in rows if getattr(row, attribute) is None]
    column_totals = [sum((row.cells[i] for row in rows), Decimal(0)) for i in range(len(years))]
    total = sum(column_totals, Decimal(0))
    return Matrix(dimension, years, rows, column_totals, total)
