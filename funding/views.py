"""The published figures page: each figure of the report against the records (funding/published.py),
linked to the breakdown behind it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .published import filter_query, reconcile, status_counts


@login_required
@require_GET
def published(request):
    try:
        figures = reconcile()
    except ValueError as error:
        return HttpResponseBadRequest(f"The published figures cannot be computed: {error}")
    for figure in figures:
        query = QueryDict(figure.computation)
        figure.url = figure_link(query)
    counts = status_counts(figures)
    return render(request, "funding/published.html", {"figures": figures, "counts": counts})


def figure_link(query):
    """The breakdown page behind a figure's computation."""
    data = filter_query(query)
    dimension = query.get("dimension", "objective")
    if query.get("metric") == "year_ratio":
        dimension = "year"
    return f"{reverse('breakdown', args=[dimension])}?{data.urlencode()}"
