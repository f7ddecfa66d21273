"""Closed reporting years enforced by the database itself (issue 30, row 1): a trigger on the
yearly amounts refuses to create, change or delete an amount of a year that has a ClosedYear
row, whatever writes it (the admin, the one-page entry, the importer, the demo loader,
QuerySet.update() or delete(), a cascade, raw SQL). The forms ask funding.models.refusal()
first so that people read a sentence; the trigger is what holds when a path forgets to.

PostgreSQL: one PL/pgSQL function naming the year, raised with SQLSTATE 23000 so that Django
reports an IntegrityError. SQLite: three triggers with RAISE(ABORT), also an IntegrityError.
An update that changes none of agreement, year, amount and status (a version count alone) is
let through, as the importer's unchanged rows are."""

from django.db import migrations

MESSAGE = "an amount of a closed reporting year cannot be created, changed or deleted"

CHANGED = """(OLD.agreement_id IS DISTINCT FROM NEW.agreement_id OR OLD.year IS DISTINCT FROM
NEW.year OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.status IS DISTINCT FROM NEW.status)"""

POSTGRESQL = f"""
CREATE FUNCTION funding_amount_closed_year() RETURNS trigger AS $$
DECLARE
    closed smallint;
BEGIN
    IF TG_OP = 'UPDATE' AND NOT {CHANGED} THEN
        RETURN NEW;
    END IF;
    SELECT year INTO closed FROM funding_closedyear
    WHERE (TG_OP <> 'INSERT' AND year = OLD.year) OR (TG_OP <> 'DELETE' AND year = NEW.year)
    ORDER BY year LIMIT 1;
    IF closed IS NOT NULL THEN
        RAISE EXCEPTION '%: {MESSAGE}', closed USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funding_amount_closed_year
BEFORE INSERT OR UPDATE OR DELETE ON funding_yearlyamount
FOR EACH ROW EXECUTE FUNCTION funding_amount_closed_year();
"""

POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS funding_amount_closed_year ON funding_yearlyamount;
DROP FUNCTION IF EXISTS funding_amount_closed_year();
"""


def closed(row):
    return f"EXISTS (SELECT 1 FROM funding_closedyear WHERE year = {row}.year)"


SQLITE = [
    f"""CREATE TRIGGER funding_amount_closed_year_insert BEFORE INSERT ON funding_yearlyamount
    WHEN {closed("NEW")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER funding_amount_closed_year_update BEFORE UPDATE ON funding_yearlyamount
    WHEN ({closed("OLD")} OR {closed("NEW")}) AND {CHANGED.replace("IS DISTINCT FROM", "IS NOT")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER funding_amount_closed_year_delete BEFORE DELETE ON funding_yearlyamount
    WHEN {closed("OLD")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS funding_amount_closed_year_{op}"
    for op in ("insert", "update", "delete")
]


def create(apps, schema_editor):
    run(schema_editor, [POSTGRESQL] if postgresql(schema_editor) else SQLITE)


def drop(apps, schema_editor):
    run(schema_editor, [POSTGRESQL_REVERSE] if postgresql(schema_editor) else SQLITE_REVERSE)


def postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("funding", "0015_facts_without_windows")]

    operations = [migrations.RunPython(create, drop)]
