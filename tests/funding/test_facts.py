"""The funding facts stay exact: after inserts, updates and deletes (each followed by the refresh
every write path calls) and after imports, every grouping, the measure split and the agreement
profile read from the facts equal the plain queries over the yearly amounts (joins,
COUNT(DISTINCT)), for random filters."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakdowns.dimensions import DIMENSIONS
from breakdowns.filters import funding_filter
from breakdowns.tables import breakdown, by_year
from funding.models import Fact, FactPart, YearlyAmount
from funding.models.facts import MEDIUM, SMALL
from funding.refresh import facts_refresh
from imports.services import import_records
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
)
from tests.conftest import assert_derived_data_fresh

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
PLAIN = {  # each fact column a dimension groups by, as a path from a yearly amount
    "recipient": "agreement__project__recipient",
    "channel": "agreement__project__channel",
    "unit": "agreement__unit",
    "objective": "agreement__project__objective",
    "year": "year",
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
        first_year=min(spec["amounts"]),
        last_year=2009 if len(spec["amounts"]) > 1 else min(spec["amounts"]),
    )
    for year, (amount, status) in spec["amounts"].items():
        YearlyAmount.objects.create(
            agreement=agreement, year=year, amount=Decimal(amount), status=status
        )
    facts_refresh([agreement.pk])


def measure_pk(number):
    from measures.models import Measure

    return Measure.objects.get(plan__start_year=2006, number=number).pk


def apply(kind, seed):
    """One edit through the ORM, chosen by `seed` among the records there are, then the refresh
    of its project's agreements, as every write path does."""
    amounts = list(YearlyAmount.objects.order_by("pk"))
    if not amounts:
        return
    amount = amounts[seed % len(amounts)]
    touched = list(Agreement.objects.filter(project=amount.agreement.project_id).values("pk"))
    change(kind, seed, amount, amounts)
    facts_refresh(row["pk"] for row in touched)


def change(kind, seed, amount, amounts):
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
        period = range(amount.agreement.first_year, amount.agreement.last_year + 1)
        free = [year for year in period if year not in taken]
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


def plain_totals(f, path):
    """{value at `path`: (total, agreements, agreement-years)} by the plain query."""
    rows = (
        plain(f)
        .order_by()
        .values(path)
        .annotate(
            total=Sum("amount"), agreements=Count("agreement", distinct=True), years=Count("id")
        )
    )
    return {
        row[path]: (
            Decimal(row["total"]).quantize(Decimal("0.01")),
            row["agreements"],
            row["years"],
        )
        for row in rows
    }


def check_dimensions(f):
    for column, path in PLAIN.items():
        got = {
            row[column]: (row["total"], row["agreements"], row["agreement_years"])
            for row in facts(f).totals_by(column)
        }
        assert got == plain_totals(f, path), column
    row = plain(f).aggregate(
        total=Sum("amount", default=0), agreements=Count("agreement", distinct=True), n=Count("id")
    )
    whole = (Decimal(row["total"]).quantize(Decimal("0.01")), row["agreements"], row["n"])
    for dimension in DIMENSIONS.values():
        source = parts(f) if dimension.parts else facts(f)
        table = breakdown(dimension, source)
        assert (table.total, table.agreements, table.agreement_years) == whole, dimension.slug
    summary = facts(f).summary()
    assert (summary["total"], summary["agreements"], summary["agreement_years"]) == whole


def parts(f):
    qs = FactPart.objects.within(f["first"], f["last"], f["stages"])
    return qs.filter(objective=f["objective"]) if f["objective"] else qs


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
    """The profile by hand: agreements by their period and their largest yearly amount of all
    (whatever the filter), agreement-years by their own amount."""
    amounts = list(plain(f).select_related("agreement"))
    agreements = {a.agreement_id: a.agreement for a in amounts}
    largest = {
        pk: max(x.amount for x in YearlyAmount.objects.filter(agreement=pk)) for pk in agreements
    }
    multi = sum(1 for a in agreements.values() if a.last_year > a.first_year)
    return {
        "agreements": len(agreements),
        "one_year": len(agreements) - multi,
        "multi_year": multi,
        "largest_le_small": sum(1 for v in largest.values() if v <= SMALL),
        "largest_le_medium": sum(1 for v in largest.values() if v <= MEDIUM),
        "largest_above_medium": sum(1 for v in largest.values() if v > MEDIUM),
        "agreement_years": len(amounts),
        "agreement_years_le_small": sum(1 for a in amounts if a.amount <= SMALL),
    }


def check_everything(f):
    assert_derived_data_fresh()
    check_dimensions(f)
    got = {
        row["measure"]: (row["total"], row["agreements"], row["agreement_years"])
        for row in parts(f).totals_by("measure")
    }
    assert got == expected_measures(f)
    assert facts(f).agreement_profile() == expected_profile(f)
    matrix = by_year(DIMENSIONS["measure"], parts(f))
    assert matrix.total == facts(f).summary()["total"]
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
    assert {row["measure"]: (row["total"], row["agreements"], row["agreement_years"])
            for row in filtered.parts().totals_by("measure")} == got  # fmt: skip


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


def clear():
    """No projects (and so no facts) left."""
    agreements = list(Agreement.objects.values_list("pk", flat=True))
    Project.objects.all().delete()
    facts_refresh(agreements)


def edited(specs, edits):
    """Only the projects of `specs`, then the `edits` applied through the ORM."""
    clear()
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
    clear()
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
    facts_refresh()
    assert list(Fact.objects.order_by("pk").values()) == before
    assert len(before) == 4
    again = FactPart.objects.order_by("fact", "measure").values_list("fact", "measure", "ore")
    assert list(again) == parts and len(parts) >= 4  # rewritten, not added to
