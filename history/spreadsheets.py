"""Spreadsheet formula escaping, one rule for every download, export and import (here, in the
lowest app, because every app's import and export uses it).

A text cell that a spreadsheet would run as a formula (it starts with = + - @ tab or CR) is
written with a leading quote; the importer takes that quote off again.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value):
    """Keep spreadsheets from running a cell as a formula: prefix ' (the importer strips it)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape(text):
    """Undo `escape`: drop a leading ' before = + - @ tab or CR."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text
