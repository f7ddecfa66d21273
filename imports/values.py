"""Reading one cell's value: amounts (in øre) and years.

Each parser returns (value, None) or (None, message); none of them looks at the database.
"""

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from funding.models import ORE, YearlyAmount
from measures.models import YEAR_MAX, YEAR_MIN

_AMOUNT = YearlyAmount._meta.get_field("amount")
MAX_DIGITS = _AMOUNT.max_digits - _AMOUNT.decimal_places  # before the decimal point
MAX_ORE = 10**_AMOUNT.max_digits - 1
PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})


def parse_year(text):
    """Return (year, None) or (None, message), the message in the active language."""
    year, fixed = _parse_year(text)
    if year is not None and YEAR_MIN <= year <= YEAR_MAX:
        return year, None
    if year is not None:
        return None, _("%(year)s is not a plausible year (%(min)s–%(max)s)") % {
            "year": year,
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    message = _("not a year (four digits, e.g. 2007)")
    if fixed:
        message += _("; did you mean %(year)s?") % {"year": fixed}
    return None, message


@functools.lru_cache(maxsize=256)  # a file has few distinct years; wide ones repeat headers
def _parse_year(text):
    """(year, None) for four digits, else (None, the digits it may have meant or None)."""
    if re.fullmatch(r"\d{4}", text):
        return int(text), None
    fixed = text.translate(LOOKALIKES)
    return None, fixed if fixed != text and re.fullmatch(r"\d{4}", fixed) else None


def parse_amount(text, decimal_comma, scale=1):
    """Return (amount in øre, None) or (None, message). Locale-free: the file decides."""
    if text.isascii() and text.isdigit():  # the common case: whole kroner, nothing else
        digits = text.lstrip("0") or "0"
        if len(digits) > MAX_DIGITS:  # also keeps int() off cells of thousands of digits
            return None, _(
                "the amount is too large (at most %(digits)s digits before the decimal point)"
            ) % {"digits": MAX_DIGITS}
        ore = int(digits) * scale * 100
    else:
        ore, message = _parse_written_amount(text, decimal_comma, scale)
        if message:
            return None, message
    if ore > MAX_ORE:
        return None, _(
            "the amount is too large (at most %(digits)s digits before the decimal point)"
        ) % {"digits": MAX_DIGITS}
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
        return None, _("an amount cannot be negative")
    if "," in value:
        if not decimal_comma:
            return None, _(
                "a comma in an amount is ambiguous in a comma-separated file; write "
                "1234567.50 (or use spaces or apostrophes between thousands)"
            )
        whole, _comma, decimals = value.partition(",")
        if "." in value or not 1 <= len(decimals) <= 2:
            return None, _(
                "unclear decimal comma: write øre with one or two digits after the comma "
                "(1234567,50) and spaces or apostrophes between thousands"
            )
        value = f"{whole}.{decimals}"
    if not PLAIN_NUMBER.match(value):
        return None, _("not an amount in NOK (e.g. 1 250 000 or 1250000.50)")
    if len(value.partition(".")[0].lstrip("0")) > MAX_DIGITS:
        return None, _(
            "the amount is too large (at most %(digits)s digits before the decimal point)"
        ) % {"digits": MAX_DIGITS}
    try:
        amount = (Decimal(value) * scale).quantize(ORE, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None, _("not an amount in NOK")
    return int(amount * 100), None
