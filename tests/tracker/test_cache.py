"""The Redis cache backend (tracker.cache) builds one Redis client per connection pool, not one
per call, and otherwise is Django's: a round trip through Redis when REDIS_URL is set."""

import os
import uuid

import pytest

from tracker.cache import RedisCache


def test_one_client_serves_every_call():
    cache = RedisCache("redis://127.0.0.1:6379/9", {})  # connects only on the first command
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client  # one server: one pool


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_it_stores_and_reads_through_redis():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    cache.set("page", {"html": "<p>ø</p>"}, 30)
    assert cache.get("page") == {"html": "<p>ø</p>"}
    cache.delete("page")
    assert cache.get("page") is None


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="the memory cache is without Redis")
def test_without_redis_each_process_keeps_every_page_of_the_load_test():
    """The memory cache (no REDIS_URL) holds more than Django's default 300 entries: the load
    test asks for 357 pages and downloads, and a full cache drops a third of them."""
    from django.core.cache.backends.locmem import LocMemCache

    from bench.pages import every_page
    from tracker import settings as project

    configured = project.CACHES["default"]
    assert configured["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    pages = list(every_page())
    for params, kept in ((configured, len(pages)), ({}, 257)):  # {}: Django's default
        memory = LocMemCache(f"test-{uuid.uuid4().hex}", params)
        for page in pages:
            memory.set(page, "html")
        assert sum(memory.get(page) == "html" for page in pages) == kept
