"""Writing and removing the demo data.

The demo is written by the importer (`imports.import_records`), like any project
list: the same checks, the same measure shares (`equal_shares`) and the same audit trail, with
one `ImportRun` named IMPORT_NAME. Loading compares the wanted demo with the one in the database
first and does nothing when they are equal; otherwise it replaces the demo projects in one
transaction, so the result never depends on what was loaded before.
"""

from django.db import transaction

from funding.models import YearlyAmount, refusal
from funding.refresh import facts_refresh
from imports.lookups import equal_shares
from imports.services import import_records
from projects.models import Agreement, Channel, Project, ProjectMeasure, Recipient

from .allocation import allocate
from .layout import build, status_for

IMPORT_NAME = "Demo data (load_demo)"
SOURCE_LENGTH = Project._meta.get_field("source").max_length


class DemoLoadError(Exception):
    """The importer refused the demo records (a bug in the demo or in the reference data)."""


def channel_classes():
    """channel name -> the class CHANNEL_TARGETS sums it in."""

    classes = {}
    for channel in Channel.objects.select_related("parent", "partner_group"):
        if channel.acronym in ("IOM", "UNICEF"):
            classes[channel.name] = channel.acronym
        elif channel.parent and channel.parent.name == "United Nations":
            classes[channel.name] = "UN"
        elif channel.name == "Save the Children Norway":
            classes[channel.name] = "SCN"
        elif channel.acronym == "NCA":
            classes[channel.name] = "NCA"
        elif channel.partner_group and channel.partner_group.name == "NGO Norwegian":
            classes[channel.name] = "NGO Norwegian"
        else:
            classes[channel.name] = "other"
    return classes


def demo_records():
    """The demo as import records, one per agreement-year, always in the same order."""
    recipients = list(Recipient.objects.select_related("region"))
    regions = {r.name: r.region.name if r.region.geographic else None for r in recipients}
    countries = {r.name for r in recipients if r.kind == Recipient.Kind.COUNTRY}
    agreements = build()
    amounts = allocate(agreements, regions.get, channel_classes().get, countries)
    # A project funded through two units has two agreements: all its records carry the first
    # one's project fields, as the importer takes one value per project from its rows.
    projects = {}
    for a in agreements:
        projects.setdefault(
            (a.title, a.channel, a.recipient),
            {
                "objective": a.objective,
                "measures": a.measures,
                "description": a.description,
                "source": a.source[:SOURCE_LENGTH],
                "demo": a.demo,
                "purpose_code": a.purpose_code,
            },
        )
    return [
        {
            "title": a.title,
            "channel": a.channel,
            "recipient": a.recipient,
            "unit": a.unit,
            "number": None,
            **projects[(a.title, a.channel, a.recipient)],
            "year": year,
            "amount": amounts[(a.key, year)],
            "status": status_for(year),
        }
        for a in agreements
        for year in a.years
    ]


def wanted_state(records):
    """What the database holds after importing `records`: projects (with their measure
    shares, split by the importer's rule), agreements and amounts, as comparable sets."""
    projects, agreements, amounts = set(), {}, set()
    for r in records:
        shares = zip(r["measures"], equal_shares(len(r["measures"])), strict=True)
        key = (r["title"], r["channel"], r["recipient"])
        fields = (
            r["objective"],
            r["description"].strip(),
            r["source"].strip(),
            r["demo"],
            r["purpose_code"],
        )
        projects.add((*key, *fields, frozenset(shares)))
        first, last = agreements.get((*key, r["unit"]), (r["year"], r["year"]))
        agreements[(*key, r["unit"])] = (min(first, r["year"]), max(last, r["year"]))
        amounts.add((*key, r["unit"], r["year"], r["amount"], r["status"]))
    return projects, {(*k, *years) for k, years in agreements.items()}, amounts


def loaded_state():
    """The demo in the database, in wanted_state's terms."""
    shares = {}
    for project, number, share in ProjectMeasure.objects.exclude(project__demo="").values_list(
        "project_id", "measure__number", "share"
    ):
        shares.setdefault(project, set()).add((number, share))
    key = ("title", "channel__name", "recipient__name")
    projects = {
        (*row[1:], frozenset(shares.get(row[0], ())))
        for row in Project.objects.exclude(demo="").values_list(
            "pk", *key, "objective", "description", "source", "demo", "purpose_code"
        )
    }
    agreements = set(
        Agreement.objects.exclude(project__demo="").values_list(
            *(f"project__{k}" for k in key), "unit__name", "first_year", "last_year"
        )
    )
    amounts = set(
        YearlyAmount.objects.exclude(agreement__project__demo="").values_list(
            *(f"agreement__project__{k}" for k in key),
            "agreement__unit__name",
            "year",
            "amount",
            "status",
        )
    )
    return projects, agreements, amounts


def demo_remove():
    """Delete every demo project with its agreements and amounts; staff records stay. Refused
    while any demo amount lies in a closed reporting year."""
    demo_years = YearlyAmount.objects.exclude(agreement__project__demo="").values("year")
    if message := refusal(*demo_years.distinct().values_list("year", flat=True)):
        raise DemoLoadError(message)

    demo = Project.objects.exclude(demo="")
    agreements = set(Agreement.objects.filter(project__in=demo).values_list("pk", flat=True))
    deleted, _ = demo.delete()
    facts_refresh(agreements)
    return deleted


def staff_projects_in_the_way(records):
    """Projects entered by staff under a demo project's title, partner and recipient: the
    importer would adopt them (and --remove would then delete them)."""
    keys = {(r["title"], r["channel"], r["recipient"]) for r in records}
    staff = Project.objects.filter(demo="", title__in={title for title, _, _ in keys})
    return sorted(keys & set(staff.values_list("title", "channel__name", "recipient__name")))


def demo_current():
    """Is the demo data loaded as the demo files describe it?"""
    return wanted_state(demo_records()) == loaded_state()


def demo_load():
    """Load the demo data unless it is loaded already; returns True when anything changed."""
    records = demo_records()
    if wanted_state(records) == loaded_state():
        return False
    if clashes := staff_projects_in_the_way(records):
        names = "; ".join(
            f"{title} ({channel}, {recipient})" for title, channel, recipient in clashes
        )
        raise DemoLoadError(f"Projects entered by staff have the names of demo projects: {names}")
    with transaction.atomic():
        demo_remove()
        result = import_records(records, name=IMPORT_NAME)
        if not result.ok:
            problems = "; ".join(f"record {e['line']}: {e['message']}" for e in result.errors[:5])
            raise DemoLoadError(f"The importer refused the demo data: {problems}")
    return True
