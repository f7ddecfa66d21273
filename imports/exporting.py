"""Export of every agreement in the wide project-list layout, which the importer reads back
unchanged (export → import changes nothing)."""

import csv
import io

from openpyxl import Workbook

from funding.models import YearlyAmount
from history.spreadsheets import escape
from projects.models import Agreement, ProjectMeasure

from .schema import SCHEMA

STATUS_ORDER = {status: i for i, status in enumerate(YearlyAmount.Status.values)}  # planned first
HEADER = SCHEMA.written("number", "title", "channel", "recipient", "unit", "objective", "measures")


def year_columns():
    pairs = YearlyAmount.objects.order_by().values_list("year", "status").distinct()
    return sorted(pairs, key=lambda p: (p[0], STATUS_ORDER[p[1]]))


def wide_rows():
    """Yield the header, then one row per agreement: text cells escaped, amounts as Decimal."""
    columns = year_columns()
    position = {pair: i for i, pair in enumerate(columns)}
    yield HEADER + [f"{year} ({status})" for year, status in columns]
    measures = {}
    for project, number, share in ProjectMeasure.objects.order_by(
        "project_id", "measure__number"
    ).values_list("project_id", "measure__number", "share"):
        measures.setdefault(project, []).append(f"{number} ({share:.2f}%)")
    amounts = YearlyAmount.objects.order_by("agreement_id").values_list(
        "agreement_id", "year", "status", "amount"
    )
    amounts = iter(amounts.iterator(chunk_size=5000))
    pending = next(amounts, None)
    agreements = Agreement.objects.order_by("id").values_list(
        "id",
        "number",
        "project__title",
        "project__channel__name",
        "project__recipient__name",
        "unit__name",
        "project__objective",
        "project_id",
    )
    for pk, number, title, channel, recipient, unit, objective, project in agreements.iterator(
        chunk_size=5000
    ):
        cells = [""] * len(columns)
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                cells[position[(pending[1], pending[2])]] = pending[3]
            pending = next(amounts, None)
        text = [number or "", title, channel, recipient, unit, objective]
        text.append("; ".join(measures.get(project, [])))
        yield [escape(t) for t in text] + cells


class _Echo:
    def write(self, value):
        return value


def csv_lines():
    """The export as CSV lines (UTF-8 with BOM, for Excel), for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in wide_rows():
        yield writer.writerow(row)


def xlsx_bytes():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Project list")
    for row in wide_rows():
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
