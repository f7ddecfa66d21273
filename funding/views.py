"""The published figures page: each figure of the report against the records (funding/published.py),
linked to the breakdown behind it, and for each closed year its snapshot beside the live
values (funding/closing.py); and the one-page project entry (funding/entry.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from projects.models import Project
from web.parameters import accepts

from .closed_years import ClosedYear
from .closing import compare_with_snapshot
from .entry import ProjectEntry
from .published import reconcile, status_counts

ENTRY_PERMISSIONS = [
    "projects.add_projectmeasure", "projects.change_projectmeasure",
    "projects.delete_projectmeasure", "projects.add_agreement", "projects.change_agreement",
    "projects.delete_agreement", "funding.add_yearlyamount", "funding.change_yearlyamount",
    "funding.delete_yearlyamount",
]  # fmt: skip


@login_required
@require_GET
@accepts()
def published(request):
    try:
        figures = reconcile()
    except ValueError as error:
        return HttpResponseBadRequest(
            _("The published figures cannot be computed: %(error)s") % {"error": error}
        )
    counts = status_counts(figures)
    closed = [
        (year, *compare_with_snapshot(year, figures))
        for year in ClosedYear.objects.select_related("closed_by")
    ]
    context = {"figures": figures, "counts": counts, "closed_years": closed}
    return render(request, "funding/published.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_entry(request, pk=None):
    """Enter (or edit) a project whole: its shares, agreements and yearly amounts."""
    project = get_object_or_404(Project, pk=pk) if pk else None
    needed = ["projects.change_project" if project else "projects.add_project"]
    if not (request.user.is_staff and request.user.has_perms([*needed, *ENTRY_PERMISSIONS])):
        raise PermissionDenied
    if request.method == "GET":
        entry = ProjectEntry(project)
    else:
        entry = ProjectEntry(project, request.POST, add=request.POST.get("add", ""))
        if "add" not in request.POST and entry.is_valid():
            saved = entry.save()
            messages.success(request, _("The project “%(title)s” was saved.") % {"title": saved})
            return redirect("projects:detail", saved.pk)
    context = {"entry": entry, "project": project}
    return render(request, "funding/project_entry.html", context)
