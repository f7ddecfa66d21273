"""The published figures page: each figure of the report against the records (funding/published.py),
linked to the breakdown behind it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from web.parameters import accepts

from .published import reconcile, status_counts


@login_required
@require_GET
@accepts()
def published(request):
    try:
        figures = reconcile()
    except ValueError as error:
        return HttpResponseBadRequest(f"The published figures cannot be computed: {error}")
    counts = status_counts(figures)
    return render(request, "funding/published.html", {"figures": figures, "counts": counts})
