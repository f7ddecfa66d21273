"""Template filters for numbers: `{% load formats %}` then `amount|nok`, `share|percent`."""

from django import template

from web import formats

register = template.Library()


@register.filter
def nok(value, places=None):
    """An amount in NOK with thousands separated, øre only when not zero: `total|nok`."""
    return formats.nok(value, places)


@register.filter
def percent(value, places=1):
    return formats.percent(value, places)


@register.filter
def count(value):
    return formats.count(value)
