"""The summed facts (funding.sums) stay equal to the facts they add up, after edits through the
ORM, imports and full refreshes, and the overview reads them only where they answer its filter,
with the same tables as from the facts."""

from collections import Counter

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from breakdowns.filters import funding_filter
from breakdowns.overview import overview_tables, summed
from funding import fact_refresh
from funding.facts import MEDIUM, SMALL
from funding.models import Fact
from funding.sums import NONE_AFTER, NONE_BEFORE, ChannelSum, RecipientSum
from imports.services import import_records
from projects.models import Project

from .test_facts import SETTINGS, agreement, edit, edited, records

periods = st.fixed_dictionaries(
    {
        "first": st.one_of(st.none(), st.integers(2003, 2009)),
        "last": st.one_of(st.none(), st.integers(2003, 2009)),
        "objective": st.sampled_from([None, "main", "subsidiary", "all"]),
    }
)


def by_hand():
    """The sums computed from the facts in Python: {(table, key): [øre, facts]}."""
    sums = Counter()
    for f in Fact.objects.all():
        size = 2 if f.ore > MEDIUM * 100 else 1 if f.ore > SMALL * 100 else 0
        prev = NONE_BEFORE if f.prev_any is None else f.prev_any
        small = f.small_prev_any if size >= 1 and f.small_prev_any is not None else 0
        medium = f.medium_prev_any if size == 2 and f.medium_prev_any is not None else 0
        after = NONE_AFTER if f.next_any is None else f.next_any
        keys = {
            "recipient": (f.recipient_id, f.objective, f.year, prev, after, small, medium, size),
            "channel": (f.channel_id, f.objective, f.year, prev),
        }
        for table, key in keys.items():
            sums[table, key, "ore"] += f.ore
            sums[table, key, "facts"] += 1
    return +sums


def stored():
    sums = Counter()
    fields = ["recipient_id", "objective", "year", "prev_any", "next_any", "small_prev_any"]
    fields += ["medium_prev_any", "size"]
    for table, model, names in (
        ("recipient", RecipientSum, fields),
        ("channel", ChannelSum, ["channel_id", "objective", "year", "prev_any"]),
    ):
        for row in model.objects.values(*names, "ore", "facts"):
            key = tuple(row[name] for name in names)
            sums[table, key, "ore"] += row["ore"]
            sums[table, key, "facts"] += row["facts"]
            assert row["facts"] > 0, row  # emptied rows are dropped
    return sums


def the_filter(period):
    data = QueryDict(mutable=True)
    for name, value in (("year_from", period["first"]), ("year_to", period["last"])):
        if value is not None:
            data[name] = str(value)
    if period["objective"]:
        data["objective"] = period["objective"]
    return data


def overview(basis, both, objective):
    kept = None if objective in (None, "all") else {objective}
    tables, objectives, profile = overview_tables(basis, both, kept, None, None)
    rows = {
        slug: [(r.key, r.amount, r.share, r.agreements, r.agreement_years) for r in t.rows]
        for slug, t in tables.items()
    }
    return rows, [(r.key, r.amount) for r in objectives.rows], profile


def check(period):
    assert stored() == by_hand()
    if None not in (period["first"], period["last"]) and period["first"] > period["last"]:
        return  # the filter form refuses a reversed period
    f = funding_filter(the_filter(period))
    both = funding_filter(the_filter(period | {"objective": "all"}))
    assert f.is_valid() and both.is_valid(), f.errors
    from_sums = summed(f)
    assert from_sums is not None
    assert overview(*from_sums, period["objective"]) == overview(f.qs, both.qs, period["objective"])


@SETTINGS
@given(st.lists(agreement, min_size=1, max_size=5), st.lists(edit, max_size=6), periods)
def test_the_sums_equal_the_facts_after_any_edits(db, specs, edits, period):
    edited(specs, edits)
    check(period)


@SETTINGS
@given(st.lists(agreement, min_size=1, max_size=4), periods)
def test_the_sums_equal_the_facts_after_imports(db, specs, period):
    Project.objects.all().delete()
    assert import_records(records(specs[: len(specs) // 2 + 1])).ok
    assert import_records(records(specs, changed=True)).ok
    check(period)


def test_a_full_refresh_writes_the_same_sums(make_agreement):
    make_agreement({2006: ("10.00", "planned"), 2007: "200000.00", 2008: "3000000.00"})
    make_agreement({2007: "1000001.00"}, title="Other", recipient="Nepal")
    before = stored()
    fact_refresh.refresh()
    assert stored() == before == by_hand() and before


def tables_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return {name for name in ("funding_recipientsum", "funding_channelsum", "funding_fact")
            if name in sql}  # fmt: skip


def test_the_overview_reads_the_sums_only_for_years_and_an_objective(
    superuser_client, make_agreement
):
    make_agreement({2006: "10.00", 2007: "20.00"})
    sums = {"funding_recipientsum", "funding_channelsum"}
    for url in ("/", "/?objective=all", "/?year_from=2006&year_to=2007&objective=subsidiary"):
        assert tables_read(superuser_client, url) == sums, url
    for url in ("/?region=Europe", "/?status=planned", "/?unit=West+Balkans+Section"):
        assert tables_read(superuser_client, url) == {"funding_fact"}, url
