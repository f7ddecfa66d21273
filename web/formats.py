"""How numbers are written for people: one rule for pages, the admin, importer messages, charts
and downloads' labels. Thousands are separated by a narrow no-break space (U+202F), decimals by a
point; amounts are in NOK.
"""

from decimal import Decimal

THOUSANDS = "\u202f"


def nok(value, places=0, *, code=False):
    """12345678.9 → "12 345 679" ("NOK 12 345 679" with `code`); empty for None."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):,.{int(places)}f}".replace(",", THOUSANDS)
    return f"NOK {text}" if code else text


def percent(value, places=1):
    """A fraction (0.5213) as a percentage ("52.1 %"); a dash for None."""
    if value is None or value == "":
        return "–"
    return f"{Decimal(value) * 100:,.{int(places)}f}\u00a0%".replace(",", THOUSANDS)


def count(value):
    """A whole number with narrow no-break spaces between thousands."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", THOUSANDS)
