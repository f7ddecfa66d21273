"""The published figures page: each figure of the report against the records (funding/published.py),
linked to the breakdown behind it, and for each closed year its snapshot beside the live
values (funding/closing.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .closed_years import ClosedYear
from .closing import compare_with_snapshot
from .published import reconcile, status_counts


@login_required
@require_GET
def published(request):
    try:
        figures = reconcile()
    except ValueError as error:
        return HttpResponseBadRequest(f"The published figures cannot be computed: {error}")
    counts = status_counts(figures)
    closed = [
        (year, *compare_with_snapshot(year, figures))
        for year in ClosedYear.objects.select_related("closed_by")
    ]
    context = {"figures": figures, "counts": counts, "closed_years": closed}
    return render(request, "funding/published.html", context)
