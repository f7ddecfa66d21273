"""A breakdown table as CSV, XLSX or JSON: the rows, filters and totals the page shows, after
a preamble that says what the table is (dimension, by, filters, share basis).

The files are written by web.downloads, as every table download is: text cells that a
spreadsheet would read as a formula (starting with = + - @ tab or CR) are prefixed with a
quote; numbers stay numbers in XLSX.
"""

import json

from django.http import JsonResponse

from web import downloads
from web.downloads import FORMATS, csv_download, xlsx_download

__all__ = ["FORMATS", "csv_text", "download", "dumps"]


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


def sheet(table, applied_query):
    """The preamble and the table as rows of cells, empty cells as empty text."""
    return [[plain(cell) for cell in row] for row in preamble(table, applied_query) + table.cells()]


def csv_text(table, applied_query):
    return downloads.csv_text(sheet(table, applied_query))


def download(table, filterset, fmt):
    """The response for `?format=`; None if `fmt` is not a download format."""
    filename = f"breakdown-{table.dimension.slug}" + (f"-by-{table.by}" if table.by else "")
    if fmt == "csv":
        return csv_download(filename, sheet(table, filterset.query_string()))
    if fmt == "xlsx":
        rows = sheet(table, filterset.query_string())
        return xlsx_download(filename, rows, title=table.dimension.slug)
    if fmt == "json":
        data = table.as_data(filterset.applied())
        return JsonResponse(data, json_dumps_params={"indent": 1})
    return None


def dumps(table, filterset):
    return json.dumps(table.as_data(filterset.applied()), indent=1, ensure_ascii=False)
