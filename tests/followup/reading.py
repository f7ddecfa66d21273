"""Reading the report back: headings and figures of the HTML page and of the Word file."""

import html
import re
from io import BytesIO

from docx import Document

HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
FIGURE = re.compile(r'<a class="figure" href="([^"]*)">(.*?)</a>', re.S)


def html_headings(page):
    """(Word level, text) of the report's headings: h1 is the title (0), h2 Heading 1, …"""
    report = page[page.index('<article class="report">') :]
    return [
        (int(level) - 1, html.unescape(text).strip()) for level, text in HEADING.findall(report)
    ]


def html_figures(page):
    return [html.unescape(text).strip() for _url, text in FIGURE.findall(page)]


def word(content):
    return Document(BytesIO(content))


def word_headings(document):
    levels = {"Title": 0, **{f"Heading {n}": n for n in range(1, 10)}}
    return [(levels[p.style.name], p.text) for p in document.paragraphs if p.style.name in levels]


def word_text(document):
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
