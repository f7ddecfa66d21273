"""The database goes away while a large import writes: the command ends with a clear error,
the database holds all of the import or none of it, and the same file imports afterwards.

The loss is real but local: a second connection terminates this test's own PostgreSQL backend
(pg_terminate_backend) at a chosen statement, which the client sees exactly as it sees a
server restart. The machine's server is shared, so it is not restarted here
(docs/production.md, "Faults", says what a restart does)."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from funding.models import ImportRun, YearlyAmount
from projects.models import Project

from .importing import run_import, wide_rows, write

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates a PostgreSQL backend"),
]
ROWS = 3000


@pytest.fixture(autouse=True)
def reference_data():
    call_command("load_reference", verbosity=0)  # transactional tests start from a flush


def terminate_at(prefix):
    """An execute wrapper that kills this connection's backend just before the first statement
    starting with `prefix` runs, so that statement meets a dead connection."""
    fired = []

    def wrapper(execute, sql, params, many, context):
        if not fired and sql.lstrip().startswith(prefix):
            fired.append(sql)
            pid = connection.connection.info.backend_pid
            with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)

    return wrapper, fired


def test_a_loss_before_the_commit_writes_nothing_and_the_rerun_imports_all(tmp_path):
    path = write(tmp_path, wide_rows(ROWS))
    wrapper, fired = terminate_at(f"INSERT INTO {YearlyAmount._meta.db_table}")
    with connection.execute_wrapper(wrapper):
        code, _, err = run_import(path)
    assert fired and code == 1
    assert "The database stopped answering during the import" in err
    assert "nothing was written" in err
    assert (Project.objects.count(), YearlyAmount.objects.count()) == (0, 0)
    failed = ImportRun.objects.get()
    assert not failed.succeeded and "stopped answering" in failed.errors[0]["message"]
    assert run_import(path)[0] == 0
    assert (Project.objects.count(), YearlyAmount.objects.count()) == (ROWS, 2 * ROWS)


def test_a_loss_after_the_commit_keeps_all_and_the_rerun_finds_it_unchanged(tmp_path):
    path = write(tmp_path, wide_rows(ROWS))
    wrapper, fired = terminate_at(f'UPDATE "{ImportRun._meta.db_table}"')
    with connection.execute_wrapper(wrapper):
        code, _, err = run_import(path)
    assert fired and code == 1
    assert "The import was committed, but the database stopped answering" in err
    assert (Project.objects.count(), YearlyAmount.objects.count()) == (ROWS, 2 * ROWS)
    code, out, _ = run_import(path)
    assert code == 0 and f"amounts 0 created, 0 updated, {2 * ROWS} unchanged" in out
