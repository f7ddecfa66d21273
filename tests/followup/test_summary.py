"""Section 2.2 of the yearly report for any year: its rules (rounding, hedges), the 2007 demo's
section against the report and the published figures, another year's periods, and each
figure's link to the breakdown behind it."""

import re
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from breakdowns.published import compute, filter_query, reconcile
from followup.summary import Figure, Note, summary_paragraphs, summary_section
from followup.summary.rules import (
    amount_text,
    by_far,
    change_words,
    fulfilment,
    hedge,
    rounded,
    share_text,
    share_words,
)

# With the db tests, before pytest-django's transactional tests flush the migrations' data.
pytestmark = pytest.mark.django_db

D = Decimal
NBSP = "\u00a0"
REPORT = Path(settings.BASE_DIR) / "fixtures" / "sources" / "mfa-trafficking-report-2007.txt"
# Our figure -> the published figure (fixtures/published_figures.csv) it must equal for 2007.
PUBLISHED = {
    "projects": "projects_count", "agreements": "agreements_count",
    "one_year": "agreements_one_year", "multi_year": "agreements_multi_year",
    "small_years": "projects_le_100k", "small_agreements": "agreements_le_1m_share",
    "unit_1": "one_year_west_balkans", "unit_2": "one_year_human_rights",
    "unit_3": "one_year_global_security", "awarded": "direct_2003_2007",
    "awarded_subsidiary": "subsidiary_2003_2007", "planned": "planned_2007_2009",
    "total": "direct_total_2000_2010", "total_subsidiary": "subsidiary_total_2000_2010",
    "region_1_share": "region_europe_share", "country_1_share": "country_bih_share",
    "country_1_amount": "country_bih_amount", "region_2_share": "region_asia_share",
    "region_2_amount": "region_asia_amount", "region_3_share": "region_africa_share",
    "region_3_amount": "region_africa_amount", "channel_1_amount": "channel_iom",
    "un": "channel_group_un", "un_member_1_amount": "channel_unicef",
    "ngos": "channel_group_norwegian_ngo",
    "ngos_member_1_amount": "channel_save_the_children_norway",
    "balkans": "balkans_2007_vs_2006",
}  # fmt: skip
# The published rankings and the row our ranked figure must be.
RANKED = {
    "region_europe_rank": "region_1_share", "country_bih_rank": "country_1_share",
    "country_albania_rank": "country_2_share", "country_macedonia_rank": "country_3_share",
    "channel_iom_rank": "channel_1_amount",
    "channel_scn_rank_norwegian_ngos": "ngos_member_1_amount",
}  # fmt: skip


def printed(section):
    """The figures the section prints, each once."""
    found = {}
    for parts in section.paragraphs:
        for part in parts:
            if isinstance(part, Figure):
                found.setdefault(part.key, part)
    return list(found.values())


def text(section):
    return "\n".join(["".join(map(str, parts)) for parts in section.paragraphs] + section.footnotes)


@dataclass
class Demo:
    section: object
    text: str
    recomputed: dict  # figure key -> breakdowns.published.compute(its computation)
    published: dict  # published figure key -> breakdowns.published.Figure, reconciled


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's 2007 section, its figures recomputed one by one and the published figures, read
    in one transaction rolled back at once: the demo loads once for this module's tests."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        section = summary_section(2007)
        recomputed = {figure.key: compute(figure.computation) for figure in printed(section)}
        published = {figure.key: figure for figure in reconcile()}
        transaction.set_rollback(True)
    return Demo(section, text(section), recomputed, published)


# The rules (docs/follow-up.md, "Section 2.2")


def test_amounts_round_half_up_from_their_tenths():
    assert rounded(D("58.48")) == 59 and rounded(D("47.48")) == 48
    assert rounded(D("58.45")) == 59 and rounded(D("58.4499")) == 58
    assert rounded(D("57.5")) == 58 and rounded(D("58.5")) == 59  # half up, not to even
    assert rounded(D("18.4005")) == 18 and rounded(D("251.999")) == 252


