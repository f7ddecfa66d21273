"""A table as a CSV, XLSX or JSON download, for any page that shows one.

A `Table` is its columns (a key for JSON, a label for the CSV and XLSX header) and its rows of
plain values: text, numbers, dates or None. Text that a spreadsheet would run as a formula is
escaped (web.spreadsheets); numbers and dates stay numbers and dates in XLSX; dates are
YYYY-MM-DD in CSV and JSON, and None is an empty cell (null in JSON).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import HttpResponse, JsonResponse

from .spreadsheets import escape

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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_text(label) for label in table.labels])
    writer.writerows([cell_text(value) for value in row] for row in table.rows)
    return attachment(HttpResponse(buffer.getvalue(), "text/csv; charset=utf-8"), table, "csv")


def as_xlsx(table):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([escape(label) for label in table.labels])
    for row in table.rows:
        sheet.append([escape(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), XLSX_TYPE), table, "xlsx")


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


def attachment(response, table, extension):
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{extension}"'
    return response


def download(table, fmt):
    """The response for `?format=csv|xlsx|json`; None for any other format."""
    return {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}.get(fmt, lambda table: None)(table)
