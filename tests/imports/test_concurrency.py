"""Two imports at once: the advisory lock makes the second wait for the first."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from funding.models import ImportRun
from imports.services import LOCK_KEY, import_file
from projects.models import Project

from .importing import wide_rows, write

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="advisory locks are PostgreSQL's; SQLite's database lock already serialises",
    ),
]


@pytest.fixture(autouse=True)
def reference_data():
    call_command("load_reference", verbosity=0)  # transactional tests start from a flush


def in_thread(target, results):
    def run():
        try:
            results.append(target())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_concurrent_imports_of_one_file_never_interleave(tmp_path):
    path = write(tmp_path, wide_rows(300))
    results, start = [], threading.Barrier(2)

    def importer():
        start.wait()
        return import_file(path)

    threads = [in_thread(importer, results) for _ in range(2)]
    for thread in threads:
        thread.join(60)
    assert [r.ok for r in results] == [True, True], [r.errors for r in results]
    assert sorted(r.run.projects_created for r in results) == [0, 300]
    assert sorted(r.run.projects_unchanged for r in results) == [0, 300]
    assert Project.objects.count() == 300


def test_an_import_waits_while_another_holds_the_lock(tmp_path):
    path = write(tmp_path, wide_rows(3))
    results = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        thread = in_thread(lambda: import_file(path), results)
        time.sleep(1)
        assert thread.is_alive() and not results
        assert not Project.objects.exists()
    thread.join(30)
    assert results[0].ok and ImportRun.objects.get().projects_created == 3
