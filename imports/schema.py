"""The staged row, described once: what the importer reads, checks, stages, writes and audits.

`SCHEMA` lists the columns of a staged row (one per amount of a checked row). Most are a field
of Project, Agreement or YearlyAmount and take their SQL type, length limit, nullability,
default and choices from the model's `_meta` (columns.py says how); `line`, `akey` (the
agreement key) and the measure set are the import's own. A column also declares the headers a
file may give it and, for choices, the words a file may use. The project's own values come
after its natural key (title, channel, recipient) and the amount's columns come last.

Everything column by column in the importer follows from this list: the headers it reads, the
checks, the staging table and COPY, the grouping and matching, the project INSERT and UPDATE,
the change log and the audit trail. A new text field on Project needs one Column here (and its
migration), nothing else in the importer.
"""

from django.utils.translation import gettext_noop

from funding.models import YearlyAmount
from projects.models import Agreement, Project

from .columns import Column, Schema

Status = YearlyAmount.Status
Objective = Project.Objective

# Words a file may use for a choice (lower case) → the stored value.
STATUS_WORDS = {
    "planned": Status.PLANNED,
    "planlagt": Status.PLANNED,
    "allocated": Status.ALLOCATED,
    "bevilget": Status.ALLOCATED,
    "tildelt": Status.ALLOCATED,  # the word the Norwegian pages use
    "disbursed": Status.DISBURSED,
    "utbetalt": Status.DISBURSED,
}
OBJECTIVE_WORDS = {
    "": Objective.MAIN,
    "main": Objective.MAIN,
    "main objective": Objective.MAIN,
    "direct": Objective.MAIN,
    "hovedmål": Objective.MAIN,
    "subsidiary": Objective.SUBSIDIARY,
    "subsidiary objective": Objective.SUBSIDIARY,
    "delmål": Objective.SUBSIDIARY,
}

# How messages name the columns labelled by their key (checking.py translates them).
KEY_LABELS = [
    gettext_noop("channel"),
    gettext_noop("recipient"),
    gettext_noop("unit"),
    gettext_noop("objective"),
    gettext_noop("measures"),
    gettext_noop("description"),
    gettext_noop("source"),
    gettext_noop("demo"),
    gettext_noop("year"),
    gettext_noop("amount"),
    gettext_noop("status"),
]

SCHEMA = Schema(
    [
        Column("line", sql="INTEGER"),
        Column("akey", sql="TEXT"),
        Column(
            "title",
            Project,
            label=gettext_noop("project title"),
            headers=[
                "project title",
                "project",
                "agreement title",
                "avtaletittel",
                "title",
                "prosjekt",
            ],
        ),
        Column(
            "number",
            Agreement,
            label=gettext_noop("agreement number"),
            headers=[
                "agreement no",
                "agreement no.",
                "agreement number",
                "avtalenummer",
                "avtalenr",
            ],
        ),
        Column(
            "channel", Project, headers=["agreement partner", "avtalepartner", "partner", "channel"]
        ),
        Column(
            "recipient",
            Project,
            headers=["recipient country", "country", "recipient", "land", "mottakerland"],
        ),
        Column(
            "unit",
            Agreement,
            headers=[
                "administering unit",
                "responsible unit",
                "forvaltende enhet",
                "embassy/section",
                "extending agency",
                "unit",
            ],
        ),
        Column(
            "objective", Project, headers=["objective", "mål"], words=OBJECTIVE_WORDS, agree=True
        ),
        Column(
            "measures",
            Project,
            headers=["measures", "tiltak", "measure"],
            agree=True,
            stage="measure_set",
            sql="INTEGER",
        ),
        Column("description", Project, headers=["description", "beskrivelse"]),
        Column(
            "purpose_code",
            Project,
            label=gettext_noop("DAC purpose code"),
            headers=[
                "purpose code",
                "purpose_code",
                "dac purpose code",
                "dac code",
                "sector code",
                "formålskode",
            ],
        ),
        Column("source", Project),
        Column("demo", Project),
        Column("year", YearlyAmount, headers=["year", "år"]),
        Column(
            "amount",
            YearlyAmount,
            headers=["amount", "amount (nok)", "beløp"],
            stage="ore",
            sql="BIGINT",
        ),
        Column("status", YearlyAmount, headers=["status"], words=STATUS_WORDS),
    ]
)
StagedRow = SCHEMA.row
