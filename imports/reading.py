"""Reading: a file's header becomes a `Layout`, its records and in-memory records `RawRow`s.

Which headers name which column comes from the staged-row description (schema), except the
Norad amount columns, which each give an amount with its status and scale. Nothing here looks
at the database; every value comes out as a trimmed string.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .problems import FileProblem
from .schema import SCHEMA, STATUS_WORDS, Status

# Norad's amount columns: key → accepted headers, and the status and scale of their amounts.
NORAD_HEADERS = {
    "disbursed_1000": ["disbursed (1000 nok)", "utbetalt (1000 nok)"],
    "disbursed": ["disbursed (nok)", "utbetalt (nok)"],
    "planned_1000": ["planned disbursed (1000 nok)", "planlagt utbetalt (1000 nok)"],
    "planned": ["planned disbursed (nok)", "planlagt utbetalt (nok)"],
}
NORAD_AMOUNTS = {
    "disbursed_1000": (Status.DISBURSED, 1000),
    "disbursed": (Status.DISBURSED, 1),
    "planned_1000": (Status.PLANNED, 1000),
    "planned": (Status.PLANNED, 1),
}
YEAR_HEADER = re.compile(r"^(\d{4})\s*(?:\(?\s*([a-zæøå]+)\s*\)?)?$")
LOOKALIKES = str.maketrans({"o": "0", "l": "1", "i": "1", "s": "5"})


def normalise_header(text):
    return " ".join(text.strip().lstrip("\ufeff").lower().split())


@dataclass
class RawRow:
    """One data row as trimmed strings, with the amounts found on it, or why it is unusable."""

    line: int
    cells: dict  # field → (column header, value)
    # (column header, year text or None, amount text, status or None, scale)
    amounts: list = field(default_factory=list)
    problem: str | None = None  # the row cannot be read (it has too few or too many cells)


class HeaderNames:
    """Which header names which column, from a staged-row description (and Norad's amounts)."""

    def __init__(self, schema):
        # Column → accepted header names (compared lower-cased, spaces collapsed).
        self.aliases = schema.headers() | NORAD_HEADERS
        self.fields = {name: key for key, names in self.aliases.items() for name in names}
        self.required = [c.key for c in schema.required]
        # The cells kept as text on each RawRow (the amount cells become its amounts).
        self.texts = [c.key for c in schema.columns if c.headers and c.key != "amount"]


@dataclass
class Layout:
    format: str
    columns: dict  # field → index
    headers: list
    year_columns: list  # (index, year, status or None)
    delimiter: str
    text_columns: list = field(default_factory=list)  # (field, index) of the text cells


def read_layout(header, delimiter, fmt, codec="utf-8", schema=SCHEMA):
    """Map the header's columns; FileProblem lists everything wrong with it."""
    names = HeaderNames(schema)
    headers = [h.strip().lstrip("\ufeff") for h in header]
    columns, year_columns, problems = map_columns(headers, names)
    fmt = choose_format(fmt, columns)
    problems += layout_problems(fmt, columns, year_columns, names)
    if problems and not columns and not year_columns and codec in ("utf-16", "utf-8-sig"):
        problems.append(
            _(
                "No column was recognised. The file was read as %(codec)s because its byte-order "
                "mark says so; if it was saved in another encoding, save it again as UTF-8."
            )
            % {"codec": codec.upper()[:6]}
        )
    if problems:
        raise FileProblem(*problems)
    texts = [(k, columns[k]) for k in names.texts if k in columns]
    return Layout(fmt, columns, headers, year_columns, delimiter, texts)


def map_columns(headers, names):
    """(field → index, year columns, problems) for the header cells."""
    columns, year_columns, problems, seen = {}, [], [], {}
    for index, text in enumerate(headers):
        name = normalise_header(text)
        if not name:
            continue
        if name in seen:
            problems.append(
                f'The column "{text}" appears twice (columns {seen[name]} and {index + 1}).'
            )
        seen[name] = index + 1
        if name in names.fields:
            key = names.fields[name]
            if key in columns:
                problems.append(
                    _('Columns "%(first)s" and "%(second)s" mean the same thing; keep one.')
                    % {"first": headers[columns[key]], "second": text}
                )
            columns[key] = index
        elif m := YEAR_HEADER.match(name):
            status = m.group(2)
            if status and status not in STATUS_WORDS:
                problems.append(
                    _('Column "%(column)s": "%(status)s" is not a status (%(statuses)s).')
                    % {"column": text, "status": status, "statuses": ", ".join(Status.values)}
                )
                continue
            year_columns.append((index, m.group(1), STATUS_WORDS.get(status)))
        elif YEAR_HEADER.match(fixed := name.translate(LOOKALIKES)) and fixed[:1].isdigit():
            problems.append(
                _('Column "%(column)s" is not a year; did you mean "%(year)s"?')
                % {"column": text, "year": fixed}
            )
    return columns, year_columns, problems


def choose_format(fmt, columns):
    if fmt != "auto":
        return fmt
    if any(k in columns for k in NORAD_AMOUNTS):
        return "norad"
    if "year" in columns and "amount" in columns:
        return "long"
    return "wide"


def layout_problems(fmt, columns, year_columns, names):
    problems = []
    needed = list(names.required)
    if fmt in ("long", "norad"):
        needed.append("year")
    if fmt == "long":
        needed.append("amount")
    for key in needed:
        if key not in columns:
            accepted = ", ".join(f'"{n}"' for n in names.aliases[key])
            problems.append(
                _("Missing required column for %(key)s: name it one of %(accepted)s.")
                % {"key": key, "accepted": accepted}
            )
    if fmt == "wide" and not year_columns:
        problems.append(
            _(
                'No year columns: a wide list needs one amount column per year ("2007", '
                '"2008 (planned)", …); a long list needs "Year" and "Amount".'
            )
        )
    if fmt == "norad" and not any(k in columns for k in NORAD_AMOUNTS):
        problems.append(
            _(
                'A Norad extract needs "Disbursed (1000 NOK)" or "Disbursed (NOK)" or '
                '"Planned disbursed (1000 NOK)".'
            )
        )
    return problems


def raw_rows(layout, records):
    """Turn csv records into RawRows; rows that are empty are skipped."""
    width = len(layout.headers)
    text_fields = layout.text_columns
    headers = layout.headers
    amounts_of = {"wide": wide_amounts, "long": long_amounts, "norad": norad_amounts}
    amounts_of = amounts_of[layout.format]
    for line, cells in records:
        if not "".join(cells).strip():  # an empty row
            continue
        if len(cells) < width:
            problem = _(
                "Line %(line)s has %(cells)s cells but the header has %(width)s; the row is "
                "cut short."
            ) % {"line": line, "cells": len(cells), "width": width}
            yield RawRow(line, {}, problem=problem)
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problem = _("Line %(line)s has %(cells)s cells but the header has %(width)s.") % {
                "line": line,
                "cells": len(cells),
                "width": width,
            }
            yield RawRow(line, {}, problem=problem)
            continue
        row = RawRow(line, {k: (headers[i], cells[i].strip()) for k, i in text_fields})
        amounts_of(layout, cells, row.amounts)
        yield row


def wide_amounts(layout, cells, amounts):
    for index, year, status in layout.year_columns:
        if value := cells[index].strip():
            amounts.append((layout.headers[index], year, value, status, 1))


def long_amounts(layout, cells, amounts):
    i = layout.columns["amount"]
    if value := cells[i].strip():
        amounts.append((layout.headers[i], None, value, None, 1))


def norad_amounts(layout, cells, amounts):
    for key, (status, scale) in NORAD_AMOUNTS.items():
        if key in layout.columns and (value := cells[layout.columns[key]].strip()):
            amounts.append((layout.headers[layout.columns[key]], None, value, status, scale))


def record_rows(records, schema=SCHEMA):
    """Turn in-memory records (see import_records) into RawRows, numbered from 1."""
    # The keys taken as text; measures, year and amount are converted.
    keys = [c.key for c in schema.columns if c.in_table and c.key not in ("year", "amount")]
    for position, record in enumerate(records, start=1):
        cells = {}
        for key in keys:
            value = record.get(key)
            if value is not None:
                cells[key] = (key, str(value).strip())
        cells["measures"] = ("measures", measures_text(record.get("measures")))
        cells["year"] = ("year", str(record.get("year", "")).strip())
        amount = record.get("amount")
        if isinstance(amount, Decimal | int | float):
            amount = format(Decimal(str(amount)), "f")
        row = RawRow(position, cells)
        if amount not in (None, ""):
            row.amounts.append(("amount", None, str(amount).strip(), None, 1))
        yield row


def measures_text(value):
    if value is None or isinstance(value, str):
        return value or ""
    items = []
    for item in value:
        items.append(f"{item[0]} ({item[1]}%)" if isinstance(item, tuple | list) else str(item))
    return "; ".join(items)
