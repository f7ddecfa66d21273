"""The published figures' unit types beyond amounts and shares: rank, rank_at_most,
NOK_at_least (also against the plans' pledges) and true; each with a figure that matches and
one that differs, on the hand-built dataset (tests/conftest.py)."""

from decimal import Decimal
from pathlib import Path

import pytest

from breakdowns import published
from measures.models import Plan

UNITS = Path(__file__).parent.parent / "data" / "published_figures_units.csv"


@pytest.fixture
def figures(dataset):
    return {figure.key: figure for figure in published.reconcile(UNITS)}


def outcome(figure):
    return figure.status, figure.computed


def test_a_rank_must_be_exactly_the_published_one(figures):
    # countries only: Albania 1500.00, Bosnia and Herzegovina 300.01, Mozambique 200.00
    assert outcome(figures["albania_first"]) == ("match", Decimal(1))
    assert outcome(figures["bosnia_first"]) == ("differs", Decimal(2))


def test_a_rank_at_most_must_be_within_the_top(figures):
    assert outcome(figures["bosnia_top_two"]) == ("match", Decimal(2))
    assert outcome(figures["mozambique_top_two"]) == ("differs", Decimal(3))


def test_a_rank_shows_the_ranking_it_was_checked_against(figures):
    ranking = [(item.rank, item.label, item.checked) for item in figures["bosnia_first"].detail]
    assert ranking == [
        (1, "Albania", False),
        (2, "Bosnia and Herzegovina", True),
        (3, "Mozambique", False),
    ]  # Global is not a country: not ranked


def test_an_amount_at_least_must_reach_the_published_one(figures):
    assert outcome(figures["main_at_least_1900"]) == ("match", Decimal("1900.01"))
    assert outcome(figures["main_at_least_2000"]) == ("differs", Decimal("1900.01"))


def test_the_pledges_figure_compares_with_the_plans_pledged_amounts(dataset):
    # the reference data records NOK 90 million for 2003-2005 and 90 million for 2006-2009
    figure = next(f for f in published.reconcile(UNITS) if f.key == "pledges_met")
    assert (figure.value, figure.status) == (Decimal(180_000_000), "differs")
    assert "NOK 90" in figure.detail[0] and "section 2.2" in figure.detail[0]
    Plan.objects.filter(pledged_amount__isnull=False).update(pledged_amount=Decimal(900))
    figure = next(f for f in published.reconcile(UNITS) if f.key == "pledges_met")
    assert (figure.value, figure.status) == (Decimal(1800), "match")


def test_the_pledges_figure_has_no_data_when_no_plan_records_a_pledge(dataset):
    Plan.objects.update(pledged_amount=None)
    figure = next(f for f in published.reconcile(UNITS) if f.key == "pledges_met")
    assert figure.status == "no data" and "No plan of action" in figure.detail[0]


def test_a_true_figure_holds_when_the_shares_shift_as_stated(figures):
    # Africa (Mozambique, 2008) is none of 2007's geographically allocated money, all of 2008's
    assert outcome(figures["africa_grew_2008"]) == ("match", Decimal(1))
    assert outcome(figures["africa_grew_2007"]) == ("differs", Decimal(0))
    assert figures["africa_grew_2008"].detail == [
        "Africa in 2007: 0.0\u00a0%",
        "Africa in 2008: 100.0\u00a0%",
    ]


def test_an_unknown_unit_is_refused_with_its_line(db, tmp_path):
    path = tmp_path / "figures.csv"
    lines = UNITS.read_text(encoding="utf-8").splitlines()
    path.write_text(lines[0] + "\n" + lines[1].replace(",rank,", ",rnak,") + "\n", "utf-8")
    with pytest.raises(ValueError, match="line 2: unit 'rnak' is not one of"):
        published.load_figures(path)


def test_the_page_shows_the_ranking_and_the_condition(superuser_client, dataset, monkeypatch):
    monkeypatch.setattr(published, "FIGURES", UNITS)
    page = superuser_client.get("/published/").content.decode()
    assert "exactly this rank" in page and "this rank or better" in page
    assert '<li class="checked">#2 Bosnia and Herzegovina' in page
    assert "/breakdowns/country/?among" not in page  # metric parameters stay out of the link
