"""The funding facts stay exact: after inserts, updates and deletes through the ORM and after
imports, every breakdown, the measure split and the agreement profile read from the facts equal
the plain query over the yearly amounts (COUNT(DISTINCT), joins), for random filters."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakdowns.dimensions import DIMENSIONS
from breakdowns.filters import funding_filter
from breakdowns.labels import FAMILY_DEPTH
from breakdowns.tables import breakdown, by_year
from funding import fact_refresh
from funding.facts import SMALL, FactPart
from funding.models import Fact, YearlyAmount
from imports.services import import_records
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
)

STAGES = ["planned", "allocated", "disbursed"]
RECIPIENTS = ["Albania", "Global", "Mozambique", "Nepal"]
CHANNELS = ["International Organization for Migration", "Save the Children Norway"]
UNITS = ["West Balkans Section", "Embassy in Maputo"]
SHARES = [(), ((1, 100),), ((1, 66.67), (2, 33.33)), ((3, 50), (1, 50))]
# amounts on both sides of NOK 100 000 and NOK 1 000 000, the profile's categories
money = st.sampled_from(["5.00", "100000.00", "100000.01", "999999.99", "1000000.01", "77.77"])
year_amounts = st.dictionaries(
    st.integers(2003, 2009), st.tuples(money, st.sampled_from(STAGES)), min_size=1, max_size=4
)
agreement = st.fixed_dictionaries(
    {
        "amounts": year_amounts,
        "recipient": st.sampled_from(RECIPIENTS),
        "channel": st.sampled_from(CHANNELS),
        "unit": st.sampled_from(UNITS),
        "objective": st.sampled_from(["main", "subsidiary"]),
        "measures": st.sampled_from(
            [(), ((1, 100),), ((1, 66.67), (2, 33.33)), ((3, 50), (1, 50))]
        ),
    }
)
edit = st.tuples(
    st.sampled_from(["amount", "status", "delete", "insert", "project", "unit", "shares", "drop"]),
    st.integers(0, 10**6),
)
filters = st.fixed_dictionaries(
    {
        "first": st.one_of(st.none(), st.integers(2003, 2009)),
        "last": st.one_of(st.none(), st.integers(2003, 2009)),
        "stages": st.one_of(st.none(), st.sets(st.sampled_from(STAGES), min_size=1)),
        "objective": st.sampled_from([None, "main"]),
    }
)
PLAIN = {  # each dimension's fields as paths from a yearly amount
    "unit__name": "agreement__unit__name",
    "year": "year",
    "family": "top",
    "family_acronym": "top_acronym",
    "family_id": "top_id",
}


def create(spec, number):
    project = Project.objects.create(
        title=f"P{number}",
        channel=Channel.objects.get(name=spec["channel"]),
        recipient=Recipient.objects.get(name=spec["recipient"]),
        objective=spec["objective"],
    )
    for measure, share in spec["measures"]:
        ProjectMeasure.objects.create(
            project=project, measure_id=measure_pk(measure), share=Decimal(str(share))
        )
    agreement = Agreement.objects.create(
        project=project,
        unit=AdministeringUnit.objects.get(name=spec["unit"]),
        first_year=2003,
        last_year=2009,
    )
    for year, (amount, status) in spec["amounts"].items():
        YearlyAmount.objects.create(
            agreement=agreement, year=year, amount=Decimal(amount), status=status
        )


def measure_pk(number):
    from measures.models import Measure

    return Measure.objects.get(plan__start_year=2006, number=number).pk


def apply(kind, seed):
    """One edit through the ORM, chosen by `seed` among the records there are."""
    amounts = list(YearlyAmount.objects.order_by("pk"))
    if not amounts:
        return
    amount = amounts[seed % len(amounts)]
    if kind == "amount":
        amount.amount = Decimal(seed % 2_000_000) + Decimal("0.01")
        amount.save()
    elif kind == "status":
        amount.status = STAGES[seed % 3]
        amount.save()
    elif kind == "delete":
        amount.delete()
    elif kind == "insert":
        taken = {a.year for a in amounts if a.agreement_id == amount.agreement_id}
        free = [year for year in range(2003, 2010) if year not in taken]
        if free:
            YearlyAmount.objects.create(
                agreement_id=amount.agreement_id, year=free[seed % len(free)],
                amount=Decimal(seed % 300_000), status=STAGES[seed % 3],
            )  # fmt: skip
    elif kind == "project":
        project = amount.agreement.project
        project.recipient = Recipient.objects.get(name=RECIPIENTS[seed % len(RECIPIENTS)])
        project.objective = ["main", "subsidiary"][seed % 2]
        project.save()
    elif kind == "shares":  # as the admin's inline saves and deletes them
        project = amount.agreement.project
        project.measure_shares.all().delete()
        for measure, share in SHARES[seed % len(SHARES)]:
            ProjectMeasure.objects.create(
                project=project, measure_id=measure_pk(measure), share=Decimal(str(share))
            )
    elif kind == "unit":
        agreement = amount.agreement
        agreement.unit = AdministeringUnit.objects.get(name=UNITS[seed % len(UNITS)])
        agreement.save()
    else:
        amount.agreement.project.delete()


def facts(f):
    qs = Fact.objects.within(f["first"], f["last"], f["stages"])
    return qs.filter(objective=f["objective"]) if f["objective"] else qs


def plain(f):
    qs = YearlyAmount.objects.all()
    if f["first"] is not None:
        qs = qs.filter(year__gte=f["first"])
    if f["last"] is not None:
        qs = qs.filter(year__lte=f["last"])
    if f["stages"]:
        qs = qs.filter(status__in=f["stages"])
    if f["objective"]:
        qs = qs.filter(agreement__project__objective=f["objective"])
    return qs


def plain_path(field):
    return PLAIN.get(field, f"agreement__project__{field}")


def up(field):
    """The field of the channel's top-level ancestor, as a plain expression."""
    paths = [f"agreement__project__channel__{'parent__' * n}{field}" for n in range(FAMILY_DEPTH)]
    return Coalesce(*(F(path) for path in reversed(paths)))


