from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum

from funding.models import ORE, YearlyAmount
from projects.models import Agreement, Recipient

BY_REGION = "agreement__project__recipient__region__name"
BY_CHANNEL = "agreement__project__channel__name"


def totals_by(dimension):
    rows = (
        YearlyAmount.objects.order_by()
        .values(dimension)
        .annotate(total=Sum("amount", default=Decimal(0)))
        .order_by(dimension)
    )
    return {row[dimension]: row["total"].quantize(ORE) for row in rows}


@pytest.fixture
def funding_records(make_agreement, make_project):
    places = [
        ("Albania", "International Organization for Migration"),
        ("Moldova", "United Nations Children's Fund"),
        ("Nigeria", "United Nations Office on Drugs and Crime"),
        ("Western Balkans regional", "International Organization for Migration"),
    ]
    for n, (recipient, channel) in enumerate(places):
        make_agreement(
            title=f"Project {n}",
            recipient=recipient,
            channel=channel,
            amounts={2006: Decimal("1000.10") * (n + 1), 2007: (Decimal("250.55"), "planned")},
        )
    return places


def test_a_dump_loaded_into_an_empty_database_gives_identical_totals(funding_records, tmp_path):
    by_region, by_channel = totals_by(BY_REGION), totals_by(BY_CHANNEL)
    history_rows = YearlyAmount.history.count()
    assert len(by_region) == 2 and len(by_channel) == 3
    dump = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=sessions",
        f"--output={dump}",
        verbosity=0,
    )

    if connection.vendor == "postgresql":
        # Inside the test's transaction, PostgreSQL refuses to TRUNCATE tables with deferred
        # foreign-key checks pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not YearlyAmount.objects.exists() and not Recipient.objects.exists()
    assert not Group.objects.exists()

    call_command("loaddata", str(dump), verbosity=0)
    assert totals_by(BY_REGION) == by_region
    assert totals_by(BY_CHANNEL) == by_channel
    assert YearlyAmount.history.count() == history_rows
    assert Agreement.objects.count() == 4
    assert Group.objects.get(name="Editors").permissions.filter(codename="add_project").exists()
