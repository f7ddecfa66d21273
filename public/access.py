"""Who may read the public site: no one while PUBLIC_SITE is off (every address answers 404),
anyone while it is on, at most PUBLIC_RATE_LIMIT requests per client address and minute (429
with a page saying so)."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render

from tracker.client_ip import client_ip
from web import caching


def rate_key(request):
    """The counter of the request's address (behind the proxy, the one it saw: tracker.client_ip)
    in this minute. Under the page cache's namespace, which each test has its own of."""
    minute = int(time.time() // 60)
    return f"{caching.NAMESPACE}:rate:{client_ip(request)}:{minute}"


def counted(request):
    """This request's number among its address's in this minute (the counter lives two
    minutes, past the end of its own)."""
    key = rate_key(request)
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=120)
        return 1


def public(view):
    """A public page: 404 unless PUBLIC_SITE, 429 beyond PUBLIC_RATE_LIMIT a minute."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.PUBLIC_SITE:
            raise Http404("The public site is off (PUBLIC_SITE).")
        limit = settings.PUBLIC_RATE_LIMIT
        if limit and counted(request) > limit:
            response = render(request, "public/too_many.html", {"limit": limit}, status=429)
            response["Retry-After"] = str(60 - int(time.time()) % 60)
            return response
        return view(request, *args, **kwargs)

    return wrapped
