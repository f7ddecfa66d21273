"""The breakdown tables (by one dimension, or by dimension and year), each from one grouped SQL
query; the rows always add up to the total, to the øre.

Shares are computed here, in Python, from the grouped rows (a window over an aggregate fails in
the ORM): of the geographically allocated total for regions and countries, of the grand total
otherwise.

Both tables answer the same questions, so no caller asks which one it has: `by` ("" or "year"),
`basis` (the share basis, said under the table), `sort` (the sort applied), `columns` (the
sortable columns the page shows), `cells()` (the rows of a spreadsheet), `as_data(filters)` (the
JSON document) and `chart()` (the chart's geometry).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from funding.models import ORE
from projects.models import Channel
from web.formats import nok

from . import charts
from .dimensions import Dimension

SHARE = Decimal("0.0001")
BASE_LABEL = _("Geographically allocated total (share base)")


def text(value):
    return None if value is None else str(value)


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
    page: str | None = None  # the organisation's own page, for rows that are organisations
    group: object = None  # the dimensions.Group the row is


@dataclass
class Breakdown:
    dimension: Dimension
    rows: list
    total: Decimal
    base: Decimal
    agreements: int
    agreement_years: int
    sort: str

    by = ""
    # sort name -> row attribute; every one but the key is a column of the page
    SORTS = {
        name: name for name in ("key", "label", "amount", "share", "agreements", "agreement_years")
    }
    columns = tuple(SORTS)[1:]
    UNSORTABLE = _("Cannot sort by %(sort)r; choose one of %(choices)s.")

    @property
    def basis(self):
        return basis_text(self.dimension, self.base)

    def row(self, key):
        return next((row for row in self.rows if row.key == key), None)

    def cells(self):
        """The table as rows of cells: a header, one row per line, the base and total rows."""
        header = ["key", "label", "amount", "share", "agreements", "agreement_years"]
        lines = [
            [row.key, row.label, row.amount, row.share, row.agreements, row.agreement_years]
            for row in self.rows
        ]
        whole = Decimal(1) if self.base else None
        total = ["", gettext("Total"), self.total, None, self.agreements, self.agreement_years]
        if not self.dimension.geographic:
            total[3] = whole
            return [header, *lines, total]
        return [header, *lines, ["", str(BASE_LABEL), self.base, whole, None, None], total]

    def as_data(self, filters):
        """The JSON document: amounts and shares as decimal strings."""
        return {
            "dimension": self.dimension.slug,
            "filters": filters,
            "basis": self.basis,
            "base": str(self.base),
            "total": str(self.total),
            "agreements": self.agreements,
            "agreement_years": self.agreement_years,
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "amount": str(row.amount),
                    "share": text(row.share),
                    "agreements": row.agreements,
                    "agreement_years": row.agreement_years,
                }
                for row in self.rows
            ],
        }

    def chart(self):
        return charts.bars((row.label, row.amount) for row in self.rows)


def basis_text(dimension, base):
    base_nok = nok(base, code=True)
    if dimension.geographic:
        text = gettext(
            "Shares are of the geographically allocated total (%(base)s): the amounts to "
            "recipients in every region except “Not geographically allocated”. Regional "
            "recipients count in their region; the not geographically allocated row (e.g. "
            "Global) is shown but is excluded from the base and has no share."
        ) % {"base": base_nok}
    else:
        text = gettext("Shares are of the grand total (%(base)s).") % {"base": base_nok}
    return f"{text} {dimension.note}" if dimension.note else text


def breakdown(dimension, facts, sort=None, link=None, grouped=None, linked=None, names=None):
    """The breakdown of the (filtered) funding facts `facts` by `dimension`; with
    `link(target, parameter, value)`, each row gets its drill-down `url` (only the first
    `linked` rows in order, if given: the overview shows ten of 261 countries). `grouped`, if
    given, are the dimension's grouped rows already computed (Dimension.grouped); `names`, the
    reference records that name them (breakdowns.names), if already read."""
    sort = checked(sort or dimension.default_sort, Breakdown)
    if grouped is None:
        grouped = dimension.grouped(facts, names=names)
    rows = [
        Row(
            key=item["group"].key,
            label=item["group"].label,
            amount=Decimal(item["total"]).quantize(ORE),
            agreements=item["agreements"],
            agreement_years=item["agreement_years"],
            in_base=item["group"].in_base,
            group=item["group"],
        )
        for item in grouped
    ]
    total = sum((row.amount for row in rows), Decimal(0))
    base = sum((row.amount for row in rows if row.in_base), Decimal(0))
    for row in rows:
        if row.in_base and base:
            row.share = (row.amount / base).quantize(SHARE)
    agreements = sum(item["counted_agreements"] for item in grouped)
    agreement_years = sum(item["counted_years"] for item in grouped)
    rows = sort_rows(rows, sort, Breakdown.SORTS)
    for row in rows[:linked] if link is not None else ():
        row.url = drill_url(dimension, row.group, link)
        row.page = organisation_page(row.group.page)
    return Breakdown(dimension, rows, total, base, agreements, agreement_years, sort)


def drill_url(dimension, group, link):
    """The row's drill-down URL from `link(target, parameter, value)`, or None."""
    if link is None or dimension.drill is None or group.drill is None:
        return None
    return link(dimension.drill.target, dimension.drill.parameter, group.drill)


