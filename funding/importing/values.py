"""Reading one cell's value: amounts (in øre) and years.

Each parser returns (value, None) or (None, message); none of them looks at the database.
"""

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from funding.models import ORE, YearlyAmount
from measures.models import YEAR_MAX, YEAR_MIN

_AMOUNT = YearlyAmount._meta.get_field("amount")
MAX_DIGITS = _AMOUNT.max_digits - _AMOUNT.decimal_places  # before the decimal point
MAX_ORE = 10**_AMOUNT.max_digits - 1
TOO_LARGE = f"the amount is too large (at most {MAX_DIGITS} digits before the decimal point)"
PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})


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
