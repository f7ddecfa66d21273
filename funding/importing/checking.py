"""Checking each row against the reference data, and turning it into staging rows.

Every lookup table is read once per import into dicts (lower-cased name → id); values that do
not match get a "did you mean …?" from difflib over the names and aliases.
"""

import difflib
import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from funding.models import ORE
from measures.models import YEAR_MAX, YEAR_MIN, Measure
from projects.models import (
    AdministeringUnit,
    Channel,
    ChannelAlias,
    Recipient,
    RecipientAlias,
    UnitAlias,
)
from web.spreadsheets import unescape

from .reading import STATUS_WORDS

MAX_ORE = 10**15 - 1  # DecimalField(max_digits=15, decimal_places=2)
MAX_DIGITS = 13  # before the decimal point
TOO_LARGE = "the amount is too large (at most 13 digits before the decimal point)"
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
MEASURE_ITEM = re.compile(
    r"^(?:m|measure|tiltak)?\s*\.?\s*(\d+)\s*(?:\(\s*(\d+(?:[.,]\d{1,2})?)\s*%?\s*\))?$", re.I
)
PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})


class Names:
    """Names and aliases of one kind of reference record, for lookups and suggestions."""

    def __init__(self, label):
        self.label, self.ids, self.display, self.by_id = label, {}, {}, {}

    def add(self, name, pk, display):
        self.by_id.setdefault(pk, display)
        if name:
            self.ids.setdefault(name.lower(), pk)
            self.display.setdefault(name.lower(), display)

    def get(self, value):
        return self.ids.get(value.lower())

    def suggest(self, value):
        close = difflib.get_close_matches(value.lower(), list(self.ids), n=5, cutoff=0.6)
        names = list(dict.fromkeys(self.display[c] for c in close))[:3]
        if not names:
            return ""
        return "; did you mean " + " or ".join(f'"{n}"' for n in names) + "?"


class Lookups:
    """Every reference table the import needs, read once."""

    def __init__(self, create_missing=False):
        self.create_missing = create_missing
        self.recipients = Names("recipient country or region")
        for pk, name, iso2, iso3 in Recipient.objects.values_list("id", "name", "iso2", "iso3"):
            for key in (name, iso2, iso3):
                self.recipients.add(key, pk, name)
        for pk, alias, name in RecipientAlias.objects.values_list(
            "recipient_id", "name", "recipient__name"
        ):
            self.recipients.add(alias, pk, name)
        self.channels = Names("agreement partner (channel)")
        channels = list(Channel.objects.values_list("id", "name", "acronym"))
        for pk, name, _ in channels:
            self.channels.add(name, pk, name)
        for pk, alias, name in ChannelAlias.objects.values_list(
            "channel_id", "name", "channel__name"
        ):
            self.channels.add(alias, pk, name)
        acronyms = [a.lower() for _, _, a in channels if a]
        for pk, name, acronym in channels:
            if acronym and acronyms.count(acronym.lower()) == 1:
                self.channels.add(acronym, pk, name)
        self.units = Names("administering unit")
        for pk, name in AdministeringUnit.objects.values_list("id", "name"):
            self.units.add(name, pk, name)
        for pk, alias, name in UnitAlias.objects.values_list("unit_id", "name", "unit__name"):
            self.units.add(alias, pk, name)
        latest = Measure.objects.order_by("-plan__start_year").values_list("plan_id", flat=True)
        plan_id = latest.first()
        self.measures = dict(Measure.objects.filter(plan_id=plan_id).values_list("number", "id"))
        self.measure_range = (min(self.measures, default=0), max(self.measures, default=0))
        self.missing = {"channel": {}, "unit": {}}  # lower name → (placeholder id, name)
        self.measure_sets = {}  # ((measure id, share), ...) → set id
        self._measure_cache = {}

    def find(self, kind, value):
        """Return (id, None) or (None, message)."""
        names = self.channels if kind == "channel" else self.units
        if kind == "recipient":
            names = self.recipients
        pk = names.get(value)
        if pk is not None:
            return pk, None
        if kind != "recipient" and self.create_missing:
            missing = self.missing[kind]
            if value.lower() not in missing:
                missing[value.lower()] = (-(len(missing) + 1), value)
            return missing[value.lower()][0], None
        hint = "" if kind == "recipient" else " (use --create-missing to add it)"
        return None, f"unknown {names.label}{names.suggest(value)}{hint}"

    def name_of(self, kind, pk):
        """The display name of a recipient, channel or unit id (also of ones to be created)."""
        for key, value in self.missing.get(kind, {}).values():
            if key == pk:
                return value
        return getattr(self, kind + "s" if kind != "recipient" else "recipients").by_id.get(pk)

    def measure_set(self, text):
        """Return (set id, None) or (None, message) for a measures cell; (None, None) if empty."""
        if text in self._measure_cache:
            return self._measure_cache[text]
        result = self._parse_measures(text)
        self._measure_cache[text] = result
        return result

    def _parse_measures(self, text):
        if not text:
            return None, None
        items = [i.strip() for i in re.split(r"[;,]\s*(?![^()]*\))", text) if i.strip()]
        numbers, shares = [], []
        for item in items:
            m = MEASURE_ITEM.match(item)
            if not m:
                return None, (
                    f'"{item}" is not a measure; write measures like "1; 33", "M1, M33" or '
                    '"1 (70%); 33 (30%)"'
                )
            number = int(m.group(1))
            if number not in self.measures:
                low, high = self.measure_range
                return None, f"measure {number} does not exist (the plan has measures {low}–{high})"
            if number in numbers:
                return None, f"measure {number} is listed twice"
            numbers.append(number)
            shares.append(Decimal(m.group(2).replace(",", ".")) if m.group(2) else None)
        if any(s is None for s in shares):
            if any(s is not None for s in shares):
                return None, "give a share for every measure or for none"
            shares = equal_shares(len(numbers))
        elif sum(shares) != 100:
            return None, f"the shares add up to {sum(shares)} %, not 100 %"
        if any(s <= 0 for s in shares):
            return None, "every share must be above 0 %"
        key = tuple(
            sorted(
                (self.measures[n], s.quantize(ORE)) for n, s in zip(numbers, shares, strict=True)
            )
        )
        return self.measure_sets.setdefault(key, len(self.measure_sets) + 1), None


