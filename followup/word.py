"""The yearly report as a Word document (python-docx): real headings (Heading 1 to 3), paragraphs
and tables, so that staff edit the draft in Word as they do today.

Word shows text as text (no markup, no formulas), but control characters make its XML
invalid: every string goes through `clean`.
"""

import re
from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document

from web.formats import nok

from .report import SUMMARY_HEADING, status_text

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text):
    """`text` without the control characters Word's XML cannot hold."""
    return CONTROL.sub("", str(text))


def heading(document, text, level):
    return document.add_heading(clean(text), level)


def paragraph(document, text="", style=None):
    return document.add_paragraph(clean(text), style=style)


def table(document, header, rows):
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = clean(text)
    for row in rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = clean(text)
    return grid


def introduction(document, report):
    heading(document, _("1. Introduction"), 1)
    paragraph(document, report.introduction)
    for goal, lines in report.goals:
        heading(document, goal, 3)
        for line in lines:
            paragraph(document, line.measure, style="List Bullet")


def summary(document, report):
    heading(document, _("2. Summary"), 1)
    heading(document, str(SUMMARY_HEADING), 2)
    for parts in report.summary:
        paragraph(document, "".join(str(part) for part in parts))


def entry(document, item):
    effort = item.effort
    title = paragraph(document)
    title.add_run(clean(effort.title)).bold = True
    if effort.narrative:
        paragraph(document, effort.narrative)
    if item.projects:
        table(
            document,
            [_("Project"), _("Channel"), _("Recipient"), f"NOK {effort.year}"],
            [
                [p.project.title, p.project.channel, p.project.recipient, nok(p.amount)]
                for p in item.projects
            ],
        )
    if effort.source:
        paragraph(document, _("Source: %(source)s") % {"source": effort.source}, style="Quote")


def section(document, part):
    line = part.line
    heading(document, part.heading, 1)
    paragraph(document, status_text(line))
    for region in part.regions:
        if region.heading:
            heading(document, region.heading, 2)
        for place in region.places:
            if place.heading:
                heading(document, place.heading, 3)
            for item in place.entries:
                entry(document, item)


def unrecorded(document, report):
    heading(document, _("Measures with nothing recorded for %(year)s") % {"year": report.year}, 1)
    for line in report.unrecorded:
        paragraph(document, line.measure, style="List Bullet")


def write_docx(report):
    """The report as the bytes of a .docx file."""
    document = Document()
    document.add_heading(clean(report.title), 0)
    introduction(document, report)
    summary(document, report)
    if report.empty:
        paragraph(document, _("Nothing is recorded for %(year)s.") % {"year": report.year})
    for part in report.sections:
        section(document, part)
    if report.unrecorded:
        unrecorded(document, report)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
