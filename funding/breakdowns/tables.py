"""The breakdown tables (by one dimension, or by dimension and year), each from one grouped SQL
query; the rows always add up to the total, to the øre.

Shares are computed here, in Python, from the grouped rows (a
window over an aggregate fails in the ORM): of the geographically allocated total for regions
and countries, of the grand total otherwise.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from funding.models import ORE

from .dimensions import NO_MEASURE, Dimension, describe

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
    drill: tuple | None = None


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
    if dimension.slug == "measure":
        text += (
            " Each yearly amount is split by its project's measure shares, in øre, the øre left "
            "by rounding down going to the largest remainders, so the parts add up to the "
            f"amount exactly; projects without measures show as “{NO_MEASURE}”. An agreement "
            "serving several measures counts in each of their rows' agreement columns, but its "
            "money only once."
        )
    elif not dimension.one_per_agreement:
        text += " An agreement funded in several years counts in each year's agreement column."
    return text


def grouped_rows(dimension, queryset, by_year=False):
    """The grouped query's rows (dicts with total, agreements, agreement_years)."""
    if dimension.slug == "measure":
        return queryset.totals_by_measure(by_year=by_year)
    fields = dimension.fields + (("year",) if by_year and dimension.slug != "year" else ())
    return list(queryset.totals_by(*fields))


def breakdown(dimension, queryset, sort=None):
    """The breakdown of the (filtered) yearly amounts `queryset` by `dimension`."""
    rows = []
    for grouped in grouped_rows(dimension, queryset):
        key, label, in_base, drill = describe(dimension, grouped)
        amount = Decimal(grouped["total"]).quantize(ORE)
        rows.append(
            Row(key, label, amount, grouped["agreements"], grouped["agreement_years"], in_base)
        )
        rows[-1].drill = drill
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
    drill: tuple | None = None


@dataclass
class Matrix:
    dimension: Dimension
    years: list
    rows: list
    column_totals: list
    total: Decimal
    extra: dict = field(default_factory=dict)


def by_year(dimension, queryset, sort=None):
    """The dimension by year matrix of amounts, with row and column totals."""
    cells, labels = {}, {}
    for grouped in grouped_rows(dimension, queryset, by_year=True):
        key, label, _in_base, drill = describe(dimension, grouped)
        labels[key] = (label, drill)
        amount = Decimal(grouped["total"]).quantize(ORE)
        cells[key, grouped["year"]] = cells.get((key, grouped["year"]), Decimal(0)) + amount
    years = sorted({year for _key, year in cells})
    rows = []
    for key, (label, drill) in labels.items():
        values = [cells.get((key, year), Decimal(0)) for year in years]
        rows.append(MatrixRow(key, label, values, sum(values, Decimal(0)), drill))
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