FAMILY = {"family": up("name"), "family_acronym": up("acronym"), "family_id": up("id")}


def check_dimensions(f):
    amounts = plain(f).annotate(**{PLAIN[k]: v for k, v in FAMILY.items()})
    for dimension in DIMENSIONS.values():
        if dimension.grouping:
            continue
        table = breakdown(dimension, facts(f))
        paths = [plain_path(field) for field in dimension.fields]
        expected = {
            tuple(row[p] for p in paths): (row["total"], row["agreements"], row["agreement_years"])
            for row in amounts.totals_by(*paths)
        }
        got = {
            tuple(row[field] for field in dimension.fields): (
                row["total"],
                row["agreements"],
                row["agreement_years"],
            )
            for row in dimension.grouped(facts(f))
        }
        assert got == expected, dimension.slug
        summary = amounts.summary()
        assert (table.total, table.agreements, table.agreement_years) == (
            summary["total"],
            summary["agreements"],
            summary["agreement_years"],
        ), dimension.slug


def split(total_ore, shares):
    """An amount split by its project's shares as the facts' SQL does: øre rounded down, the
    rest one each to the largest remainders (ties: lowest measure id)."""
    shares = shares or [(None, 1)]
    weight = sum(bp for _m, bp in shares)
    parts = [(m, total_ore * bp // weight, total_ore * bp % weight) for m, bp in shares]
    deficit = total_ore - sum(base for _m, base, _r in parts)
    ranked = sorted(parts, key=lambda p: (-p[2], p[0] if p[0] is not None else 0))
    return {m: base + (1 if i < deficit else 0) for i, (m, base, _r) in enumerate(ranked)}


def expected_measures(f):
    """measure id -> (amount, agreements, agreement-years), each amount split by hand."""
    shares = defaultdict(list)
    for pm in ProjectMeasure.objects.all():
        shares[pm.project_id].append((pm.measure_id, round(pm.share * 100)))
    ore, agreements, years = defaultdict(int), defaultdict(set), defaultdict(int)
    for amount in plain(f).select_related("agreement"):
        project = amount.agreement.project_id
        for measure, part in split(int(amount.amount * 100), shares[project]).items():
            ore[measure] += part
            agreements[measure].add(amount.agreement_id)
            years[measure] += 1
    return {m: (Decimal(ore[m]) / 100, len(agreements[m]), years[m]) for m in ore}


def expected_profile(f):
    years, largest = defaultdict(list), defaultdict(Decimal)
    amounts = list(plain(f))
    for a in amounts:
        years[a.agreement_id].append(a.year)
        largest[a.agreement_id] = max(largest[a.agreement_id], a.amount)
    one = sum(1 for ys in years.values() if max(ys) == min(ys))
    return {
        "agreements": len(years),
        "one_year": one,
        "multi_year": len(years) - one,
        "largest_le_small": sum(1 for v in largest.values() if v <= SMALL),
        "largest_le_medium": sum(1 for v in largest.values() if v <= 1_000_000),
        "largest_above_medium": sum(1 for v in largest.values() if v > 1_000_000),
        "agreement_years": len(amounts),
        "agreement_years_le_small": sum(1 for a in amounts if a.amount <= SMALL),
    }


def check_everything(f):
    check_dimensions(f)
    measures = DIMENSIONS["measure"]
    got = {
        row["measure_id"]: (row["total"], row["agreements"], row["agreement_years"])
        for row in measures.grouped(facts(f))
    }
    assert got == expected_measures(f)
    assert facts(f).agreement_profile() == expected_profile(f)
    matrix = by_year(DIMENSIONS["measure"], facts(f))
    assert matrix.total == plain(f).summary()["total"]
    # the parts of facts from a filter are filtered as the facts were, not looked up by id
    if None not in (f["first"], f["last"]) and f["first"] > f["last"]:
        return  # the filter form refuses a reversed period
    data = QueryDict(mutable=True)
    for name, value in (("year_from", f["first"]), ("year_to", f["last"])):
        if value is not None:
            data[name] = str(value)
    data.setlist("status", sorted(f["stages"] or []))
    data["objective"] = f["objective"] or "all"
    filtered = funding_filter(data)
    assert filtered.is_valid(), filtered.errors
    assert filtered.qs.source is not None
    assert {row["measure_id"]: (row["total"], row["agreements"], row["agreement_years"])
            for row in measures.grouped(filtered.qs)} == got  # fmt: skip


SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(st.lists(agreement, min_size=1, max_size=5), st.lists(edit, max_size=6), filters)
def test_the_facts_equal_the_plain_queries_after_any_edits(db, specs, edits, f):
    edited(specs, edits)
    assert Fact.objects.count() == YearlyAmount.objects.count()
    check_everything(f)


def edited(specs, edits):
    """Only the projects of `specs`, then the `edits` applied through the ORM."""
    Project.objects.all().delete()
    for number, spec in enumerate(specs):
        create(spec, number)
    for kind, seed in edits:
        apply(kind, seed)


def records(specs, changed=False):
    """Import records for `specs`; `changed`: the first project's objective and every amount
    differ, so that a second import updates projects and amounts."""
    out = []
    for number, spec in enumerate(specs):
        objective = spec["objective"]
        if changed and number == 0:
            objective = "subsidiary" if objective == "main" else "main"
        for year, (amount, status) in spec["amounts"].items():
            out.append(
                {
                    "title": f"Imported {number}",
                    "channel": spec["channel"],
                    "recipient": spec["recipient"],
                    "unit": spec["unit"],
                    "number": f"I-{number}",
                    "objective": objective,
                    "measures": [(m, Decimal(str(s))) for m, s in spec["measures"]],
                    "year": year,
                    "amount": Decimal(amount) + (1 if changed else 0),
                    "status": status,
                }
            )
    return out


@SETTINGS
@given(st.lists(agreement, min_size=1, max_size=4), filters)
def test_the_facts_equal_the_plain_queries_after_imports(db, specs, f):
    Project.objects.all().delete()
    first = import_records(records(specs[: len(specs) // 2 + 1]))
    assert first.ok, first.errors
    second = import_records(records(specs, changed=True))  # adds the rest, updates the first
    assert second.ok, second.errors
    assert Fact.objects.count() == YearlyAmount.objects.count()
    check_everything(f)


def test_a_full_refresh_writes_the_same_facts(make_agreement):
    make_agreement({2006: ("10.00", "planned"), 2007: "20.00", 2008: ("30.00", "disbursed")})
    make_agreement({2007: "1000001.00"}, title="Other", recipient="Nepal")
    before = list(Fact.objects.order_by("pk").values())
    parts = list(FactPart.objects.order_by("fact", "measure").values_list("fact", "measure", "ore"))
    fact_refresh.refresh()
    assert list(Fact.objects.order_by("pk").values()) == before
    assert len(before) == 4
    again = FactPart.objects.order_by("fact", "measure").values_list("fact", "measure", "ore")
    assert list(again) == parts and len(parts) >= 4  # rewritten, not added to


def test_the_saves_of_an_edit_page_refresh_once_at_the_end(make_agreement):
    agreement = make_agreement({2006: "10.00", 2007: "20.00"})
    with fact_refresh.deferred():
        for amount in agreement.amounts.all():
            amount.status = "disbursed"
            amount.save()
        assert set(Fact.objects.values_list("status", flat=True)) == {"allocated"}  # not yet
    assert set(Fact.objects.values_list("status", flat=True)) == {"disbursed"}
