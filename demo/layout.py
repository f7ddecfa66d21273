"""The demo's agreements: those the report's text names, and deterministic fillers."""

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from funding.models import YearlyAmount
from projects.models import Project

from .filler_tables import CIS, HRD, MULTI_YEAR, SUBSIDIARY, WB_CHANNELS, WB_RECIPIENTS, WB_YEARS

NARRATIVE_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "narrative_agreements.csv"
# Every recipient the report's text names, with the section and the sentence that names it:
# fillers use only these (tests/funding/test_demo_fillers.py).
REPORT_RECIPIENTS_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "report_countries.csv"
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
    purpose_code: str = ""  # the DAC purpose code (docs/iati.md, "Purpose codes")

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)


def status_for(year):
    """Paid up to 2006, allocated in 2007 (the report's year), planned from 2008 on."""
    if year <= 2006:
        return YearlyAmount.Status.DISBURSED
    return YearlyAmount.Status.ALLOCATED if year == 2007 else YearlyAmount.Status.PLANNED


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
                purpose_code=row["purpose_code"],
            )
        )
    return agreements


def cycle(values, i):
    return values[i % len(values)]


SMALL_WB = 17  # with the ARIADNE seminar ("a small allocation"): 18 agreement-years <= NOK 100 000
MODEST_WB = 19  # one-year agreements fixed at NOK 1 million or less
MODEST_OTHERS = 4  # of the HRD and CIS fillers each


@cache
def report_recipients():
    """{recipient name: (section, quote)} for every recipient the report's text names."""
    with REPORT_RECIPIENTS_CSV.open(encoding="utf-8", newline="") as f:
        return {row["recipient"]: (row["section"], row["quote"]) for row in csv.DictReader(f)}


def filler_source(recipient):
    """A filler's source: the section and sentence of the report that name its recipient."""
    section, quote = report_recipients()[recipient]
    head = f"Demo filler; report 2007, section {section}: “"
    room = Project._meta.get_field("source").max_length - len(head) - 1
    return f"{head}{quote if len(quote) <= room else quote[: room - 1] + '…'}”"


# A filler stands in for an agreement of the report's appended list of which nothing is known but
# that it works against trafficking in human beings: the last rule of docs/iati.md's "Purpose
# codes" fits it, 15190 (migration and mobility, "preventing and combating trafficking in human
# beings").
FILLER_PURPOSE_CODE = "15190"


def filler_title(recipient, first, last, objective):
    """A title that reads like an agreement's and says that it is illustrative, as the banner
    does: "Illustrative: support against trafficking, Albania, 2007"."""
    period = str(first) if first == last else f"{first}–{last}"
    if objective == "subsidiary":
        return f"Illustrative: programme with a part against trafficking, {recipient}, {period}"
    return f"Illustrative: support against trafficking, {recipient}, {period}"


def filler(n, channel, recipient, unit, first, last, objective="main", measures=(1,)):
    return DemoAgreement(
        key=f"filler-{n:03d}",
        title=filler_title(recipient, first, last, objective),
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
        source=filler_source(recipient),
        purpose_code=FILLER_PURPOSE_CODE,
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
            a.fixed = [200_000 + 40_000 * (i - SMALL_WB)]
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


# The largest agreements the report names in Albania and Macedonia, the "other major recipient
# countries" (section 2.2), and the regional programmes Norway is a major contributor to, fixed
# in advance (one amount a year): the fillers in the same recipient stay below them.
LEADING_NARRATIVE = {
    "unicef-not-for-sale-albania": [2_400_000, 3_600_000],  # 2007, 2008 (planned)
    "iom-macedonia-jha": [2_600_000],
    "iom-sactap-pretoria": [4_000_000, 4_500_000, 3_500_000, 3_000_000],  # 2006-2009
    "commit-bangkok": [3_500_000, 3_500_000],  # 2007-2008
    "iom-central-asia": [3_000_000],
    "ilo-se-asia-domestic-workers-bangkok": [2_500_000],
}


def build():
    """Every demo agreement, with the amounts fixed in advance where there are any."""
    agreements = narrative() + fillers()
    for a in agreements:
        if a.key in MODEST_NARRATIVE:
            a.fixed = [MODEST_NARRATIVE[a.key]] * len(a.years)
        a.fixed = LEADING_NARRATIVE.get(a.key, a.fixed)
    return agreements
