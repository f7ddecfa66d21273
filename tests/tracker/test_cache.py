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
