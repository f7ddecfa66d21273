"""How numbers are written for people: one rule for pages, the admin, importer messages, charts
and downloads' labels. Thousands are separated by a narrow no-break space (U+202F), decimals by
the active language's separator (a comma in Norwegian, a point in English); amounts are in NOK,
in whole kroner unless the øre are not zero ("NOK 1 234 567", "NOK 1 234 567.50"), "NOK" first
where the currency is named (Språkrådet's form where the code is used), in both languages.
Downloads do not come through here: their numbers stay plain digits and a dot."""

from decimal import Decimal

from django.utils.formats import get_format

THOUSANDS = "\u202f"


def _localise(text, decimal=None):
    """Python's "1,234.5" → "1 234.5" or "1 234,5", as the active language writes decimals
    (`decimal`: its separator, if the caller looked it up once for many numbers)."""
    whole, point, fraction = text.partition(".")
    if point:
        point = decimal or decimal_separator()
    return whole.replace(",", THOUSANDS) + point + fraction


def decimal_separator():
    """The active language's decimal separator, for writing many numbers with `decimal=`
    (looking it up costs as much as writing the number)."""
    return get_format("DECIMAL_SEPARATOR")


def nok(value, places=None, *, code=False, decimal=None):
    """The one rule for amounts: whole kroner unless the øre are not zero, 12345678 →
    "12 345 678", 12345678.9 → "12 345 678.90" ("NOK 12 345 678" with `code`); empty for None.
    `places` fixes the decimals instead (millions in charts, megabytes)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if places is None:
        places = 0 if value.quantize(Decimal("0.01")) == value.to_integral_value() else 2
    text = _localise(f"{value:,.{int(places)}f}", decimal)
    return f"NOK {text}" if code else text


def percent(value, places=1, *, decimal=None):
    """A fraction (0.5213) as a percentage ("52.1 %", "52,1 %"); a dash for None."""
    if value is None or value == "":
        return "–"
    return _localise(f"{Decimal(value) * 100:,.{int(places)}f}", decimal) + "\u00a0%"


def count(value):
    """A whole number with narrow no-break spaces between thousands."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", THOUSANDS)
