"""Closing a year takes its snapshot under the data-version lock (issue 30, row 16): an
import that is writing when the close starts finishes first, and the snapshot holds what it
wrote. PostgreSQL only: on SQLite the close's first write waits for the database's lock."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from breakdowns.closing import close_year
from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from history.versions import IMPORT_LOCK_KEY, bump_data_version

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="advisory and row locks are PostgreSQL's"
    ),
]


@pytest.fixture(autouse=True)
def reference_data():
    call_command("load_reference", verbosity=0)  # transactional tests start from a flush


def test_a_close_waits_for_an_import_in_progress_and_snapshots_what_it_wrote(make_agreement):
    agreement = make_agreement({2007: "1000.00"})
    closed = []

    def close():
        try:
            closed.append(close_year(2007, note="Report published"))
        finally:
            connection.close()

    with transaction.atomic(), connection.cursor() as cursor:  # an import, as imports do it
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        thread = threading.Thread(target=close)
        thread.start()
        time.sleep(1)
        YearlyAmount.objects.filter(year=2007).update(amount=Decimal(2000))
        facts_refresh([agreement.pk])
        bump_data_version()
        time.sleep(0.5)
        assert thread.is_alive() and not closed  # waiting for the import
    thread.join(30)
    assert closed[0].snapshot["year_totals"] == {"allocated": "2000.00"}
