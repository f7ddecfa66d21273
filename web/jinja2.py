"""The Jinja2 environment of the few templates whose loops the Django template language made
slow: the breakdown and overview pages' content with their filter panel, basis line and charts
(about a thousand options and rows a page; docs/breakdowns.md has the figures). Strings are
marked `_("…")`, which `make messages` reads as it reads Django templates' (-e jinja); numbers go
through the same web.formats as everywhere."""

from django import forms
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from . import formats


def filters_summary(applied):
    """The filter panel's summary line for the filters `applied` ({name: value})."""
    if not applied:
        return gettext("Filters (none: all records)")
    n = len(applied)
    return ngettext("Filters (%(counter)s applied)", "Filters (%(counter)s applied)", n) % {
        "counter": n
    }


def is_select(field):
    return isinstance(field.field.widget, forms.Select)


def chosen(field):
    """The values of a bound choice field that are selected, as text."""
    value = field.value()
    values = value if isinstance(value, list | tuple) else [value]
    return {str(item) for item in values if item not in (None, "")}


def environment(**options):
    env = Environment(**options)
    env.globals.update(_=gettext, url=reverse, static=static)
    env.globals.update(filters_summary=filters_summary, chosen=chosen, is_select=is_select)
    env.filters.update(nok=formats.nok, percent=formats.percent, count=formats.count)
    return env
