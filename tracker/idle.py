"""Logging out idle sessions: a session unused for longer than SESSION_IDLE_MINUTES (0: never)
is logged out on its next request, which then goes on as anonymous (a page asks for the login,
with a message saying why).

The session keeps the time it was last used (LAST_SEEN, whole seconds), set at login
(`tracker.auth` notes each login) and rewritten at most once a minute: rewriting it on every
request, as SESSION_SAVE_EVERY_REQUEST would, costs a write of the session (the database, and
Redis too with REDIS_URL) on every page, which the cached pages otherwise answer without one.
The timeout is therefore exact to the minute.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils.translation import gettext as _

LAST_SEEN = "last_seen"
RESOLUTION_S = 60


def seen(request, now=None):
    request.session[LAST_SEEN] = int(now or time.time())


def idle_timeout(get_response):
    """Middleware, after the session, authentication and messages middleware."""

    def middleware(request):
        check(request)
        return get_response(request)

    return middleware


def check(request):
    minutes = settings.SESSION_IDLE_MINUTES
    if not minutes or SESSION_KEY not in request.session:
        return
    now = int(time.time())
    last = request.session.get(LAST_SEEN)
    if last is not None and now - last > minutes * 60:
        logout(request)
        messages.info(
            request,
            _("You were logged out after %(minutes)s minutes without activity. Log in again.")
            % {"minutes": minutes},
        )
    elif last is None or now - last >= RESOLUTION_S:
        seen(request, now)  # a session from before the timeout existed gets its time now
