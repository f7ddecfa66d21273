from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import changes


@never_cache
@require_GET
def healthz(request):
    """200 "ok" when the database answers, 503 with the reason otherwise. No login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The class name only: the message may name hosts, and this page needs no login.
        return HttpResponse(
            f"database unavailable ({type(error).__name__})", status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def recent_changes(request):
    """Every audited change, newest first: for editors (who may read every model's history)."""
    if not request.user.has_perms(changes.history_permissions()):
        raise PermissionDenied("Only editors can see the change history.")
    page = changes.recent_changes(request.GET.get("page"))
    return render(request, "history/recent_changes.html", {"page": page})
