"""The project's own page: the health check."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
