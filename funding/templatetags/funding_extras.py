"""Number formatting for the analysts' pages: NOK with narrow no-break spaces between thousands."""

from decimal import Decimal

from django import template

register = template.Library()
THIN = "\u202f"


@register.filter
def nok(value, places=0):
    """12345678.9 → "12 345 679" (narrow no-break spaces); empty for None."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.{int(places)}f}".replace(",", THIN)


@register.filter
def percent(value, places=1):
    """A fraction (0.5213) as a percentage ("52.1 %"); a dash for None."""
    if value is None or value == "":
        return "–"
    return f"{Decimal(value) * 100:,.{int(places)}f}\u00a0%".replace(",", THIN)


@register.filter
def count(value):
    """A whole number with narrow no-break spaces between thousands."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", THIN)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def figure_value(figure, value):
    """A published figure's value in its unit: NOK, a count, or a share/ratio as a percentage."""
    if value is None:
        return "–"
    if figure.unit == "NOK":
        return "NOK " + nok(value)
    if figure.unit == "count":
        return count(value)
    return percent(value, 1)
