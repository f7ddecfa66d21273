"""Checking each row against the reference data, and turning it into staging rows.

The reference data comes from lookups (read once per import), the amounts and years from the
cell parsers in values.
"""

from .reading import STATUS_WORDS
from .values import parse_amount, parse_year, unescape

OBJECTIVES = {
    "": "main",
    "main": "main",
    "main objective": "main",
    "direct": "main",
    "hovedmål": "main",
    "subsidiary": "subsidiary",
    "subsidiary objective": "subsidiary",
    "delmål": "subsidiary",
}


def staged_rows(rows, lookups, errors, *, fmt, default_status, decimal_comma):
    """Check RawRows and yield staging tuples for the valid ones; errors go to `errors`.

    A staging tuple is (line, agreement key, number, title, channel id, recipient id, unit id,
    objective, measure set, description, source, demo, year, amount in øre, status).
    """
    for row in rows:
        if row.problem:
            errors.add(row.line, "", "", row.problem)
            continue
        yield from _check_row(row, lookups, errors, fmt, default_status, decimal_comma)


def _cell(row, key):
    column, value = row.cells.get(key, ("", None))
    return column, (unescape(value) if value else value)


def _check_row(row, lookups, errors, fmt, default_status, decimal_comma):
    line, before = row.line, errors.count
    ids = {}
    for key in ("channel", "recipient", "unit"):
        column, value = _cell(row, key)
        if not value:
            errors.add(line, column, "", f"the {key} is missing")
            continue
        ids[key], message = lookups.find(key, value)
        if message:
            errors.add(line, column, value, message)
    column, title = _cell(row, "title")
    if not title:
        errors.add(line, column, "", "the project title is missing")
    elif len(title) > 300:
        errors.add(line, column, title, "a project title has at most 300 characters")
    column, number = _cell(row, "number")
    if number and len(number) > 50:
        errors.add(line, column, number, "an agreement number has at most 50 characters")
    column, objective = _cell(row, "objective")
    if objective is not None:
        if objective.lower() not in OBJECTIVES:
            errors.add(line, column, objective, "the objective is main or subsidiary")
        objective = OBJECTIVES.get(objective.lower())
    column, measures = _cell(row, "measures")
    measure_set, message = lookups.measure_set(measures or "")
    if message:
        errors.add(line, column, measures, message)
    row_year = row_status = None
    if fmt in ("long", "norad"):
        column, text = _cell(row, "year")
        row_year, message = parse_year(text or "")
        if message:
            errors.add(line, column, text, message)
    if fmt == "long":
        column, text = _cell(row, "status")
        row_status = default_status
        if text:
            row_status = STATUS_WORDS.get(text.lower())
            if row_status is None:
                errors.add(line, column, text, "the status is planned, allocated or disbursed")
    amounts, years_seen = [], {}
    for column, year_text, value, status, scale in row.amounts:
        year = row_year
        if year_text is not None:
            year, _ = parse_year(year_text)
            if year is None:
                errors.add(line, column, year_text, f"{year_text} is not a plausible year")
                continue
            if year in years_seen:
                errors.add(
                    line,
                    column,
                    value,
                    f'a second amount for {year} on the same row (also in "{years_seen[year]}")',
                )
                continue
            years_seen[year] = column
        ore, message = parse_amount(value, decimal_comma, scale)
        if message:
            errors.add(line, column, value, message)
            continue
        amounts.append((year, ore, status or row_status or default_status))
    if errors.count > before or not amounts:
        return
    extra = [_cell(row, key)[1] or None for key in ("description", "source", "demo")]
    number = number or None
    key = "\x1f".join([title, str(ids["channel"]), str(ids["recipient"]), str(ids["unit"])])
    akey = "N" + number if number else "K" + key
    head = (
        line,
        akey,
        number,
        title,
        ids["channel"],
        ids["recipient"],
        ids["unit"],
        objective,
        measure_set,
        *extra,
    )
    for year, ore, status in amounts:
        yield (*head, year, ore, status)
