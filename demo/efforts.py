"""The 2007 report's follow-up as demo efforts (fixtures/demo/efforts_2007.csv), loaded after
funding's demo projects, which they link to by the keys of fixtures/demo/narrative_agreements.csv.

Each effort's source is the report section and a quote. An organisation the channel register
does not (yet) hold is left blank and named in the source: the demo never creates
organisations. Loading compares the wanted efforts with the loaded ones and does nothing when
they are equal; otherwise it replaces the demo efforts in one transaction.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from demo.layout import narrative
from followup.models import Effort
from measures.models import Measure
from projects.models import AdministeringUnit, Channel, Project, Recipient, Region

EFFORTS_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "efforts_2007.csv"


def kinds():
    """The effort kinds by their English label, as the demo file names them, whatever the
    active language."""
    with translation.override("en"):
        return {str(label).lower(): value for value, label in Effort.Kind.choices}


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


def source_of(row, organisation):
    text = f"Report 2007, section {row['section']}: “{row['quote']}”"
    if row["organisation"] and organisation is None:
        text += f" Organisation: {row['organisation']} (not in the channel register)."
    return text


def wanted_efforts():
    """The demo efforts as (fields, measures, countries, projects), in the file's order."""
    with EFFORTS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["order"]))
    projects = {a.key: (a.title, a.channel, a.recipient) for a in narrative()}
    efforts, kind = [], kinds()
    for row in rows:
        organisation = named(Channel, row["organisation"], "name", "acronym")
        fields = {
            "year": int(row["year"]),
            "kind": kind[row["kind"].lower()],
            "title": row["title"],
            "narrative": row["narrative"],
            "unit": required(AdministeringUnit, row["unit"], "name") if row["unit"] else None,
            "region": Region.objects.get(name=row["region"]) if row["region"] else None,
            "organisation": organisation,
            "source": source_of(row, organisation),
            "demo": True,
        }
        measures = [
            Measure.objects.get(plan__start_year=PLAN_START, number=int(number))
            for number in split(row["measures"])
        ]
        countries = [required(Recipient, name, "name") for name in split(row["countries"])]
        linked = [demo_project(key, projects) for key in split(row["projects"])]
        efforts.append((fields, measures, countries, linked))
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


def loaded_efforts():
    names = ["year", "kind", "title", "narrative", "unit", "region", "organisation", "source"]
    return [
        (
            {name: getattr(e, name) for name in names} | {"demo": True},
            e.measures.all(),
            e.countries.all(),
            e.projects.all(),
        )
        for e in Effort.objects.filter(demo=True)
        .select_related("unit", "region", "organisation")
        .prefetch_related("measures", "countries", "projects")
    ]


def efforts_remove():
    """Delete the demo efforts; efforts entered by staff stay."""
    deleted, _ = Effort.objects.filter(demo=True).delete()
    return deleted


def efforts_load():
    """Load the demo efforts unless loaded already; the number written (0 when unchanged)."""
    wanted = wanted_efforts()
    if state(wanted) == state(loaded_efforts()):
        return 0
    with transaction.atomic():
        efforts_remove()
        for fields, measures, countries, projects in wanted:
            effort = Effort.objects.create(**fields)
            effort.measures.set(measures)
            effort.countries.set(countries)
            effort.projects.set(projects)
    return len(wanted)
