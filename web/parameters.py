"""The query string as the site accepts it, checked before any of it reaches the database.

`QueryStringMiddleware` refuses, on every page (the admin's too), a parameter name or value
holding a control character (PostgreSQL cannot store NUL in text and answers with an error) or
longer than MAX_LENGTH. `accepts()` states which parameters one of our pages takes: an unknown
parameter, or a parameter given twice that takes one value, is refused rather than ignored, so
a mistyped filter never shows a silently unfiltered table. Each refusal is a 400 page naming
the parameter and what is wrong with it.
"""

import re
from functools import wraps

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _

MAX_LENGTH = 500  # characters in one name or value; the longest record name is 255
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refused(request, errors):
    return render(request, "web/bad_request.html", {"errors": errors}, status=400)


def shown(text):
    return repr(text if len(text) <= 40 else text[:40] + "…")


def unreadable(query):
    """What no page can take in `query` (a QueryDict): control characters, over-long text."""
    errors = []
    for name, values in query.lists():
        for text in (name, *values):
            if CONTROL.search(text):
                errors.append(
                    _("The parameter %(name)s holds a control character (such as NUL).")
                    % {"name": shown(name)}
                )
            elif len(text) > MAX_LENGTH:
                errors.append(
                    _("The parameter %(name)s is longer than %(max)d characters.")
                    % {"name": shown(name), "max": MAX_LENGTH}
                )
    return errors


class QueryStringMiddleware:
    """Refuses query strings that no page can take (see `unreadable`) with a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if errors := unreadable(request.GET):
            return refused(request, errors)
        return self.get_response(request)


def takes_many(filter_):
    field_class = filter_.field_class
    return issubclass(field_class, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def misused(query, known, many):
    """Parameters of `query` not in `known`, and those given twice that are not in `many`."""
    errors = []
    for name, values in query.lists():
        if name not in known:
            errors.append(
                _("This page has no parameter %(name)s; it takes %(known)s.")
                % {"name": shown(name), "known": ", ".join(sorted(known)) or _("none")}
            )
        elif len(values) > 1 and name not in many:
            errors.append(_("The parameter %(name)s is given more than once.") % {"name": name})
    return errors


def accepts(*names, filters=None):
    """A view decorator: the page takes the parameters `names` (one value each) and those of the
    FilterSet class `filters` (several values where its filter takes several)."""
    known, many = set(names), set()
    if filters is not None:
        known |= set(filters.base_filters)
        many = {name for name, f in filters.base_filters.items() if takes_many(f)}

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if errors := misused(request.GET, known, many):
                return refused(request, errors)
            return view(request, *args, **kwargs)

        checked.parameters = known
        return checked

    return decorator
