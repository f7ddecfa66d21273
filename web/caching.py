"""Pages and downloads from the cache: a page computed once for a path, query string, language
and data version (history.versions) is served from the cache to everyone after, until the data
changes.

Only what is the same for every user is cached: a page's title and content (its `Fragment`),
or a download's whole response. The page around the content (the user's name, the CSRF token
of the log-out form, the messages) is rendered afresh for each request, so nothing one user
sees reaches another. The data version is read from the database once per request, so a
change is visible on the very next request, through any instance.
"""

import functools
import hashlib
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from history.versions import data_version

# Keys are NAMESPACE:version:digest; tests give each test its own namespace.
NAMESPACE = "pages"
SHELL = "web/cached_page.html"
BANNER = "includes/demo_banner.html"


@dataclass
class Fragment:
    """A page's content, the same for every user: its title, its HTML and its status; and,
    once computed, the banner above it, which depends on the data only."""

    title: str
    html: str
    status: int = 200
    banner: str = ""


def page_key(request):
    """The cache key of the page at the request's path, query string and language, at the
    current data version (read once per request)."""
    if not hasattr(request, "_data_version"):
        request._data_version = data_version()
    page = (request.path, get_language(), sorted(request.GET.lists()))
    digest = hashlib.sha256(repr(page).encode()).hexdigest()
    return f"{NAMESPACE}:{request._data_version}:{digest}"


def storable(value):
    if isinstance(value, StreamingHttpResponse):
        return False
    return value.status_code == 200 if isinstance(value, HttpResponse) else value.status == 200


def cached_content(view):
    """A view returning a Fragment (its content) or a whole response (a download), served from
    the cache when this page was computed at this data version; a Fragment is put into the page
    shell for this request's user."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = page_key(request)
        value = cache.get(key)
        if value is None:
            value = view(request, *args, **kwargs)
            if isinstance(value, Fragment):
                value.banner = render_to_string(BANNER, request=request)
            if storable(value):
                cache.set(key, value)
        if isinstance(value, HttpResponse):
            return value
        context = {"title": value.title, "content": mark_safe(value.html)}  # rendered by us
        context["banner"] = mark_safe(value.banner)
        return render(request, SHELL, context, status=value.status)

    return wrapped


def cached_stream(request, pieces):
    """The pieces (bytes) of a streamed download at the request's page key: from the cache
    when a whole copy is there, else from `pieces()`, each stored as it passes. Stored piece
    by piece under a run's own token, and named complete only after the last, so neither the
    server nor the cache ever holds the document whole, and a copy cut short is never served.
    """
    key = page_key(request)
    stored = cache.get(f"{key}:pieces")
    if stored is not None:
        token, count = stored
        names = [f"{key}:{token}:{n}" for n in range(count)]
        # touch() renews each piece's expiry and says whether it is still there.
        if all(cache.touch(name) for name in names):
            return (cache.get(name) for name in names)
    return stored_as_sent(key, pieces())


def stored_as_sent(key, pieces):
    token, count = uuid.uuid4().hex, 0
    for count, piece in enumerate(pieces, 1):
        cache.set(f"{key}:{token}:{count - 1}", piece)
        yield piece
    cache.set(f"{key}:pieces", (token, count))
