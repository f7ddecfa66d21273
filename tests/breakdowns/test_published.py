"""Published figures against the records: match, differ, no data."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from breakdowns import published

SMALL = Path(__file__).parent.parent / "data" / "published_figures_small.csv"


def statuses(figures):
    return {figure.key: (figure.status, figure.computed) for figure in figures}


def test_each_figure_gets_its_status_from_the_hand_built_records(dataset):
    D = Decimal
    assert statuses(published.reconcile(SMALL)) == {
        "main_total": ("match", D("1900.01")),
        "main_total_wrong": ("differs", D("1900.01")),
        "ukraine": ("no data", None),
        "europe_share": ("match", D("0.9000")),
        "agreements": ("match", D(4)),
        "one_year": ("match", D(3)),
        "one_year_unit": ("match", D(1)),  # D; A spans 2006-2007
        "small_years": ("match", D(5)),
        "le_1m": ("match", D("1.0000")),
        "ratio": ("match", D("0.9000")),  # 900.01 / 1000.00
        "un_family": ("match", D("300.01")),
        "nothing_2020": ("no data", None),
    }


def test_every_figure_has_no_data_in_an_empty_database(db):
    assert {figure.status for figure in published.reconcile(SMALL)} == {"no data"}


def test_the_fixture_holds_every_published_figure_with_a_computation(db):
    path = Path(settings.BASE_DIR) / "fixtures" / "published_figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 35 and all(row["computation"].startswith("metric=") for row in rows)
    assert {figure.status for figure in published.reconcile()} == {"no data"}


def test_the_page_shows_quote_basis_value_difference_and_status(superuser_client, dataset):
    page = superuser_client.get("/published/").content.decode()
    assert "NOK 252 million for the 2000–2010 period" in page
    assert "objective=main; years 2000-2010" in page
    assert "NOK 252\u202f000\u202f000" in page
    assert "NOK 1\u202f900" in page  # computed: the main objective's 1900.01
    assert "differs" in page and "no data" in page
    assert "/breakdowns/region/?objective=main&amp;year_from=2000&amp;year_to=2010" in page


def test_reconcile_prints_the_comparison(dataset, monkeypatch):
    monkeypatch.setattr(published, "FIGURES", SMALL)
    out = io.StringIO()
    call_command("reconcile", stdout=out)
    assert "differs   main_total_wrong" in out.getvalue()
    assert "9 match, 1 differ, 2 no data" in out.getvalue()


def test_strict_reconcile_fails_when_a_figure_differs_or_has_no_data(dataset, monkeypatch):
    monkeypatch.setattr(published, "FIGURES", SMALL)
    with pytest.raises(CommandError, match="main_total_wrong, ukraine"):
        call_command("reconcile", "--strict", stdout=io.StringIO())


def test_strict_reconcile_passes_when_every_figure_matches(dataset, monkeypatch, tmp_path):
    path = tmp_path / "figures.csv"
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    monkeypatch.setattr(published, "FIGURES", path)
    call_command("reconcile", "--strict", stdout=io.StringIO())
