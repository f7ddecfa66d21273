"""The data version is read on every cached page: one plain query, the token of the last bump."""

from django.db import connection

from history.versions import bump_data_version, data_version


def test_the_data_version_is_read_in_one_plain_query(db, django_assert_num_queries):
    token = bump_data_version()
    with django_assert_num_queries(1) as queries:
        assert data_version() == token
    assert connection.ops.quote_name("history_dataversion") in queries.captured_queries[0]["sql"]