def equal_shares(count):
    """Shares of 100 % split as evenly as øre allow, adding up to exactly 100.00."""
    base = (Decimal(100) / count).quantize(ORE, rounding="ROUND_DOWN")
    extra = int((Decimal(100) - base * count) / ORE)
    return [base + ORE if i < extra else base for i in range(count)]


@functools.lru_cache(maxsize=256)  # a file has few distinct years; wide ones repeat headers
def parse_year(text):
    """Return (year, None) or (None, message)."""
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if YEAR_MIN <= year <= YEAR_MAX:
            return year, None
        return None, f"{year} is not a plausible year ({YEAR_MIN}–{YEAR_MAX})"
    message = "not a year (four digits, e.g. 2007)"
    fixed = text.translate(LOOKALIKES)
    if fixed != text and re.fullmatch(r"\d{4}", fixed):
        message += f"; did you mean {fixed}?"
    return None, message


def parse_amount(text, decimal_comma, scale=1):
    """Return (amount in øre, None) or (None, message). Locale-free: the file decides."""
    if text.isascii() and text.isdigit():  # the common case: whole kroner, nothing else
        digits = text.lstrip("0") or "0"
        if len(digits) > MAX_DIGITS:  # also keeps int() off cells of thousands of digits
            return None, TOO_LARGE
        ore = int(digits) * scale * 100
    else:
        ore, message = _parse_written_amount(text, decimal_comma, scale)
        if message:
            return None, message
    if ore > MAX_ORE:
        return None, TOO_LARGE
    return ore, None


def _parse_written_amount(text, decimal_comma, scale):
    """Amounts with separators, a currency prefix or decimals."""
    value = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    value = value.replace("'", "").replace("’", "")
    lowered = value.lower()
    for prefix in ("nok", "kr.", "kr"):
        if lowered.startswith(prefix):
            value, lowered = value[len(prefix) :], lowered[len(prefix) :]
            break
    if value.startswith("-") or value.startswith("−"):
        return None, "an amount cannot be negative"
    if "," in value:
        if not decimal_comma:
            return None, (
                "a comma in an amount is ambiguous in a comma-separated file; write "
                "1234567.50 (or use spaces or apostrophes between thousands)"
            )
        whole, _, decimals = value.partition(",")
        if "." in value or not 1 <= len(decimals) <= 2:
            return None, (
                "unclear decimal comma: write øre with one or two digits after the comma "
                "(1234567,50) and spaces or apostrophes between thousands"
            )
        value = f"{whole}.{decimals}"
    if not PLAIN_NUMBER.match(value):
        return None, "not an amount in NOK (e.g. 1 250 000 or 1250000.50)"
    if len(value.partition(".")[0].lstrip("0")) > MAX_DIGITS:
        return None, TOO_LARGE
    try:
        amount = (Decimal(value) * scale).quantize(ORE, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None, "not an amount in NOK"
    return int(amount * 100), None


def staged_rows(rows, lookups, errors, *, fmt, default_status, decimal_comma):
    """Check RawRows and yield staging tuples for the valid ones; errors go to `errors`.

    A staging tuple is (line, agreement key, number, title, channel id, recipient id, unit id,
    objective, measure set, description, source, demo, year, amount in øre, status).
    """
    for line, row in rows:
        if isinstance(row, str):
            errors.add(line, "", "", row)
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
