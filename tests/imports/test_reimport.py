from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.models import ImportRun, YearlyAmount
from imports.services import import_records
from projects.models import Agreement, Project
from tests.conftest import assert_derived_data_fresh

from .importing import DATA, run_import, snapshot, wide_rows, write

DATA_TABLES = ("projects_", "funding_yearlyamount")


def data_writes(queries):
    """Statements that write to a data table (not the import's temporary tables or its run)."""
    writes = []
    for query in queries:
        sql = query["sql"].lstrip().upper()
        if sql.startswith(("INSERT", "UPDATE", "DELETE")):
            target = sql.split()[2 if sql.startswith(("INSERT", "DELETE")) else 1].strip('"')
            if target.lower().startswith(DATA_TABLES):
                writes.append(query["sql"])
    return writes


def test_reimporting_an_unchanged_file_writes_nothing(db):
    assert run_import(DATA / "project-list-wide.csv")[0] == 0
    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run_import(DATA / "project-list-wide.csv")
    assert code == 0
    assert "projects 0 created, 0 updated, 4 unchanged" in out
    assert "amounts 0 created, 0 updated, 6 unchanged" in out
    assert data_writes(queries.captured_queries) == []
    assert snapshot() == before


def test_a_changed_amount_updates_exactly_that_amount(db, tmp_path):
    original = (DATA / "project-list-wide.csv").read_text()
    assert run_import(write(tmp_path, original))[0] == 0
    before = dict(YearlyAmount.objects.values_list("id", "amount"))
    changed = original.replace("500000.50", "510000")
    code, out, _ = run_import(write(tmp_path, changed))
    assert code == 0
    assert "amounts 0 created, 1 updated, 5 unchanged" in out
    after = dict(YearlyAmount.objects.values_list("id", "amount"))
    assert {k for k in after if after[k] != before[k]} == {
        YearlyAmount.objects.get(year=2007, agreement__project__title__startswith="Programme").id
    }
    assert_derived_data_fresh()
    run = ImportRun.objects.first()
    assert run.amounts_updated == 1
    assert run.changes == [
        {
            "kind": "amount",
            "record": "Programme to combat human trafficking in Bosnia and Herzegovina – "
            "West Balkans Section",
            "field": "2007",
            "old": "NOK 500\u202f000.50 (allocated)",
            "new": "NOK 510\u202f000 (allocated)",
        }
    ]


def test_a_dry_run_writes_nothing_but_counts(db):
    code, out, _ = run_import(DATA / "project-list-wide.csv", "--dry-run")
    assert code == 0
    assert "Dry run" in out and "projects 4 created" in out
    assert snapshot()["projects"] == 0 and snapshot()["amounts"] == []
    assert ImportRun.objects.get().dry_run


def test_an_existing_agreement_is_widened_never_narrowed(db, tmp_path):
    head = "Agreement no,Project,Partner,Country,Unit,Year,Amount\n"
    row = "K-1,Vatra Centre,Norwegian Church Aid,Albania,West Balkans Section,{},5\n"
    assert run_import(write(tmp_path, head + row.format(2007) + row.format(2008)))[0] == 0
    code, out, _ = run_import(write(tmp_path, head + row.format(2005)))
    assert code == 0 and "agreements 0 created, 1 updated" in out
    agreement = Agreement.objects.get(number="K-1")
    assert (agreement.first_year, agreement.last_year) == (2005, 2008)
    assert agreement.amounts.count() == 3


def test_the_query_count_does_not_grow_with_the_rows(db, tmp_path):
    counts = []
    for rows in (5, 200):
        with CaptureQueriesContext(connection) as queries:
            assert run_import(write(tmp_path, wide_rows(rows), f"{rows}.csv"))[0] == 0
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert YearlyAmount.objects.count() == 2 * 200


def test_records_from_memory_go_through_the_same_checks(db):
    records = [
        {
            "title": "Vatra Centre",
            "channel": "NCA",
            "recipient": "Albania",
            "unit": "West Balkans Section",
            "measures": [(1, 60), (11, 40)],
            "year": 2007,
            "amount": Decimal("1000.5"),
            "status": "allocated",
            "source": "Report 2007",
            "demo": "narrative",
            "description": "Shelter.",
        },
        {
            "title": "Vatra Centre",
            "channel": "NCA",
            "recipient": "Narnia",
            "unit": "West Balkans Section",
            "year": 2008,
            "amount": 5,
        },
    ]
    result = import_records(records, name="demo")
    assert not result.ok
    assert result.errors[0]["text"].startswith('line 2, column "recipient", value "Narnia"')
    result = import_records(records[:1], name="demo")
    assert result.ok, result.errors
    agreement = Agreement.objects.get()
    assert agreement.project.demo == "narrative" and agreement.project.source == "Report 2007"
    assert agreement.amounts.get().amount == Decimal("1000.50")


def test_new_records_are_numbered_in_the_files_order(db, tmp_path):
    """Rows are written in file order (and amounts by agreement and year), so that indexes
    grow at their end and related rows sit together."""
    assert run_import(write(tmp_path, wide_rows(30)))[0] == 0
    titles = list(Project.objects.order_by("pk").values_list("title", flat=True))
    assert titles == [f"Project {i}" for i in range(30)]
    agreements = list(Agreement.objects.order_by("pk").values_list("project__title", flat=True))
    assert agreements == titles
    amounts = list(YearlyAmount.objects.order_by("pk").values_list("agreement_id", "year"))
    assert amounts == sorted(amounts)
