"""Closing a reporting year: its amounts stay as reported, by every write path, and the
published figures keep a snapshot that /published/ compares with the live values."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from breakdowns.closing import close_year
from funding.models import ClosedYear, YearlyAmount
from funding.refresh import facts_refresh
from tests.breakdowns.test_queries import PUBLISHED
from tests.imports.importing import run_import, snapshot, write


def close(year, *args):
    out = io.StringIO()
    call_command("close_year", str(year), *args, stdout=out)
    return out.getvalue()


def test_closing_a_year_keeps_who_when_why_and_the_figures(dataset, superuser):
    out = close(2007, "--note", "Report published 5 February 2008", "--user", "boss")
    assert "Closed 2007" in out
    closed = ClosedYear.objects.get(year=2007)
    assert (closed.closed_by, closed.note) == (superuser, "Report published 5 February 2008")
    assert closed.snapshot["figures"]["direct_total_2000_2010"] == "1900.01"
    assert closed.snapshot["year_totals"] == {"allocated": "800.01", "disbursed": "100.00"}
    record = closed.history.get()
    assert (record.history_type, record.history_user) == ("+", superuser)
    assert record.history_change_reason == "Report published 5 February 2008"


def test_reopening_is_recorded_with_its_reason_and_the_snapshot(dataset, superuser):
    close(2007, "--note", "published", "--user", "boss")
    call_command(
        "reopen_year", "2007", "--reason", "Typo in C", "--user", "boss", stdout=io.StringIO()
    )
    assert not ClosedYear.objects.exists()
    reopened = ClosedYear.history.filter(year=2007).order_by("history_id").last()
    assert (reopened.history_type, reopened.history_user) == ("-", superuser)
    assert reopened.history_change_reason == "Typo in C"
    assert reopened.snapshot["figures"]


def test_the_commands_refuse_what_makes_no_sense(db):
    close(2007, "--note", "published")
    with pytest.raises(CommandError, match="2007 is a closed reporting year"):
        close(2007, "--note", "again")
    with pytest.raises(CommandError, match="2008 is not a closed year"):
        call_command("reopen_year", "2008", "--reason", "x")
    with pytest.raises(CommandError, match="No user is named 'nobody'"):
        close(2009, "--note", "x", "--user", "nobody")
    with pytest.raises(CommandError, match="Say why"):
        close(2009, "--note", " ")
    with pytest.raises(CommandError, match="within 100 characters; it has 101"):
        call_command("reopen_year", "2007", "--reason", "x" * 101)
    assert ClosedYear.objects.filter(year=2007).exists()


def test_a_long_note_is_kept_whole_and_shortened_in_the_history(db):
    close(2007, "--note", "Published. " * 30)
    closed = ClosedYear.objects.get()
    assert closed.note == ("Published. " * 30).strip()
    reason = closed.history.get().history_change_reason
    assert len(reason) == 100 and reason.startswith("Published. Published.")


WIDE = "Project title,Agreement partner,Country,Administering unit,Measures,2007,2008\n"


def test_an_import_touching_a_closed_year_is_refused_whole_naming_each_row(tmp_path, db):
    first = write(
        tmp_path, WIDE + "P1,Norwegian Church Aid,Albania,West Balkans Section,1,100,200\n"
    )
    assert run_import(first)[0] == 0
    close(2007, "--note", "published")
    before = snapshot()
    changed = write(
        tmp_path,
        WIDE
        + "P1,Norwegian Church Aid,Albania,West Balkans Section,1,150,300\n"
        + "P2,Norwegian Church Aid,Albania,West Balkans Section,1,10,20\n"
        + "P3,Norwegian Church Aid,Albania,West Balkans Section,1,,20\n",
        name="changed.csv",
    )
    code, _, err = run_import(changed)
    assert code == 1 and snapshot() == before
    assert 'line 2, column "2007": this row would change an amount of 2007' in err
    assert 'line 3, column "2007": this row would create an amount of 2007' in err
    assert "closed by the command line" in err and "line 4" not in err


def test_an_unchanged_amount_of_a_closed_year_lets_the_rest_import(tmp_path, db):
    line = "P1,Norwegian Church Aid,Albania,West Balkans Section,1,100,{}\n"
    assert run_import(write(tmp_path, WIDE + line.format(200)))[0] == 0
    close(2007, "--note", "published")
    assert run_import(write(tmp_path, WIDE + line.format(250), name="b.csv"))[0] == 0
    assert YearlyAmount.objects.get(year=2008).amount == Decimal(250)


def test_the_demo_loader_leaves_a_closed_year_alone(db):
    call_command("load_demo", stdout=io.StringIO())
    # the demo closes 2007 itself; staff take the closure over, which the loader must respect
    call_command("reopen_year", "2007", "--reason", "staff check", stdout=io.StringIO())
    close(2007, "--note", "published")
    before = snapshot()
    with pytest.raises(CommandError, match="2007 is a closed reporting year"):
        call_command("load_demo", "--remove", stdout=io.StringIO())
    assert snapshot() == before


def test_the_demo_loader_does_not_write_into_a_closed_year(db):
    close(2007, "--note", "published")
    with pytest.raises(CommandError, match="would create an amount of 2007"):
        call_command("load_demo", stdout=io.StringIO())
    assert not YearlyAmount.objects.exists()


def test_published_shows_the_snapshot_beside_the_live_value_and_flags_drift(
    superuser_client, dataset
):
    close_year(2007, note="Report published", user=None)
    page = superuser_client.get("/published/").content.decode()
    assert "Closed year 2007" in page and "changed since closing" not in page
    # A planned amount of another year, later recorded with another value, moves the total.
    YearlyAmount.objects.filter(year=2008).update(amount=Decimal("250.00"), status="disbursed")
    facts_refresh()  # as an import's SQL does
    page = superuser_client.get("/published/").content.decode()
    assert "changed since closing" in page
    # the subsidiary total, when closed and now
    assert '<td class="num">NOK 200</td><td class="num">NOK 250</td>' in page


def test_published_runs_one_query_more_per_closed_year(
    superuser_client, dataset, django_assert_max_num_queries
):
    close_year(2007, note="Report published", user=None)
    close_year(2006, note="Report published", user=None)
    with django_assert_max_num_queries(PUBLISHED + 2):  # test_queries.py, and 1 per year
        superuser_client.get("/published/")