def test_a_figure_is_hedged_by_how_far_the_exact_value_is_from_the_printed_one():
    assert hedge(D(60), D(60)) is None
    assert hedge(D("58.89"), D(59)) == "nearly"  # short by more than a tenth
    assert hedge(D("58.9"), D(59)) == "around"  # short by a tenth exactly
    assert hedge(D("200.001"), D(200)) == "around"
    assert hedge(D("59.3"), D(59)) == "around"


def test_amounts_print_in_millions_with_their_hedge():
    assert amount_text(D(58_480_000)) == "nearly NOK 59 million"
    assert amount_text(D(47_480_000)) == "nearly NOK 48 million"
    assert amount_text(D(60_000_000)) == "NOK 60 million"
    assert amount_text(D(200_001_000)) == "around NOK 200 million"
    assert amount_text(D(251_999_000)) == "around NOK 252 million"  # to the million, not 250
    assert amount_text(D(390_000)) == "NOK 390\u202f000"  # below half a million: thousands
    assert amount_text(D(389_600)) == "nearly NOK 390\u202f000"


def test_shares_print_in_whole_per_cent_with_their_hedge():
    assert share_text(D("0.2658")) == f"nearly 27{NBSP}%"
    assert share_text(D("0.1432")) == f"around 14{NBSP}%"
    assert share_text(D("0.52")) == f"52{NBSP}%"


@pytest.mark.parametrize(
    ("share", "words"),
    [("0.4499", f"around 45{NBSP}%"), ("0.45", "nearly half"), ("0.4999", "nearly half"),
     ("0.5", "half"), ("0.5001", "just over half"), ("0.5499", "just over half"),
     ("0.55", "well over half"), ("0.6377", "well over half"), ("0.7499", "well over half"),
     ("0.75", "three quarters"), ("0.7501", "more than three quarters"),
     ("0.9499", "more than three quarters"), ("0.95", "nearly all"), ("0.9999", "nearly all"),
     ("1", "all")],
)  # fmt: skip
def test_a_share_is_written_in_words_between_its_bounds(share, words):
    assert share_words(D(share)) == words


@pytest.mark.parametrize(
    ("ratio", "words"),
    [("0.4499", "more than halved"), ("0.45", "almost halved"), ("0.5", "almost halved"),
     ("0.5999", "almost halved"), ("0.6", f"fell by 40{NBSP}%"), ("0.9499", f"fell by 5{NBSP}%"),
     ("0.95", "stayed about the same"), ("1.05", "stayed about the same"),
     ("1.0501", f"rose by 5{NBSP}%"), ("1.8999", f"rose by 90{NBSP}%"),
     ("1.9", "almost doubled"), ("1.9999", "almost doubled"), ("2", "doubled"),
     ("2.0001", "more than doubled")],
)  # fmt: skip
def test_a_change_from_the_year_before_is_written_in_words_between_its_bounds(ratio, words):
    assert change_words(D(ratio)) == words


def test_the_largest_share_is_by_far_the_largest_at_one_and_a_half_times_the_second():
    assert by_far(D("0.45"), D("0.3"))
    assert not by_far(D("0.4499"), D("0.3"))
    assert by_far(D("0.5166"), D("0.2658"))
    assert by_far(D("0.3"), None)


def test_pledges_are_kept_with_a_good_margin_above_ten_per_cent():
    pledged = D(180_000_000)
    assert fulfilment(D(198_000_001), pledged) == "margin"
    assert fulfilment(D(198_000_000), pledged) == "kept"
    assert fulfilment(pledged, pledged) == "kept"
    assert fulfilment(D("179999999.99"), pledged) == "short"
    assert fulfilment(None, pledged) is None


# The demo's 2007 section against the report


