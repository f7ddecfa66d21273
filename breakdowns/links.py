"""The links a funding page shows: to a breakdown or the projects list, keeping the filters of
the page (its query string), with one filter set or replaced."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode


def path(target):
    """The path of a breakdown (a dimension's slug) or of the projects list (`projects`)."""
    return reverse("projects:list") if target == "projects" else reverse("breakdown", args=[target])


def link(target, query="", **params):
    """A URL to `target` with the filters `query` (a query string) and `params` set; a `year`
    is the period of that one year."""
    data = QueryDict(query, mutable=True)
    if "year" in params:
        year = params.pop("year")
        params.update(year_from=year, year_to=year)
    for name, value in params.items():
        data.setlist(name, [str(value)])
    return f"{path(target)}?{data.urlencode()}" if data else path(target)


def row_links(query):
    """The tables' `link(target, parameter, value)`: drill-down URLs keeping the filters. A
    table has a row per country or channel: each (target, parameter)'s path and the rest of the
    query string are encoded once per table, not once per row."""
    heads = {}

    def row_link(target, parameter, value):
        names = ("year_from", "year_to") if parameter == "year" else (parameter,)
        if (target, parameter) not in heads:
            data = QueryDict(query, mutable=True)
            for name in names:
                data.pop(name, None)
            rest = data.urlencode()
            heads[target, parameter] = f"{path(target)}?{rest}&" if rest else f"{path(target)}?"
        return heads[target, parameter] + urlencode(dict.fromkeys(names, value))

    return row_link
