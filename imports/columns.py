"""How the staged-row description (schema.py) becomes types, checks and SQL.

A `Column` takes what it can from its model field's `_meta` (SQL type, length limit,
nullability, default, choices, whether it is part of the natural key); a `Schema` of columns
derives the staged-row type and the column lists and predicates of the importer's SQL:
the staging table, the COPY list, the grouping of the stage into projects and agreements, the
matching with existing projects, the project INSERT and UPDATE, and the "changed" predicate
that the counts, the change log and the audit trail share.
"""

from collections import namedtuple
from functools import cached_property

from django.db.models import UniqueConstraint

from funding.models import YearlyAmount
from projects.models import Agreement, Project

LEVELS = {Project: "project", Agreement: "agreement", YearlyAmount: "amount"}
SQL_TYPES = {
    "CharField": "TEXT",
    "TextField": "TEXT",
    "PositiveSmallIntegerField": "INTEGER",
    "AutoField": "INTEGER",
    "BigAutoField": "BIGINT",
}


def natural_key(model):
    """The fields of the model's unconditional unique constraint (for Project: title, channel,
    recipient), which is how the import finds an existing record."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.condition is None:
            return tuple(constraint.fields)
    return ()


def or_list(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class Column:
    """One value of a staged row: `key` names it in records, headers and messages."""

    def __init__(
        self, key, model=None, *, headers=(), label="", words=None, agree=False, stage="", sql=""
    ):
        self.key, self.model, self.headers = key, model, tuple(headers)
        self.label = label or key  # how messages name it: "the project title is missing"
        self.words = words  # accepted words → stored value, for fields with choices
        self.agree = agree  # a project's rows must not disagree on it (else MAX wins)
        self._stage, self._sql = stage, sql  # staging name and type, when not the field's

    def __repr__(self):
        return f"Column({self.key!r})"

    @cached_property
    def field(self):
        return self.model._meta.get_field(self.key) if self.model else None

    @cached_property
    def name(self):
        """The staging column (and StagedRow field): the model field's column unless given."""
        return self._stage or (self.field.column if self.model else self.key)

    @cached_property
    def sql_type(self):
        """The staging column's type: given, else the field's (a foreign key's: its target's)."""
        if self._sql:
            return self._sql
        field = self.field.target_field if self.field.many_to_one else self.field
        return SQL_TYPES[field.get_internal_type()]

    @property
    def in_table(self):
        """A field with a column in its model's table (not the measures, a many-to-many)."""
        return self.model is not None and not self.field.many_to_many

    @property
    def level(self):
        return LEVELS.get(self.model, "row")

    @cached_property
    def max_length(self):
        return self.field.max_length if self.model else None

    @property
    def nullable(self):
        return self.field.null if self.model else True

    @property
    def default(self):
        return self.field.get_default()

    @property
    def is_key(self):
        return self.model is not None and self.key in natural_key(self.model)

    @property
    def required(self):
        """A project or agreement value every row must have: not blank, and no default."""
        return (
            self.level in ("project", "agreement")
            and self.in_table
            and not self.field.blank
            and not self.field.has_default()
        )

    @property
    def choices_text(self):
        return or_list([value for value, _ in self.field.choices])

    @property
    def is_text(self):
        """A plain text cell, stored as given (checked only for presence and length)."""
        return self.sql_type == "TEXT" and self.model is not None and self.words is None

    @property
    def article(self):
        return "an" if self.label[0] in "aeiou" else "a"


