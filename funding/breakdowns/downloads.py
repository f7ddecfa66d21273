"""A breakdown table as CSV, XLSX or JSON: the rows, filters and totals the page shows.

Text cells that a spreadsheet would read as a formula (starting with = + - @ tab or CR) are
prefixed with a quote; numbers stay numbers in XLSX.
"""

import csv
import io
import json
from decimal import Decimal

from django.http import HttpResponse, JsonResponse

from funding.spreadsheets import escape

from .tables import Matrix

FORMATS = ("csv", "xlsx", "json")
BASE_LABEL = "Geographically allocated total (share base)"


def table_cells(table):
    """The table as rows of cells: a header, one row per line, and the total row."""
    if isinstance(table, Matrix):
        header = ["key", "label", *table.years, "total"]
        lines = [[row.key, row.label, *row.cells, row.total] for row in table.rows]
        return [header, *lines, ["", "Total", *table.column_totals, table.total]]
    header = ["key", "label", "amount", "share", "agreements", "agreement_years"]
    lines = [
        [row.key, row.label, row.amount, row.share, row.agreements, row.agreement_years]
        for row in table.rows
    ]
    total = ["", "Total", table.total, None, table.agreements, table.agreement_years]
    if table.dimension.geographic_basis:
        base = ["", BASE_LABEL, table.base, Decimal(1) if table.base else None, None, None]
        return [header, *lines, base, total]
    total[3] = Decimal(1) if table.base else None
    return [header, *lines, total]


def preamble(table, applied_query):
    return [
        ["dimension", table.dimension.slug],
        ["by", "year" if isinstance(table, Matrix) else ""],
        ["filters", applied_query],
        ["basis", "" if isinstance(table, Matrix) else table.basis],
        [],
    ]


def plain(value):
    return "" if value is None else value


def csv_text(table, applied_query):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in preamble(table, applied_query) + table_cells(table):
        writer.writerow([escape(str(plain(cell))) for cell in cells])
    return buffer.getvalue()


def as_csv(table, applied_query, filename):
    response = HttpResponse(csv_text(table, applied_query), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def as_xlsx(table, applied_query, filename):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.dimension.slug
    for cells in preamble(table, applied_query) + table_cells(table):
        sheet.append([escape(plain(cell)) for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def text(value):
    return None if value is None else str(value)


def as_data(table, applied):
    """The JSON document: amounts and shares as decimal strings."""
    if isinstance(table, Matrix):
        return {
            "dimension": table.dimension.slug,
            "by": "year",
            "filters": applied,
            "years": table.years,
            "total": str(table.total),
            "column_totals": [str(value) for value in table.column_totals],
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "amounts": {
                        str(y): str(v) for y, v in zip(table.years, row.cells, strict=True)
                    },
                    "total": str(row.total),
                }
                for row in table.rows
            ],
        }
    return {
        "dimension": table.dimension.slug,
        "filters": applied,
        "basis": table.basis,
        "base": str(table.base),
        "total": str(table.total),
        "agreements": table.agreements,
        "agreement_years": table.agreement_years,
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "amount": str(row.amount),
                "share": text(row.share),
                "agreements": row.agreements,
                "agreement_years": row.agreement_years,
            }
            for row in table.rows
        ],
    }


def download(table, filterset, fmt):
    """The response for `?format=`; None if `fmt` is not a download format."""
    filename = f"breakdown-{table.dimension.slug}" + (
        "-by-year" if isinstance(table, Matrix) else ""
    )
    if fmt == "csv":
        return as_csv(table, filterset.query_string(), filename)
    if fmt == "xlsx":
        return as_xlsx(table, filterset.query_string(), filename)
    if fmt == "json":
        return JsonResponse(as_data(table, filterset.applied()), json_dumps_params={"indent": 1})
    return None


def dumps(table, filterset):
    return json.dumps(as_data(table, filterset.applied()), indent=1, ensure_ascii=False)
