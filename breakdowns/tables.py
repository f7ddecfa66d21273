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
from web.formats import nok

from . import charts
from .dimensions import Dimension
from .labels import named_totals

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
        if not self.dimension.geographic_basis:
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
    base_nok = nok(base, 2, code=True)
    if dimension.geographic_basis:
        text = gettext(
            "Shares are of the geographically allocated total (%(base)s): the amounts to "
            "recipients in every region except “Not geographically allocated”. Regional "
            "recipients count in their region; the not geographically allocated row (e.g. "
            "Global) is shown but is excluded from the base and has no share."
        ) % {"base": base_nok}
    else:
        text = gettext("Shares are of the grand total (%(base)s).") % {"base": base_nok}
    return f"{text} {dimension.note}" if dimension.note else text


def breakdown(dimension, queryset, sort=None, link=None, grouped_rows=None, linked=None):
    """The breakdown of the (filtered) yearly amounts `queryset` by `dimension`; with
    `link(target, parameter, value)`, each row gets its drill-down `url` (only the first
    `linked` rows in order, if given: the overview shows ten of 261 countries). `grouped_rows`,
    if given, are the dimension's grouped rows already computed (see `breakdowns`)."""
    sort = checked(sort or dimension.default_sort, Breakdown)
    if grouped_rows is None:
        grouped_rows = dimension.grouped(queryset)
    rows = [
        Row(
            key=dimension.key(grouped),
            label=dimension.label(grouped),
            amount=Decimal(grouped["total"]).quantize(ORE),
            agreements=grouped["agreements"],
            agreement_years=grouped["agreement_years"],
            in_base=dimension.in_base(grouped),
        )
        for grouped in grouped_rows
    ]
    total = sum((row.amount for row in rows), Decimal(0))
    base = sum((row.amount for row in rows if row.in_base), Decimal(0))
    for row in rows:
        if row.in_base and base:
            row.share = (row.amount / base).quantize(SHARE)
    if dimension.one_per_agreement:
        agreements = sum(row.agreements for row in rows)
        agreement_years = sum(row.agreement_years for row in rows)
    else:  # the groups' counts of each agreement's first fact and of facts (FactQuerySet.once)
        agreements = sum(grouped["firsts"] for grouped in grouped_rows)
        agreement_years = sum(grouped["leads"] for grouped in grouped_rows)
    if link is not None:
        groups = {id(row): grouped for row, grouped in zip(rows, grouped_rows, strict=True)}
    rows = sort_rows(rows, sort, Breakdown.SORTS)
    for row in rows[:linked] if link is not None else ():
        row.url = dimension.url(groups[id(row)], link)
        row.page = dimension.page_url(groups[id(row)])
    return Breakdown(dimension, rows, total, base, agreements, agreement_years, sort)


def breakdowns(dimensions, queryset, link=None, finest=None, linked=None):
    """The breakdowns by several `dimensions` from one grouped query: grouped by all their
    fields together, then added up per dimension. Exact for dimensions of the agreement's own
    fields (one_per_agreement, plain fields): each agreement falls in one finest group, so its
    agreement counts add up too. `finest`: those groups, if already computed; `linked`: {slug:
    how many rows get links} (breakdown()). {slug: Breakdown}."""
    if finest is None:
        fields = list(dict.fromkeys(field for d in dimensions for field in d.fields))
        finest = named_totals(queryset, fields)
    tables = {}
    for dimension in dimensions:
        if dimension.grouping or not dimension.one_per_agreement:
            raise ValueError(f"{dimension.slug} cannot be added up from finer groups.")
        grouped_rows = rolled_up(finest, dimension.fields)
        top = (linked or {}).get(dimension.slug)
        tables[dimension.slug] = breakdown(
            dimension, queryset, link=link, grouped_rows=grouped_rows, linked=top
        )
    return tables


def rolled_up(finest, fields):
    """The rows of `finest` added up by `fields`."""
    groups = {}
    for row in finest:
        key = tuple(row[field] for field in fields)
        group = groups.setdefault(
            key, {**dict(zip(fields, key, strict=True)), "total": 0, "agreements": 0}
        )
        group["total"] += row["total"]
        group["agreements"] += row["agreements"]
        group["agreement_years"] = group.get("agreement_years", 0) + row["agreement_years"]
    return list(groups.values())


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


def by_year(dimension, queryset, sort=None, link=None):
    """The dimension by year matrix of amounts, with row and column totals."""
    sort = checked(sort or dimension.default_sort, Matrix)
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
    rows = sort_rows(rows, sort, Matrix.SORTS)
    column_totals = [sum((row.cells[i] for row in rows), Decimal(0)) for i in range(len(years))]
    total = sum(column_totals, Decimal(0))
    return Matrix(dimension, years, rows, column_totals, total, sort)
