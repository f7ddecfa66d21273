"""Template tags of the funding pages; number filters come from `web` (`{% load formats %}`)."""

from django import template

from web.formats import count, nok, percent

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def figure_value(figure, value):
    """A published figure's value in its unit: NOK, a count, or a share/ratio as a percentage."""
    if value is None:
        return "–"
    if figure.unit == "NOK":
        return nok(value, code=True)
    if figure.unit == "count":
        return count(value)
    return percent(value, 1)
