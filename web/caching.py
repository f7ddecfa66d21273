"""Pages and downloads from the cache: a page computed once for a path, query string and data
version (history.versions) is served from the cache to everyone after, until the data changes.

Only what is the same for every user is cached: a page's title and content (its `Fragment`),
or a download's whole response. The page around the content (the user's name, the CSRF token
of the log-out form, the messages) is rendered afresh for each request, so nothing one user
sees reaches another. The data version is read from the database once per request, so a
change is visible on the very next request, through any instance.
"""

import hashlib
from contextvars import ContextVar
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
# While a page's content is computed: (NAMESPACE, the data version it is computed at), so that
# the parts every page shares can be kept for that version (web.filters' reference lists).
computing_at = ContextVar("computing_at", default=None)


@dataclass
class Fragment:
    """A page's content, the same for every user: its title, its HTML and its status; and,
    once cached, the banner above it (cached_page), which depends on the data only."""

    title: str
    html: str
    status: int = 200
    banner: str = ""


def request_version(request):
    """The data version, read once per request."""
    if not hasattr(request, "_data_version"):
        request._data_version = data_version()
    return request._data_version


def page_key(request, part=""):
    """The cache key of the page at the request's path and query string (`part` may add to
    it), at the current data version."""
    query = sorted(request.GET.lists())
    page = (request.path, get_language(), part, query)  # the content is in the user's language
    digest = hashlib.sha256(repr(page).encode()).hexdigest()
    return f"{NAMESPACE}:{request_version(request)}:{digest}"


def cached(request, compute, part=""):
    """`compute()`'s value for this page and data version, from the cache if it is there.
    `compute` returns a Fragment or an HttpResponse; only complete 200 answers are stored."""
    key = page_key(request, part)
    value = cache.get(key)
    if value is None:
        token = computing_at.set((NAMESPACE, request_version(request)))
        try:
            value = compute()
        finally:
            computing_at.reset(token)
        if storable(value):
            cache.set(key, value)
    return value


def storable(value):
    if isinstance(value, StreamingHttpResponse):
        return False
    return value.status_code == 200 if isinstance(value, HttpResponse) else value.status == 200


def cached_page(request, compute, part=""):
    """The response for a page whose content (or download) `compute()` gives, from the cache
    when it can be: a Fragment is put into the page shell for this request's user."""
    value = cached(request, lambda: with_banner(request, compute()), part)
    if isinstance(value, HttpResponse):
        return value
    context = {"title": value.title, "content": mark_safe(value.html)}  # rendered by us
    context["banner"] = mark_safe(value.banner)
    return render(request, SHELL, context, status=value.status)


def with_banner(request, value):
    """A Fragment with the banner rendered once beside it (the demo data's, from the context
    processors), so that a page from the cache asks the database nothing for it."""
    if isinstance(value, Fragment):
        value.banner = render_to_string(BANNER, request=request)
    return value
