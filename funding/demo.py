"""Demo data: the agreements the 2007 report names, filler agreements, and illustrative amounts.

The report gives no per-project amounts, only portfolio totals (section 2). `build()` lays out
the agreement-years (from fixtures/demo/narrative_agreements.csv plus deterministic fillers) and
`allocate()` chooses amounts by iterative proportional fitting, so that the records reproduce every
published figure. docs/demo-data.md explains the choices.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

NARRATIVE_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "narrative_agreements.csv"
MILLION = 1_000_000
WEST_BALKANS = {
    "Albania",
    "Bosnia and Herzegovina",
    "Croatia",
    "Kosovo",
    "North Macedonia",
    "Montenegro",
    "Serbia",
    "Western Balkans regional",
}
# Embassy- and Norad-administered agreements whose years the text does not give: the report says
# these units "have provided support for a small number of large multi-year projects".
SPAN_WHEN_UNSTATED = {
    "fokus-catw-global": (2006, 2007),
    "nca-norad-laos": (2006, 2007),
    "nca-norad-vietnam": (2006, 2007),
    "nca-norad-nepal": (2006, 2007),
    "nca-norad-bangladesh": (2006, 2007),
    "nca-guatemala": (2006, 2007),
    "scn-mozambique-partnership": (2007, 2008),
    "santac-maputo": (2007, 2008),
}

# Targets in NOK million, main objective, 2000-2010, all statuses (published-figures.csv).
YEAR_TARGETS = {
    2000: 5, 2001: 7, 2002: 10, 2003: 30, 2004: 38, 2005: 42,
    2006: 48, 2007: 42, 2008: 17, 2009: 10, 2010: 3,
}  # fmt: skip
REGION_TARGETS = {"Europe": 113.21, "Asia": 58.3, "Africa": 47.3, "America": 0.39, None: 32.8}
CHANNEL_TARGETS = {"IOM": 89, "UNICEF": 40, "UN": 39, "SCN": 18, "NGO Norwegian": 29, "other": 37}
COUNTRY_TARGETS = {"Bosnia and Herzegovina": 31.5}
WEST_BALKANS_TARGETS = {2006: 30, 2007: 15}
SUBSIDIARY_YEAR_TARGETS = {
    2000: 0.8, 2001: 0.6, 2002: 0.6, 2003: 9, 2004: 11, 2005: 12,
    2006: 13, 2007: 15, 2008: 3, 2009: 2, 2010: 1,
}  # fmt: skip


@dataclass
class DemoAgreement:
    key: str
    title: str
    channel: str
    recipient: str
    unit: str
    objective: str
    measures: list
    first_year: int
    last_year: int
    demo: str
    description: str = ""
    source: str = ""
    fixed: list = field(default_factory=list)  # amounts fixed in advance, one per year

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)


def status_for(year):
    """Paid up to 2006, allocated in 2007 (the report's year), planned from 2008 on."""
    if year <= 2006:
        return "disbursed"
    return "allocated" if year == 2007 else "planned"


def narrative():
    with NARRATIVE_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    agreements = []
    for row in rows:
        first, last = SPAN_WHEN_UNSTATED.get(
            row["key"], (int(row["first_year"]), int(row["last_year"]))
        )
        agreements.append(
            DemoAgreement(
                key=row["key"],
                title=row["title"],
                channel=row["channel"],
                recipient=row["recipient"],
                unit=row["unit"],
                objective=row["objective"],
                measures=[int(m) for m in row["measures"].split(";")],
                first_year=first,
                last_year=last,
                demo="narrative",
                description=row["description"],
                source=f"Report 2007, section {row['section']}: “{row['quote']}”",
            )
        )
    return agreements


def cycle(values, i):
    return values[i % len(values)]


WB_RECIPIENTS = (
    ["Bosnia and Herzegovina"] * 14 + ["Albania"] * 9 + ["North Macedonia"] * 8 + ["Serbia"] * 7
    + ["Kosovo"] * 5 + ["Croatia"] * 3 + ["Montenegro"] * 3 + ["Western Balkans regional"] * 4
)  # fmt: skip
WB_CHANNELS = [
    "International Organization for Migration",
    "United Nations Children's Fund",
    "Save the Children Norway",
    "Norwegian Church Aid",
    "CARE",
    "Terre des Hommes",
    "Caritas",
    "Red Cross",
    "Local NGO (not named in the report)",
    "International Centre for Migration Policy Development",
    "United Nations Development Programme",
    "International Organization for Migration",
    "Local NGO (not named in the report)",
]
WB_YEARS = [2004, 2005, 2006, 2003, 2006, 2005, 2002, 2004, 2006, 2001, 2005, 2000, 2003, 2006]
HRD = [
    ("United Nations Children's Fund", "Global", 2004),
    ("United Nations Office on Drugs and Crime", "Global", 2005),
    ("Office of the High Commissioner for Human Rights", "Global", 2006),
    ("International Organization for Migration", "Indonesia", 2005),
    ("Norwegian Church Aid", "Cambodia", 2004),
    ("Save the Children Norway", "Thailand", 2006),
    ("United Nations Development Programme", "Philippines", 2003),
    ("United Nations Children's Fund", "Nepal", 2006),
    ("International Organization for Migration", "Ethiopia", 2003),
    ("Save the Children Norway", "Zambia", 2005),
    ("United Nations Office on Drugs and Crime", "India", 2007),
    ("Norwegian Church Aid", "Sri Lanka", 2001),
    ("International Labour Organization", "Pakistan", 2008),
    ("United Nations Children's Fund", "Sudan", 2002),
]
CIS = [
    ("International Organization for Migration", "Moldova", 2002),
    ("Organization for Security and Co-operation in Europe", "Ukraine", 2003),
    ("International Organization for Migration", "Russia", 2004),
    ("United Nations Development Programme", "Belarus", 2005),
    ("Organization for Security and Co-operation in Europe", "Georgia", 2006),
    ("International Organization for Migration", "Armenia", 2003),
    ("United Nations Children's Fund", "Azerbaijan", 2005),
    ("International Organization for Migration", "Kyrgyzstan", 2006),
    ("International Labour Organization", "Tajikistan", 2004),
    ("International Organization for Migration", "Kazakhstan", 2007),
    ("United Nations Development Programme", "Uzbekistan", 2008),
    ("International Organization for Migration", "Central Asia regional", 2005),
    ("Organization for Security and Co-operation in Europe", "Moldova", 2006),
]
MULTI_YEAR = [
    (
        "International Organization for Migration",
        "Western Balkans regional",
        "West Balkans Section",
        2000,
        2008,
    ),
    (
        "United Nations Children's Fund",
        "Western Balkans regional",
        "West Balkans Section",
        2001,
        2009,
    ),
    (
        "International Organization for Migration",
        "Global",
        "Section for Global Initiatives and Gender Equality",
        2003,
        2010,
    ),
]
SUBSIDIARY = [
    ("United Nations Development Programme", "Global", 2000),
    ("United Nations Children's Fund", "Global", 2001),
    ("United Nations Development Programme", "Global", 2002),
    ("United Nations Children's Fund", "Global", 2003),
    ("International Labour Organization", "Global", 2004),
    ("United Nations Development Programme", "Global", 2005),
    ("Norwegian Church Aid", "Bangladesh", 2003),
    ("Save the Children Norway", "Nepal", 2004),
    ("United Nations Children's Fund", "Mozambique", 2005),
    ("Norwegian Church Aid", "Malawi", 2006),
    ("United Nations Development Programme", "Vietnam", 2006),
    ("International Labour Organization", "Global", 2010),
]
SMALL_WB = 17  # with the ARIADNE seminar ("a small allocation"): 18 agreement-years <= NOK 100 000
MODEST_WB = 30  # one-year agreements fixed at NOK 1 million or less
MODEST_OTHERS = 8  # of the HRD and CIS fillers each


def filler(n, channel, recipient, unit, first, last, objective="main", measures=(1,)):
    return DemoAgreement(
        key=f"filler-{n:03d}",
        title=f"Filler agreement {n:03d}",
        channel=channel,
        recipient=recipient,
        unit=unit,
        objective=objective,
        measures=list(measures),
        first_year=first,
        last_year=last,
        demo="filler",
        description=(
            "Filler record, not in the report's text: stands in for an agreement of the "
            "report's appended list so that counts and totals match its portfolio."
        ),
        source="Demo filler (docs/demo-data.md)",
    )


def fillers():
    out, n = [], 0
    for i, recipient in enumerate(WB_RECIPIENTS):
        n += 1
        measures = cycle([(1,), (11,), (33,), (1, 11), (16,)], i)
        year = cycle(WB_YEARS, i)
        a = filler(
            n,
            cycle(WB_CHANNELS, i),
            recipient,
            "West Balkans Section",
            year,
            year,
            measures=measures,
        )
        if i < SMALL_WB:
            a.fixed = [40_000 + 3_500 * i]
        elif i < SMALL_WB + MODEST_WB:
            a.fixed = [200_000 + 25_000 * (i - SMALL_WB)]
        out.append(a)
    for unit, rows, measure in [
        ("Section for Human Rights and Democracy", HRD, 33),
        ("Section for Global Security and the CIS Countries", CIS, 11),
    ]:
        for i, (channel, recipient, year) in enumerate(rows):
            n += 1
            a = filler(n, channel, recipient, unit, year, year, measures=(measure,))
            if i < MODEST_OTHERS:
                a.fixed = [300_000 + 80_000 * i]
            out.append(a)
    for channel, recipient, unit, first, last in MULTI_YEAR:
        n += 1
        out.append(filler(n, channel, recipient, unit, first, last, measures=(1, 33)))
    for channel, recipient, year in SUBSIDIARY:
        n += 1
        unit = "Section for Human Rights and Democracy"
        out.append(filler(n, channel, recipient, unit, year, year, objective="subsidiary"))
    return out


MODEST_NARRATIVE = {  # local partners' small projects, NOK 1 million or less a year
    "ariadne-seminar": 85_000,
    "igap-witness-protection": 450_000,
    "igap-rural-recruitment": 380_000,
    "ohrid-ezerka-skopje": 150_000,
    "uwom-workshops-skopje": 180_000,
    "ilo-brazil-forced-labour": 150_000,
    "nca-guatemala": 120_000,
}


def build():
    """Every demo agreement, with the amounts fixed in advance where there are any."""
    agreements = narrative() + fillers()
    for a in agreements:
        if a.key in MODEST_NARRATIVE:
            a.fixed = [MODEST_NARRATIVE[a.key]] * len(a.years)
    return agreements


def rake(cells, weights, constraints, rounds=2000):
    """Scale `weights` (one per cell) until every (cell indices, target) constraint holds."""
    for _ in range(rounds):
        worst = 0.0
        for members, target in constraints:
            current = sum(weights[i] for i in members)
            factor = target / current
            worst = max(worst, abs(factor - 1))
            for i in members:
                weights[i] *= factor
        if worst < 1e-9:
            return weights
    raise ValueError(f"The demo targets are inconsistent (worst factor off by {worst:.2e}).")


def allocate(agreements, region_of, channel_class_of):
    """Amounts for every agreement-year: {(key, year): Decimal}, deterministic.

    region_of(recipient) -> region name, None when not geographically allocated;
    channel_class_of(channel) -> one of CHANNEL_TARGETS' keys.
    """
    amounts = {}
    for a in agreements:
        for year, value in zip(a.years, a.fixed, strict=False):
            amounts[(a.key, year)] = Decimal(value)
    for objective, groups in [("main", main_groups), ("subsidiary", subsidiary_groups)]:
        free = [
            (a, year)
            for a in agreements
            if a.objective == objective
            for year in a.years
            if (a.key, year) not in amounts
        ]
        fixed = [
            (a, year, amounts[(a.key, year)])
            for a in agreements
            if a.objective == objective
            for year in a.years
            if (a.key, year) in amounts
        ]
        constraints = []
        for test, target in groups(region_of, channel_class_of):
            members = [i for i, (a, year) in enumerate(free) if test(a, year)]
            taken = sum(float(v) for a, year, v in fixed if test(a, year))
            if not members:
                if abs(target - taken) > 1_000:
                    raise ValueError(f"No free agreement-year for a target of NOK {target:,.0f}.")
                continue
            constraints.append((members, target - taken))
        weights = [1.0 + ((7 * i) % 11) / 10 for i in range(len(free))]
        weights = rake(free, weights, constraints)
        for (a, year), weight in zip(free, weights, strict=True):
            amounts[(a.key, year)] = Decimal(round(weight, -3))
    return amounts


def main_groups(region_of, channel_class_of):
    for year, target in YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION
    for region, target in REGION_TARGETS.items():
        yield (lambda a, y, region=region: region_of(a.recipient) == region), target * MILLION
    for name, target in CHANNEL_TARGETS.items():
        yield (lambda a, y, name=name: channel_class_of(a.channel) == name), target * MILLION
    for country, target in COUNTRY_TARGETS.items():
        yield (lambda a, y, country=country: a.recipient == country), target * MILLION
    for year, target in WEST_BALKANS_TARGETS.items():
        yield (lambda a, y, year=year: y == year and a.recipient in WEST_BALKANS), target * MILLION


def subsidiary_groups(region_of, channel_class_of):
    for year, target in SUBSIDIARY_YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION


def channel_classes():
    """channel name -> the class CHANNEL_TARGETS sums it in."""
    from projects.models import Channel

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
    from projects.models import Recipient

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
    from funding.models import YearlyAmount

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
    from projects.models import Project

    deleted, _ = Project.objects.exclude(demo="").delete()
    return deleted


def demo_load():
    """Load the demo data unless it is loaded already; returns True when anything changed."""
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
