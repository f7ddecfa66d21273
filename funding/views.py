"""The one-page project entry (funding/entry.py): /projects/enter/ and /projects/<id>/edit/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects.models import Project
from projects.units import refusal

from .entry import ProjectEntry

ENTRY_PERMISSIONS = [
    "projects.add_projectmeasure", "projects.change_projectmeasure",
    "projects.delete_projectmeasure", "projects.add_agreement", "projects.change_agreement",
    "projects.delete_agreement", "funding.add_yearlyamount", "funding.change_yearlyamount",
    "funding.delete_yearlyamount",
]  # fmt: skip


def may_enter(user, *, editing):
    """Whether the user may use the project entry page (to edit a project, or to add one)."""
    needed = ["projects.change_project" if editing else "projects.add_project"]
    return user.is_staff and user.has_perms([*needed, *ENTRY_PERMISSIONS])


@login_required
@require_http_methods(["GET", "POST"])
def project_entry(request, pk=None):
    """Enter (or edit) a project whole: its shares, agreements and yearly amounts."""
    project = get_object_or_404(Project, pk=pk) if pk else None
    if not may_enter(request.user, editing=project is not None):
        raise PermissionDenied
    why = project and refusal(request.user, project)
    if why:  # a unit editor, and the project is other units' only
        messages.error(request, why)
        return redirect("projects:detail", project.pk)
    if request.method == "GET":
        entry = ProjectEntry(project, user=request.user)
    else:
        add = request.POST.get("add", "")
        entry = ProjectEntry(project, request.POST, add=add, user=request.user)
        if "add" not in request.POST and entry.is_valid() and (saved := entry.save()):
            messages.success(request, _("The project “%(title)s” was saved.") % {"title": saved})
            return redirect("projects:detail", saved.pk)
    context = {"entry": entry, "project": project}
    return render(request, "funding/project_entry.html", context)