def test_the_demo_prints_59_for_asia_and_48_for_africa(demo):
    assert (
        f"Asia follows with nearly 27{NBSP}% of the funding (nearly NOK 59 million), then Africa "
        f"with nearly 22{NBSP}% (nearly NOK 48 million)." in demo.text
    )


def test_the_demo_names_the_reports_leaders_in_its_order(demo):
    names = [
        "West Balkans Section (77)", "Section for Human Rights and Democracy (15)",
        "Section for Global Security and the CIS Countries (14)",
        "Europe receives by a wide margin",
        "Bosnia and Herzegovina", "Albania", "Macedonia", "Asia", "Africa",
        "International Organization for Migration (IOM)", "UNICEF", "Save the Children Norway",
    ]  # fmt: skip
    places = [demo.text.index(name) for name in names]
    assert places == sorted(places)
    # the country's name of 2007 (projects.EarlierName)
    assert "The next largest recipient countries are Albania and Macedonia." in demo.text


def test_the_demo_states_the_pledges_and_that_they_were_kept_with_a_good_margin(demo):
    pledges, funding = ("".join(map(str, parts)) for parts in demo.section.paragraphs[:2])
    assert pledges == (
        "With the plan of action for 2003–2005, the Government pledged NOK 90 million from the "
        "Ministry's budget for the work against human trafficking. A further NOK 90 million was "
        "promised with the plan of action Stop human trafficking (2006–2009)."
    )
    assert (
        "around NOK 200 million was paid out or allocated from 2003 to the end of 2007" in funding
    )
    assert (
        "The pledges of NOK 180 million in all have thus been kept with a comfortable margin."
        in (funding)
    )


def test_the_demo_uses_the_2007_reports_periods(demo):
    assert "has been approved in 2000–2010." in demo.text
    assert "For 2007–2009, the Ministry has already planned around NOK 27 million" in demo.text
    assert "almost halved between 2006 and 2007." in demo.text
    assert demo.section.footnotes[1] == (
        "The figures by region and country are the amounts paid out or allocated in 2000–2010."
    )


def test_each_footnote_follows_its_sentence(demo):
    marks = [
        (str(parts[i - 1]).strip(), part.index)
        for parts in demo.section.paragraphs
        for i, part in enumerate(parts)
        if isinstance(part, Note)
    ]
    assert marks == [("agreements.", 0), ("of the total.", 1)]
    assert demo.section.footnotes[0].startswith("Here one agreement covers one project name")


def test_for_2007_every_figure_equals_the_published_figures_computation(demo):
    figures = demo.section.figures
    for ours, theirs in PUBLISHED.items():
        assert figures[ours].value == demo.published[theirs].computed, ours
    for theirs, ours in RANKED.items():
        published = demo.published[theirs]
        assert (
            QueryDict(published.computation)["row"] == QueryDict(figures[ours].computation)["row"]
        )
    assert demo.published["plan_pledges_met"].computed == figures["awarded"].value
    assert demo.published["plan_pledges_met"].value == D(180_000_000)


def test_every_figure_is_what_its_computation_gives_and_links_to_its_filters(demo):
    for figure in printed(demo.section):
        assert demo.recomputed[figure.key] == figure.value, figure.key
        assert_links_to_its_filters(figure)


def assert_links_to_its_filters(figure):
    query = QueryDict(figure.computation)
    dimension = "year" if query["metric"] == "year_ratio" else query.get("dimension", "objective")
    url = urlsplit(figure.url)
    assert url.path == reverse("breakdown", args=[dimension]), figure.key
    filters = filter_query(query)
    expected = sorted((name, value) for name in filters for value in filters.getlist(name))
    assert sorted(parse_qsl(url.query)) == expected, figure.key


def words(text):
    return re.findall(r"\w+", text.casefold())


def report_section():
    source = REPORT.read_text(encoding="utf-8")
    start = source.index("\n2.2 Scope and distribution of project support")
    return source[start : source.index("\n2.3 Evaluation")]


