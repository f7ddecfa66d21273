"""Writing and removing the demo data."""

from decimal import Decimal

from django.db import transaction

from funding.models import YearlyAmount
from measures.models import Measure
from projects.models import (
    AdministeringUnit,
    Agreement,
    Channel,
    Project,
    ProjectMeasure,
    Recipient,
)

from .allocation import allocate
from .layout import build, status_for


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
        elif channel.partner_group and channel.partner_group.name == "NGO Norwegian":
            classes[channel.name] = "NGO Norwegian"
        else:
            classes[channel.name] = "other"
    return classes


def desired_rows():
    """The demo as (title, channel, recipient, unit, year, amount, status) tuples, and its plan."""

    regions = {
        r.name: r.region.name if r.region.geographic else None
        for r in Recipient.objects.select_related("region")
    }
    agreements = build()
    amounts = allocate(agreements, regions.get, channel_classes().get)
    rows = {
        (a.title, a.channel, a.recipient, a.unit, year, amounts[(a.key, year)], status_for(year))
        for a in agreements
        for year in a.years
    }
    return rows, agreements, amounts


def current_rows():

    return set(
        YearlyAmount.objects.exclude(agreement__project__demo="").values_list(
            "agreement__project__title",
            "agreement__project__channel__name",
            "agreement__project__recipient__name",
            "agreement__unit__name",
            "year",
            "amount",
            "status",
        )
    )


def equal_shares(count):
    """Percentages that add up to exactly 100 (the first takes the rounding remainder)."""
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [Decimal(100) - share * (count - 1)] + [share] * (count - 1)


def demo_remove():
    """Delete every demo project with its agreements and amounts; staff records stay."""

    deleted, _ = Project.objects.exclude(demo="").delete()
    return deleted


def demo_load():
    """Load the demo data unless it is loaded already; returns True when anything changed."""
    rows, agreements, amounts = desired_rows()
    if rows == {(*r[:5], Decimal(r[5]), r[6]) for r in current_rows()}:
        return False
    channels = {c.name: c for c in Channel.objects.all()}
    recipients = {r.name: r for r in Recipient.objects.all()}
    units = {u.name: u for u in AdministeringUnit.objects.all()}
    measures = {m.number: m for m in Measure.objects.filter(plan__start_year=2006)}
    with transaction.atomic():
        demo_remove()
        projects = {}
        for a in agreements:
            natural_key = (a.title, a.channel, a.recipient)
            if natural_key not in projects:
                projects[natural_key] = Project(
                    title=a.title,
                    description=a.description,
                    channel=channels[a.channel],
                    recipient=recipients[a.recipient],
                    objective=a.objective,
                    source=a.source[:200],
                    demo=a.demo,
                )
        Project.objects.bulk_create(projects.values())
        shares, seen = [], set()
        for a in agreements:
            project = projects[(a.title, a.channel, a.recipient)]
            if project.pk in seen:
                continue
            seen.add(project.pk)
            for number, share in zip(a.measures, equal_shares(len(a.measures)), strict=True):
                shares.append(
                    ProjectMeasure(project=project, measure=measures[number], share=share)
                )
        ProjectMeasure.objects.bulk_create(shares)
        made = [
            Agreement(
                project=projects[(a.title, a.channel, a.recipient)],
                unit=units[a.unit],
                first_year=a.first_year,
                last_year=a.last_year,
            )
            for a in agreements
        ]
        Agreement.objects.bulk_create(made)
        YearlyAmount.objects.bulk_create(
            YearlyAmount(
                agreement=agreement,
                year=year,
                amount=amounts[(a.key, year)],
                status=status_for(year),
            )
            for a, agreement in zip(agreements, made, strict=True)
            for year in a.years
        )
    return True
