"""Checking: each RawRow against the reference data and the models' limits, and the valid
ones turned into staged rows (schema.StagedRow, one per amount).

The checks follow the staged-row description: the references (channel, recipient, unit) are
looked up, text columns are checked against their model field's presence and length, columns
with choices against their words; the measures, year, status and amounts have their own steps.
Every error of a row is reported; a row with any error is not staged.
"""

import operator
from functools import partial

from django.utils.translation import gettext as _

from history.spreadsheets import unescape
from projects.purpose_codes import purpose_code_error, purpose_code_warning

from .schema import SCHEMA
from .values import parse_amount, parse_year


def missing(column):
    return _("the %(label)s is missing") % {"label": _(column.label)}


def too_long(column):
    """In Norwegian both read "%(label)s kan ha høyst … tegn"; English needs the article."""
    values = {"label": _(column.label), "max": column.max_length}
    if column.article == "an":
        return _("an %(label)s has at most %(max)s characters") % values
    return _("a %(label)s has at most %(max)s characters") % values


def staged_rows(rows, lookups, errors, *, fmt, default_status, decimal_comma, schema=SCHEMA):
    """Check RawRows and yield a StagedRow per amount of the valid ones; errors go to `errors`."""
    check = RowCheck(lookups, errors, fmt, default_status, decimal_comma, schema)
    for row in rows:
        if row.problem:
            errors.add(row.line, "", "", row.problem)
            continue
        yield from check(row)


NO_CELL = ("", None)


def _cell(row, key):
    column, value = row.cells.get(key, NO_CELL)
    return column, (unescape(value) if value else value)


class RowCheck:
    """Checks one row at a time for one import; `self(row)` returns the row's staged rows.

    What each column needs is worked out once, here, from the schema: the loops run per row.
    """

    def __init__(self, lookups, errors, fmt, default_status, decimal_comma, schema=SCHEMA):
        self.lookups, self.errors, self.fmt = lookups, errors, fmt
        self.default_status, self.decimal_comma = default_status, decimal_comma
        self.schema = schema
        self.staged = partial(tuple.__new__, schema.row)  # StagedRow((…)) without _make's check
        self.head = operator.itemgetter(*schema.head)
        self.status = schema.by_key["status"]
        self.number = schema.agreement_number.name
        self.agreement_key = [c.name for c in schema.agreement_key]
        self.references = [(c.key, c.name, missing(c)) for c in schema.references]
        self.texts = [
            (
                c.key,
                c.name,
                missing(c) if c.required else None,
                c.max_length,
                too_long(c),
            )
            for c in schema.texts
        ]

    def __call__(self, row):
        before = self.errors.count
        values = {"line": row.line}
        self.check_references(row, values)
        self.check_texts(row, values)
        self.check_purpose_code(row, values)
        self.check_words(row, values)
        self.check_measures(row, values)
        amounts = self.check_amounts(row)
        if self.errors.count > before or not amounts:
            return ()
        values["akey"] = self.akey(values)
        head = self.head(values)
        return [self.staged((*head, year, ore, status)) for year, ore, status in amounts]

    def akey(self, values):
        """The agreement's key: "N" and its number, else "K" and its project and unit."""
        if number := values[self.number]:
            return "N" + number
        return "K" + "\x1f".join([str(values[name]) for name in self.agreement_key])

    def check_references(self, row, values):
        cells = row.cells
        for key, name, missing in self.references:
            header, value = cells.get(key, NO_CELL)
            values[name] = None
            if not value:
                self.errors.add(row.line, header, "", missing)
                continue
            value = unescape(value) if value[0] == "'" else value
            values[name], message = self.lookups.find(key, value)
            if message:
                self.errors.add(row.line, header, value, message)

    def check_texts(self, row, values):
        """Text as given: empty means not given (NULL), which a required column may not be."""
        cells = row.cells
        for key, name, missing, max_length, too_long in self.texts:
            header, value = cells.get(key, NO_CELL)
            if not value:
                values[name] = None
                if missing:
                    self.errors.add(row.line, header, "", missing)
                continue
            values[name] = value = unescape(value) if value[0] == "'" else value
            if max_length and len(value) > max_length:
                self.errors.add(row.line, header, value, too_long)

    def check_purpose_code(self, row, values):
        """A DAC purpose code of the vendored list (projects/purpose_codes.py): an unknown one
        is an error suggesting the nearest, a withdrawn one a warning (docs/iati.md)."""
        header, _value = row.cells.get("purpose_code", NO_CELL)
        value = values.get("purpose_code")
        if not value:
            return
        if message := purpose_code_error(value):
            self.errors.add(row.line, header, value, message)
        elif message := purpose_code_warning(value):
            self.errors.warn(row.line, header, value, message)

    def check_words(self, row, values):
        for column in self.schema.with_words:
            values[column.name] = self.word(row, column)

    def word(self, row, column):
        """The value a choice cell's word stands for; None if not given (or wrong)."""
        header, text = _cell(row, column.key)
        if text is None or (not text and "" not in column.words):
            return None
        value = column.words.get(text.lower())
        if value is None:
            self.errors.add(
                row.line,
                header,
                text,
                _("the %(label)s is %(choices)s")
                % {"label": _(column.label), "choices": column.choices_text},
            )
        return value

    def check_measures(self, row, values):
        header, text = _cell(row, "measures")
        values["measure_set"], message = self.lookups.measure_set(text or "")
        if message:
            self.errors.add(row.line, header, text, message)

    def check_amounts(self, row):
        """[(year, øre, status)] of the row's amounts."""
        row_year = row_status = None
        if self.fmt in ("long", "norad"):
            header, text = _cell(row, "year")
            row_year, message = parse_year(text or "")
            if message:
                self.errors.add(row.line, header, text, message)
        if self.fmt == "long":
            row_status = self.word(row, self.status) or self.default_status
        amounts, years_seen = [], {}
        for header, year_text, value, status, scale in row.amounts:
            year = row_year
            if year_text is not None:  # a year column: a year of its own, once per row
                year = parse_year(year_text)[0]
                if year is None or year in years_seen:
                    self.year_problem(row, header, year_text, value, years_seen)
                    continue
                years_seen[year] = header
            ore, message = parse_amount(value, self.decimal_comma, scale)
            if message:
                self.errors.add(row.line, header, value, message)
                continue
            amounts.append((year, ore, status or row_status or self.default_status))
        return amounts

    def year_problem(self, row, header, year_text, value, years_seen):
        year = parse_year(year_text)[0]
        if year is None:
            self.errors.add(
                row.line,
                header,
                year_text,
                _("%(year)s is not a plausible year") % {"year": year_text},
            )
        else:
            self.errors.add(
                row.line,
                header,
                value,
                f'a second amount for {year} on the same row (also in "{years_seen[year]}")',
            )
