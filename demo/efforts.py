"""The 2007 report's follow-up as demo efforts (fixtures/demo/report_2007/efforts.csv): each
paragraph of its measure sections, in our own words, with its heading and order, loaded after
the demo projects, which they link to by the keys of fixtures/demo/narrative_agreements.csv.

Each effort's source is the report section and a quote, shown in the draft only. An
organisation the register does not hold is left blank and named in the editorial note: the demo
never creates organisations. Loading compares the wanted efforts with the loaded ones and does
nothing when they are equal; otherwise it replaces the demo efforts in one transaction.
"""

from django.db import transaction
from django.db.models import Q

from demo.layout import narrative
from followup.models import Effort, ReportText
from measures.models import Measure
from projects.models import AdministeringUnit, Channel, Project, Recipient

from .report import headings_load, headings_remove, rows, texts_load

PLAN_START = 2006


class DemoEffortError(Exception):
    """A demo effort names a measure, unit, region, country or project the records lack."""


def split(cell):
    return [part.strip() for part in cell.split(";") if part.strip()]


def named(model, name, *fields):
    """The record of `model` called `name` (by any of `fields` or an alias), or None."""
    condition = Q(aliases__name__iexact=name)
    for field in fields:
        condition |= Q(**{f"{field}__iexact": name})
    return model.objects.filter(condition).distinct().first()


def required(model, name, *fields):
    record = named(model, name, *fields)
    if record is None:
        raise DemoEffortError(f"No {model._meta.verbose_name} is called {name!r}.")
    return record


def demo_project(key, projects):
    """The demo project built from the narrative agreement `key`."""
    if key not in projects:
        raise DemoEffortError(f"No narrative agreement has the key {key!r}.")
    title, channel, recipient = projects[key]
    project = Project.objects.filter(
        title=title, channel__name=channel, recipient__name=recipient
    ).first()
    if project is None:
        raise DemoEffortError(f"The demo project {title!r} is not loaded; run load_demo.")
    return project


def source_of(row):
    return f"Report 2007, section {row['section']}: “{row['quote']}”"


def note_of(row, organisation):
    """The row's editorial note, and the organisation it names when the register lacks it."""
    note = row["editorial_note"]
    if row["organisation"] and organisation is None:
        missing = f"Organisation: {row['organisation']} (not in the organisation register)."
        note = f"{note} {missing}".strip()
    return note


def effort_fields(row, headings, kind):
    organisation = named(Channel, row["organisation"], "name", "acronym")
    heading = headings[row["heading"]] if row["heading"] else None
    top = heading.path()[0] if heading else None
    return {
        "reported_in": int(row["reported_in"]),
        "order": int(row["order"]),
        "start": row["start"],
        "end": row["end"],
        "heading": heading,
        "kind": kind[row["kind"]],
        "title": row["title"],
        "narrative": row["narrative"],
        "unit": required(AdministeringUnit, row["unit"], "name") if row["unit"] else None,
        "region": top.region if top else None,
        "organisation": organisation,
        "source": source_of(row),
        "editorial_note": note_of(row, organisation),
        "demo": True,
    }


def wanted_efforts(headings):
    """The demo efforts as (fields, measures, countries, projects), in the file's order."""
    projects = {a.key: (a.title, a.channel, a.recipient) for a in narrative()}
    efforts, kind = [], {value: value for value in Effort.Kind.values}
    for row in rows("efforts.csv"):
        fields = effort_fields(row, headings, kind)
        measure = Measure.objects.get(plan__start_year=PLAN_START, number=int(row["measure"]))
        countries = [required(Recipient, name, "name") for name in split(row["countries"])]
        linked = [demo_project(key, projects) for key in split(row["projects"])]
        efforts.append((fields, [measure], countries, linked))
    return efforts


def state(efforts):
    """Comparable state of efforts: their fields and links."""
    return sorted(
        (
            tuple(str(value) for value in fields.values()),
            tuple(sorted(m.pk for m in measures)),
            tuple(sorted(c.pk for c in countries)),
            tuple(sorted(p.pk for p in projects)),
        )
        for fields, measures, countries, projects in efforts
    )


FIELDS = [
    "reported_in", "order", "start", "end", "heading", "kind", "title", "narrative", "unit",
    "region", "organisation", "source", "editorial_note",
]  # fmt: skip


def loaded_efforts():
    return [
        (
            {name: getattr(e, name) for name in FIELDS} | {"demo": True},
            e.measures.all(),
            e.countries.all(),
            e.projects.all(),
        )
        for e in Effort.objects.filter(demo=True)
        .select_related("unit", "region", "organisation", "heading")
        .prefetch_related("measures", "countries", "projects")
    ]


def efforts_remove():
    """Delete the demo efforts, texts and the headings no effort is under; staff records stay."""
    deleted, _ = Effort.objects.filter(demo=True).delete()
    texts, _ = ReportText.objects.filter(demo=True).delete()
    return deleted + texts + headings_remove()


def efforts_load():
    """Load the demo efforts, headings and texts unless loaded already; the number of efforts
    written (0 when unchanged)."""
    with transaction.atomic():
        wanted = wanted_efforts(headings_load())
        texts_load()
        if state(wanted) == state(loaded_efforts()):
            return 0
        Effort.objects.filter(demo=True).delete()
        for fields, measures, countries, projects in wanted:
            # The report's own efforts: approved, as the report was sent.
            effort = Effort.objects.create(**fields, review_state=Effort.State.APPROVED)
            effort.measures.set(measures)
            effort.countries.set(countries)
            effort.projects.set(projects)
        headings_remove()
    return len(wanted)
