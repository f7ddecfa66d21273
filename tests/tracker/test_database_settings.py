"""The PostgreSQL connection's settings: no JIT compilation (tracker/settings.py says why)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting"),
]


def test_statements_are_not_jit_compiled():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_a_large_statement_runs_without_jit():
    """A statement estimated far above jit_above_cost is still planned without JIT."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit_above_cost = 0")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT SUM(g) FROM generate_series(1, 99) g")
        plan = cursor.fetchone()[0][0]
    assert "JIT" not in plan
