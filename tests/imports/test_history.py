"""An import leaves the same audit trail as an edit: who, when, old and new, and its run."""

from decimal import Decimal

from funding.models import ImportRun, YearlyAmount
from imports.services import import_file
from projects.models import Agreement, Project, ProjectMeasure

from .importing import run_import, write

FILE = """Project title,Agreement partner,Country,Administering unit,Measures,2006,2007
Vatra Centre,Norwegian Church Aid,Albania,West Balkans Section,{measures},1000,{amount}
"""


def test_imported_rows_carry_their_import_run_in_the_history(db, tmp_path):
    code, _out, err = run_import(write(tmp_path, FILE.format(measures="1", amount="2000")))
    assert code == 0, err
    first = ImportRun.objects.get()
    records = YearlyAmount.history.all()
    assert records.count() == 2
    assert {r.history_type for r in records} == {"+"}
    assert {r.import_run_id for r in records} == {first.pk}
    assert {r.history_change_reason for r in records} == {f"Import run #{first.pk}"}
    assert Project.history.get().import_run_id == first.pk
    assert Agreement.history.get().history_type == "+"
    assert ProjectMeasure.history.get().history_type == "+"


def test_a_reimport_records_old_and_new_values(db, tmp_path):
    run_import(write(tmp_path, FILE.format(measures="1", amount="2000")))
    code, _out, err = run_import(write(tmp_path, FILE.format(measures="1; 33", amount="2500")))
    assert code == 0, err
    second = ImportRun.objects.latest("pk")
    changed = YearlyAmount.history.filter(import_run_id=second.pk)
    assert [(r.history_type, r.year, r.amount) for r in changed] == [("~", 2007, Decimal(2500))]
    new, old = changed.get(), changed.get().prev_record
    delta = new.diff_against(old)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("amount", Decimal(2000), Decimal(2500))
    ]
    shares = ProjectMeasure.history.filter(import_run_id=second.pk)
    assert sorted((r.history_type, r.measure_id and r.share) for r in shares) == [
        ("+", Decimal(50)),
        ("+", Decimal(50)),
        ("-", Decimal(100)),
    ]


def test_an_unchanged_reimport_and_a_dry_run_add_no_history(db, tmp_path):
    path = write(tmp_path, FILE.format(measures="1", amount="2000"))
    run_import(path)
    before = YearlyAmount.history.count()
    run_import(path)
    run_import(write(tmp_path, FILE.format(measures="1", amount="9999"), "b.csv"), "--dry-run")
    assert YearlyAmount.history.count() == before


def test_the_records_name_the_user_and_outlive_them(db, tmp_path, django_user_model):
    """History tables written in bulk have no database constraint on their user: Django
    clears the user of their records when the user is deleted, and keeps the records."""
    editor = django_user_model.objects.create_user("importer")
    result = import_file(write(tmp_path, FILE.format(measures="1", amount="2000")), user=editor)
    assert result.ok, result.errors
    models = (Project, ProjectMeasure, Agreement, YearlyAmount)
    assert all({r.history_user for r in m.history.all()} == {editor} for m in models)
    editor.delete()
    assert all(m.history.filter(history_user=None).count() == m.history.count() for m in models)
    assert YearlyAmount.history.count() == 2