class Schema:
    """The columns of a staged row, and what the SQL and the checks derive from them."""

    def __init__(self, columns):
        self.columns = tuple(columns)
        self.by_key = {c.key: c for c in self.columns}
        self.names = [c.name for c in self.columns]
        self.row = namedtuple("StagedRow", self.names)
        amounts = [c.name for c in self.columns if c.level == "amount"]
        if self.names[len(self.names) - len(amounts) :] != amounts:
            raise ValueError("The amount's columns come last: one row is staged per amount.")
        self.head = self.names[: len(self.names) - len(amounts)]  # the same for a row's amounts
        row_level = [c for c in self.columns if c.level in ("project", "agreement")]
        self.project_keys = [c for c in self.columns if c.level == "project" and c.is_key]
        self.project_rest = [c for c in self.columns if c.level == "project" and not c.is_key]
        # The project's own values: filled or updated from the file, compared with the database.
        self.project_values = [c for c in self.project_rest if c.in_table]
        self.agreement_columns = [c for c in self.columns if c.level == "agreement"]
        # An agreement is its number when the row gives one, else its project and unit.
        self.agreement_number = next(c for c in self.agreement_columns if c.field.unique)
        self.agreement_key = self.project_keys + [
            c for c in self.agreement_columns if c is not self.agreement_number
        ]
        self.required = [c for c in row_level if c.required]
        self.references = [c for c in row_level if c.field.many_to_one]
        self.texts = [c for c in row_level if c.is_text]
        self.with_words = [c for c in row_level if c.words is not None]
        self.agreeing = [c for c in self.project_rest if c.agree]

    def headers(self):
        """Column key → accepted header names, for the columns a file can give."""
        return {c.key: list(c.headers) for c in self.columns if c.headers}

    def written(self, *keys):
        """The headers a file we write gives the columns `keys`: the first each accepts."""
        return [self.by_key[key].headers[0].capitalize() for key in keys]

    # The stage.

    def stage_columns(self):
        return ", ".join(f"{c.name} {c.sql_type}" for c in self.columns)

    def column_list(self):
        return ", ".join(self.names)

    # Projects: grouping the stage, matching, counting, writing.

    def key_list(self, prefix=""):
        return ", ".join(prefix + c.name for c in self.project_keys)

    def same_project(self, a, b):
        """The join of two tables' project natural keys: "a.title = b.title AND …"."""
        return " AND ".join(f"{a}.{c.name} = {b}.{c.name}" for c in self.project_keys)

    def project_group(self):
        """import_proj's columns grouped from the stage, with an `old_` column per value."""
        values = ", ".join(f"MAX({c.name}) AS {c.name}" for c in self.project_rest)
        differ = " OR ".join(f"MIN({c.name}) <> MAX({c.name})" for c in self.agreeing)
        olds = ", ".join(f"CAST(NULL AS {c.sql_type}) AS old_{c.name}" for c in self.project_values)
        return f"{values}, CASE WHEN {differ} THEN 1 ELSE 0 END AS rows_differ, {olds}"

    def agreeing_list(self, prefix=""):
        return ", ".join(prefix + c.name for c in self.agreeing)

    def old_values(self, alias):
        """The UPDATE assignments that remember an existing project's values."""
        return ", ".join(f"old_{c.name} = {alias}.{c.name}" for c in self.project_values)

    def changed(self, prefix=""):
        """True for a staged project whose own values differ from the database's (an empty
        cell or no column, NULL in the stage, keeps the existing value)."""
        return " OR ".join(
            f"({prefix}{c.name} IS NOT NULL AND {prefix}{c.name} <> {prefix}old_{c.name})"
            for c in self.project_values
        )

    def compared(self):
        """Each value next to its old one: "objective, old_objective, description, …"."""
        return ", ".join(f"{c.name}, old_{c.name}" for c in self.project_values)

    def project_insert(self):
        """(columns, SELECT expressions, parameters) of the project INSERT … SELECT: a value
        not given gets the model field's default."""
        columns = self.project_keys + self.project_values
        values = [c.name if c.is_key or c.nullable else f"COALESCE({c.name}, %s)" for c in columns]
        params = [c.default for c in columns if not (c.is_key or c.nullable)]
        return ", ".join(c.name for c in columns), ", ".join(values), params

    def project_update(self, table, alias):
        return ", ".join(
            f"{c.name} = COALESCE({alias}.{c.name}, {table}.{c.name})" for c in self.project_values
        )

    # Agreements.

    def agreement_group(self):
        """import_agr's columns grouped by agreement key, flagging rows of one number that
        disagree on the project or unit."""
        columns = [self.agreement_number, *self.agreement_key]
        values = ", ".join(f"MAX({c.name}) AS {c.name}" for c in columns)
        differ = " OR ".join(f"MIN({c.name}) <> MAX({c.name})" for c in self.agreement_key)
        return f"{values}, CASE WHEN {differ} THEN 1 ELSE 0 END AS keys_differ"

    def agreement_list(self):
        return ", ".join(c.name for c in self.agreement_columns)
