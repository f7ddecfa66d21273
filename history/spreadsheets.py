"""What a text cell of any spreadsheet we write goes through, one rule for every download,
export and import (here, in the lowest app, because every app's import and export uses it).

`escape` leaves out control characters (`history.text`: openpyxl refuses to write them, and
they mean nothing in a cell), then writes a text cell that a spreadsheet would run as a formula
(it starts with = + - @ tab or CR) with a leading quote; the importer takes that quote off
again (`unescape`).
"""

from .text import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value):
    """A cell as a spreadsheet may hold it: no control characters, and no formula (prefix ',
    which the importer strips)."""
    value = without_control_characters(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape(text):
    """Undo `escape`'s quote: drop a leading ' before = + - @ tab or CR."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text
