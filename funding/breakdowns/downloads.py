"""A breakdown table as CSV, XLSX or JSON: the rows, filters and totals the page shows.

Text cells that a spreadsheet would read as a formula (starting with = + - @ tab or CR) are
prefixed with a quote; numbers stay numbers in XLSX.
"""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse

from web.spreadsheets import escape

FORMATS = ("csv", "xlsx", "json")


def preamble(table, applied_query):
    return [
        ["dimension", table.dimension.slug],
        ["by", table.by],
        ["filters", applied_query],
        ["basis", table.basis],
        [],
    ]


def plain(value):
    return "" if value is None else value


def csv_text(table, applied_query):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in preamble(table, applied_query) + table.cells():
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
    for cells in preamble(table, applied_query) + table.cells():
        sheet.append([escape(plain(cell)) for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def download(table, filterset, fmt):
    """The response for `?format=`; None if `fmt` is not a download format."""
    filename = f"breakdown-{table.dimension.slug}" + (f"-by-{table.by}" if table.by else "")
    if fmt == "csv":
        return as_csv(table, filterset.query_string(), filename)
    if fmt == "xlsx":
        return as_xlsx(table, filterset.query_string(), filename)
    if fmt == "json":
        data = table.as_data(filterset.applied())
        return JsonResponse(data, json_dumps_params={"indent": 1})
    return None


def dumps(table, filterset):
    return json.dumps(table.as_data(filterset.applied()), indent=1, ensure_ascii=False)
