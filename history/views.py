"""The recent-changes page: every audited change, newest first, for editors."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import changes


@login_required
@require_GET
def recent_changes(request):
    """Every audited change, newest first: for editors (who may read every model's history)."""
    if not request.user.has_perms(changes.history_permissions()):
        raise PermissionDenied(_("Only editors can see the change history."))
    page = changes.recent_changes(request.GET.get("page"))
    return render(request, "history/recent_changes.html", {"page": page})
