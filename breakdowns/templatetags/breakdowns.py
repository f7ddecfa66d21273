"""Template tags of the breakdown pages; number filters come from `web` (`{% load formats %}`)."""

from django import template
from django.utils.translation import gettext as _

from web.formats import count, nok, percent

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def figure_value(figure, value):
    """A published figure's value in its unit: NOK, a count, a rank, yes or no, or a share or
    ratio as a percentage."""
    if value is None:
        return "–"
    if figure.unit in ("NOK", "NOK_at_least"):
        return nok(value, code=True)
    if figure.unit == "count":
        return count(value)
    if figure.unit in ("rank", "rank_at_most"):
        return f"#{count(value)}"
    if figure.unit == "true":
        return _("yes") if value else _("no")
    return percent(value, 1)