def test_the_demo_section_shares_no_ten_words_and_no_sentence_with_the_report(demo):
    theirs, ours = words(report_section()), words(demo.text)
    sequences = {tuple(theirs[i : i + 10]) for i in range(len(theirs) - 9)}
    shared = [
        ours[i : i + 10] for i in range(len(ours) - 9) if tuple(ours[i : i + 10]) in sequences
    ]
    assert shared == []
    sentences = {" ".join(words(s)) for s in re.split(r"(?<=[.!?])\s", report_section())}
    assert [
        s for s in re.split(r"(?<=[.!?])\s", demo.text) if " ".join(words(s)) in sentences
    ] == []


# Other years, and missing figures


@pytest.fixture
def balkans_and_africa(make_agreement):
    """Albania (the West Balkans) and Mozambique, main objective, 2003 to 2010."""
    make_agreement(
        recipient="Albania",
        amounts={
            2003: 1_000_000,
            2007: (4_000_000, "disbursed"),
            2008: 2_000_000,
            2010: (500_000, "planned"),
        },
    )
    make_agreement(recipient="Mozambique", unit="Embassy in Maputo",
                   amounts={2008: 3_000_000, 2009: (1_500_000, "planned")})  # fmt: skip


def test_a_2008_summary_uses_2008s_periods(balkans_and_africa):
    section = summary_section(2008)
    written = text(section)
    assert "has been approved in 2003–2011." in written
    assert "was paid out or allocated from 2003 to the end of 2008" in written
    assert "For 2008–2010, the Ministry has already planned NOK 2 million" in written
    assert "Project funding in the West Balkans almost halved between 2007 and 2008." in written
    assert "allocated in 2003–2011." in section.footnotes[1]
    awarded = dict(parse_qsl(urlsplit(section.figures["awarded"].url).query))
    assert (awarded["year_from"], awarded["year_to"]) == ("2003", "2008")
    assert "from 2003 to the end of 2007" in text(summary_section(2007))
    assert "For 2007–2009" in text(summary_section(2007))


def test_every_figure_links_to_a_breakdown_page_showing_it(balkans_and_africa, analyst_client):
    checked = 0
    for figure in printed(summary_section(2008)):
        assert_links_to_its_filters(figure)
        assert compute(figure.computation) == figure.value, figure.key
        query = QueryDict(figure.computation)
        if query["metric"] not in ("amount", "share"):
            continue
        page = analyst_client.get(f"{figure.url}&format=json").json()
        keys = [row["key"] for row in page["rows"]]
        if figure.value is None:  # no data: the page has nothing either
            assert query.get("row") not in keys if "row" in query else keys == [], figure.key
        elif "row" in query:
            row = next(row for row in page["rows"] if row["key"] == query["row"])
            assert D(row[query["metric"]]) == figure.value, figure.key
        else:
            assert D(page["total"]) == figure.value, figure.key
        checked += 1
    assert checked == 13


def test_missing_figures_read_as_no_data_in_whole_sentences(db):
    written = text(summary_section(2007))
    assert "holds [no data] projects and project plans" in written
    assert "The records hold no funding by region for 2007–2010." in written
    assert "The records give no comparison of project funding in the West Balkans" in written
    assert "%(" not in written


def test_summary_paragraphs_is_the_sections_paragraphs(balkans_and_africa):
    assert [list(map(str, parts)) for parts in summary_paragraphs(2008)] == [
        list(map(str, parts)) for parts in summary_section(2008).paragraphs
    ]


def test_the_section_reads_in_norwegian(balkans_and_africa):
    with translation.override("nb"):
        written = text(summary_section(2008))
    assert "Prosjektstøtten på Vest-Balkan ble nesten halvert mellom 2007 og 2008." in written
    assert "For 2008–2010 har departementet allerede planlagt NOK 2 millioner" in written
    assert "det største årlige beløpet NOK 1 million eller mindre" in written
    assert (
        "Tallene for regioner og land er beløpene som er utbetalt eller tildelt i 2003–2011."
        in (written)
    )