def organisation_page(pk):
    """An organisation's own page (served by an app above this one: get_absolute_url)."""
    return None if pk is None else Channel(pk=pk).get_absolute_url()


def checked(sort, table):
    """`sort` if it names one of the `table` class's SORTS (`-name` too), else ValueError."""
    if sort.lstrip("-") not in table.SORTS:
        raise ValueError(table.UNSORTABLE % {"sort": sort, "choices": ", ".join(table.SORTS)})
    return sort


def sort_rows(rows, sort, sorts):
    """`rows` sorted by one column (`sorts` maps its name to the row attribute; `-name` sorts
    descending): text regardless of case, ties by label, rows without a value last."""
    attribute = sorts[sort.lstrip("-")]

    def value(row):
        item = getattr(row, attribute)
        return item.casefold() if isinstance(item, str) else item

    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    present.sort(key=lambda row: (value(row), str(row.label).casefold()), reverse=sort[0] == "-")
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
    sort: str

    by = "year"
    basis = ""  # amounts only: no shares
    SORTS = {"key": "key", "label": "label", "amount": "total"}
    columns = ("label", "amount")
    UNSORTABLE = _("Cannot sort the by-year table by %(sort)r; choose one of %(choices)s.")

    def cells(self):
        """The table as rows of cells: a header of years, one row per line, the total row."""
        header = ["key", "label", *self.years, "total"]
        lines = [[row.key, row.label, *row.cells, row.total] for row in self.rows]
        return [header, *lines, ["", gettext("Total"), *self.column_totals, self.total]]

    def as_data(self, filters):
        """The JSON document: amounts as decimal strings, by year."""
        return {
            "dimension": self.dimension.slug,
            "by": "year",
            "filters": filters,
            "years": self.years,
            "total": str(self.total),
            "column_totals": [str(value) for value in self.column_totals],
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "amounts": {str(y): str(v) for y, v in zip(self.years, row.cells, strict=True)},
                    "total": str(row.total),
                }
                for row in self.rows
            ],
        }

    def chart(self):
        return charts.stacked(self)


def by_year(dimension, facts, sort=None, link=None):
    """The dimension by year matrix of amounts, with row and column totals."""
    sort = checked(sort or dimension.default_sort, Matrix)
    cells, groups = {}, {}
    for item in dimension.grouped(facts, by_year=True, counted=False):
        group = item["group"]
        groups[group.key] = group
        cells[group.key, item["year"]] = Decimal(item["total"]).quantize(ORE)
    years = sorted({year for _key, year in cells})
    rows = []
    for key, group in groups.items():
        values = [cells.get((key, year), Decimal(0)) for year in years]
        url = drill_url(dimension, group, link)
        rows.append(MatrixRow(key, group.label, values, sum(values, Decimal(0)), url))
    rows = sort_rows(rows, sort, Matrix.SORTS)
    column_totals = [sum((row.cells[i] for row in rows), Decimal(0)) for i in range(len(years))]
    total = sum(column_totals, Decimal(0))
    return Matrix(dimension, years, rows, column_totals, total, sort)
