"""A statement PostgreSQL cancelled (statement_timeout: DATABASE_STATEMENT_TIMEOUT_MS, which
web requests run with) answers 503 with a page in the site's layout that says the request took
too long and suggests narrower filters, and is logged; not a server error, and not a worker
that gunicorn kills when it stays silent past GUNICORN_TIMEOUT.

Nothing needs undoing on the connection: outside a transaction the cancelled statement's own
transaction is over, and a view's `atomic()` block has rolled back by the time the exception
gets here, so the page's own queries (the user, the navigation) run as usual."""

import logging
import math

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled (psycopg QueryCanceled)


def cancelled(exception):
    return isinstance(exception, OperationalError) and (
        getattr(exception.__cause__, "sqlstate", None) == QUERY_CANCELED
    )


class StatementTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not cancelled(exception):
            return None
        logger.warning(
            "Statement cancelled after %s ms (DATABASE_STATEMENT_TIMEOUT_MS): %s %s",
            settings.DATABASE_STATEMENT_TIMEOUT_MS,
            request.method,
            request.get_full_path(),
        )
        seconds = max(1, math.ceil(settings.DATABASE_STATEMENT_TIMEOUT_MS / 1000))
        return render(request, "too_slow.html", {"seconds": seconds}, status=503)
