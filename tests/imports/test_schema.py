"""The staged row is described once (funding/importing/schema.py): a column added to the
description is read, checked, staged, written and audited without another change.

A text field that Project does not have stands in for the next one: it goes through reading,
checking and the staging tables for real, and appears in every statement that would write or
audit it. The project values the description has today go through a whole import and re-import.
"""

from functools import cached_property

import pytest
from django.db import models

from funding.models import ImportRun
from imports.checking import staged_rows
from imports.columns import Column, Schema
from imports.lookups import Lookups
from imports.problems import ErrorList
from imports.reading import raw_rows, read_layout
from imports.schema import SCHEMA
from imports.services import import_records
from imports.staging import Stage
from projects.models import Project

RECORD = {
    "title": "Vatra Centre",
    "channel": "NCA",
    "recipient": "Albania",
    "unit": "West Balkans Section",
    "measures": [1],
    "year": 2007,
    "amount": 1000,
}


class NewColumn(Column):
    """A text field for Project that the database does not have (yet)."""

    @cached_property
    def field(self):
        field = models.CharField(max_length=40, blank=True)
        field.set_attributes_from_name(self.key)
        field.model = Project
        return field


def with_note():
    """The description with a "note" column for projects (before the amount's columns)."""
    columns = list(SCHEMA.columns)
    position = next(i for i, c in enumerate(columns) if c.level == "amount")
    columns.insert(position, NewColumn("note", Project, headers=["note", "merknad"]))
    return Schema(columns)


def test_a_new_column_is_in_every_statement_that_stages_writes_and_audits_it():
    schema = with_note()
    assert "note" in schema.row._fields
    assert "note TEXT" in schema.stage_columns()  # the staging table
    assert "note" in schema.column_list().split(", ")  # COPY / INSERT into the stage
    assert "MAX(note) AS note" in schema.project_group()  # grouped into import_proj …
    assert "CAST(NULL AS TEXT) AS old_note" in schema.project_group()
    assert "old_note = p.note" in schema.old_values("p")  # … matched with the database
    changed = "(ip.note IS NOT NULL AND ip.note <> ip.old_note)"
    assert changed in schema.changed("ip.")  # counted, updated and audited ('~')
    assert "note, old_note" in schema.compared()  # the change log
    columns, values, params = schema.project_insert()
    assert "note" in columns.split(", ") and "COALESCE(note, %s)" in values
    assert len(params) == values.count("%s") and "" in params
    assert "note = COALESCE(ip.note, {project}.note)" in schema.project_update("{project}", "ip")
    for column in SCHEMA.project_values:  # and the statements keep what they had
        assert f"old_{column.name}" in schema.changed()


def test_a_new_column_is_read_checked_and_staged(db):
    schema = with_note()
    header = ["Project", "Partner", "Country", "Unit", "Year", "Amount", "Merknad"]
    records = iter(
        [
            (2, ["Vatra Centre", "NCA", "Albania", "West Balkans Section", "2007", "5", "Kept"]),
            (3, ["Other", "NCA", "Albania", "West Balkans Section", "2007", "5", "x" * 41]),
        ]
    )
    layout = read_layout(header, ",", "auto", schema=schema)
    errors, lookups = ErrorList(), Lookups()
    rows = staged_rows(
        raw_rows(layout, records),
        lookups,
        errors,
        fmt=layout.format,
        default_status="allocated",
        decimal_comma=False,
        schema=schema,
    )
    stage = Stage(layout.format, schema)
    stage.create()
    stage.fill(rows)
    stage.derive(lookups.measure_sets)
    assert [str(e) for e in errors.kept] == [
        f'line 3, column "Merknad", value "{"x" * 41}": a note has at most 40 characters'
    ]
    assert stage.all("SELECT title, note FROM import_stage") == [("Vatra Centre", "Kept")]
    assert stage.all("SELECT title, note FROM import_proj") == [("Vatra Centre", "Kept")]
    stage.drop()


def two_values(column):
    """Two values a file may give for the column, and what is stored for each."""
    if column.words:
        words = {value: word for word, value in column.words.items() if word}
        return [(word, value) for value, word in list(words.items())[:2]]
    if column.field.choices:
        return [(v, v) for v, _ in column.field.choices if v][:2]
    if column.key == "purpose_code":  # a code of the list (tests/imports/test_purpose_codes.py)
        return [("15190", "15190"), ("15180", "15180")]
    return [("First text", "First text"), ("Second text", "Second text")]


@pytest.mark.parametrize("column", SCHEMA.project_values, ids=lambda c: c.key)
def test_every_project_value_is_written_logged_and_audited(db, column):
    (first, stored_first), (second, stored_second) = two_values(column)
    assert import_records([RECORD | {column.key: first}]).ok
    result = import_records([RECORD | {column.key: second}])
    assert result.ok, result.errors
    project = Project.objects.get()
    assert getattr(project, column.key) == stored_second
    assert result.run.changes == [
        {
            "kind": "project",
            "record": "Vatra Centre",
            "field": column.key,
            "old": stored_first,
            "new": stored_second,
        }
    ]
    record = project.history.get(history_type="~")
    assert record.import_run_id == result.run.pk == ImportRun.objects.latest("pk").pk
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        (column.key, stored_first, stored_second)
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title", "a project title has at most 300 characters"),
        ("number", "an agreement number has at most 50 characters"),
        ("source", "a source has at most 200 characters"),
        ("demo", "a demo has at most 10 characters"),
    ],
)
def test_text_limits_are_the_model_fields_limits(db, field, message):
    limit = SCHEMA.by_key[field].max_length
    assert import_records([RECORD | {field: "x" * limit}]).ok
    result = import_records([RECORD | {field: "x" * (limit + 1)}])
    assert [(e["column"], e["message"]) for e in result.errors] == [(field, message)]
