"""The yearly report as a Word document (python-docx): real headings (Title, Heading 1 to 4),
paragraphs, bullet lists and the footnotes after each section, so that staff edit it in Word
as they do today; the draft's notes in the Quote style, labelled.

Word shows text as text (no markup, no formulas), but control characters make its XML
invalid: every string goes through `clean`.
"""

import re
from io import BytesIO

from docx import Document
from docx.shared import Pt

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text):
    """`text` without the control characters Word's XML cannot hold."""
    return CONTROL.sub("", str(text))


def add_parts(paragraph, parts):
    """Text, figures (their text) and footnote references (superscript numbers)."""
    for part in parts:
        number = getattr(part, "number", None)
        run = paragraph.add_run(clean(number if number is not None else part))
        run.font.superscript = number is not None


def write_element(document, element):
    if element.kind == "h":
        document.add_heading(clean(element.text), element.level)
    elif element.kind == "p":
        add_parts(document.add_paragraph(), element.parts)
    elif element.kind == "ul":
        for item in element.items:
            add_parts(document.add_paragraph(style="List Bullet"), item)
    elif element.kind == "notes":
        for number, text in element.notes:
            paragraph = document.add_paragraph()
            paragraph.add_run(str(number)).font.superscript = True
            paragraph.add_run(" " + clean(text)).font.size = Pt(9)
    elif element.kind == "draft":
        paragraph = document.add_paragraph(style="Quote")
        if element.label:
            paragraph.add_run(clean(element.label) + ": ").bold = True
        paragraph.add_run(clean(element.text))


def write_docx(report):
    """The report (followup.document.Document) as the bytes of a .docx file."""
    document = Document()
    document.add_heading(clean(report.title), 0)
    for element in report.elements:
        write_element(document, element)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
