"""A table as a CSV, XLSX or JSON download, for any page that shows one.

`csv_text`, `csv_download` and `xlsx_download` write any rows of cells (the breakdowns'
downloads, with their preamble, use them too). A `Table` is its columns (a key for JSON, a
label for the CSV and XLSX header) and its rows of plain values: text, numbers, dates or None.
Text that a spreadsheet would run as a formula is escaped (history.spreadsheets); numbers and
dates stay numbers and dates in XLSX; dates are YYYY-MM-DD in CSV and JSON, and None is an
empty cell (null in JSON).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import HttpResponse, JsonResponse
from django.utils.functional import Promise

from history.spreadsheets import escape

FORMATS = ("csv", "xlsx", "json")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    name: str  # the file name, without extension
    columns: list  # [(key, label)]
    rows: list  # [[value, …]], in the order of the columns
    about: dict = field(default_factory=dict)  # JSON only: what the table shows

    @property
    def labels(self):
        return [label for _, label in self.columns]


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return escape(str(value))


def json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def as_csv(table):
    return csv_download(table.name, [table.labels, *table.rows])


def csv_text(rows):
    """The rows of cells as CSV text."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_download(name, rows):
    """The rows of cells as the CSV attachment `name`.csv."""
    return attachment(HttpResponse(csv_text(rows), "text/csv; charset=utf-8"), name, "csv")


def as_xlsx(table):
    return xlsx_download(table.name, [table.labels, *table.rows], header=1)


def xlsx_download(name, rows, header=0, title=None):
    """The rows of cells as the XLSX attachment `name`.xlsx, on a sheet called `title` (if
    given); dates below the first `header` rows are shown as dates."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title
    for number, row in enumerate(rows, start=1):
        sheet.append([escape(str(value) if isinstance(value, Promise) else value) for value in row])
        for column, value in enumerate(row, start=1):
            if number > header and isinstance(value, date):  # only cells that hold a value
                sheet.cell(number, column).number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), XLSX_TYPE), name, "xlsx")


def as_json(table):
    keys = [key for key, _ in table.columns]
    data = {
        **table.about,
        "columns": keys,
        "rows": [
            {key: json_value(value) for key, value in zip(keys, row, strict=True)}
            for row in table.rows
        ],
    }
    return JsonResponse(data, json_dumps_params={"indent": 1, "ensure_ascii": False})


def attachment(response, name, extension):
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


def download(table, fmt):
    """The response for `?format=csv|xlsx|json`; None for any other format."""
    return {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}.get(fmt, lambda table: None)(table)
