"""The claims docs/demo-data.md makes about the fillers: they use only recipients, partners and
units the report's text names, in proportions that look like the report's world."""

import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Max, Sum

from demo.layout import build, report_recipients
from funding.models import YearlyAmount
from projects.models import AdministeringUnit, Channel, Project
from tests.sources import DOCUMENTS

FILLERS = [a for a in build() if a.demo == "filler"]
REPORT = DOCUMENTS["Report"].read_text(encoding="utf-8")


def named_in_report(*names):
    text = REPORT.casefold()
    return any(re.search(rf"\b{re.escape(name.casefold())}\b", text) for name in names if name)


def test_every_filler_recipient_is_in_the_list_of_report_countries_with_its_section():
    recipients = report_recipients()
    assert {a.recipient for a in FILLERS} <= set(recipients)
    for name, (section, quote) in recipients.items():
        assert section and quote, name


def test_every_report_country_of_the_list_is_quoted_from_the_report():
    for name, (_section, quote) in report_recipients().items():
        first = quote.split(": ", 1)[-1].replace("*", "")[:60]
        assert first in REPORT.replace("*", ""), name


def test_every_filler_partner_and_unit_is_named_in_the_report(db):
    for name in {a.channel for a in FILLERS}:
        channel = Channel.objects.get(name=name)
        aliases = channel.aliases.values_list("name", flat=True)
        assert named_in_report(channel.name, channel.acronym, *aliases), name
    for name in {a.unit for a in FILLERS}:
        unit = AdministeringUnit.objects.get(name=name)
        assert named_in_report(unit.name, *unit.aliases.values_list("name", flat=True)), name


def test_every_filler_carries_the_section_and_quote_naming_its_recipient():
    for a in FILLERS:
        section, quote = report_recipients()[a.recipient]
        assert a.source.startswith(f"Demo filler; report 2007, section {section}: “{quote[:40]}")
        assert len(a.source) <= Project._meta.get_field("source").max_length


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_fillers_stay_below_the_named_agreements_and_out_of_the_top_recipients(demo):
    amounts = YearlyAmount.objects.filter(agreement__project__recipient__kind="country")
    largest = dict(
        amounts.filter(agreement__project__demo="narrative")
        .values_list("agreement__project__recipient__name")
        .annotate(largest=Max("amount"))
    )
    fillers = amounts.filter(agreement__project__demo="filler")
    for recipient, amount in fillers.values_list("agreement__project__recipient__name", "amount"):
        assert amount <= largest.get(recipient, amount), recipient
    paid = amounts.filter(agreement__project__objective="main", year__lte=2007)
    top = paid.values_list("agreement__project__recipient__name").annotate(total=Sum("amount"))
    top = [name for name, _total in sorted(top, key=lambda row: -row[1])[:10]]
    assert top[:3] == ["Bosnia and Herzegovina", "Albania", "North Macedonia"]
    assert set(top) <= set(largest)  # every top-10 country has an agreement the report names
    by_country = defaultdict(int)
    for a in FILLERS:
        by_country[a.recipient] += 1
    assert by_country["Albania"] and by_country["North Macedonia"]
