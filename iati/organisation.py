"""The reporting organisation as an IATI 2.03 `iati-organisations` document (docs/iati.md,
"The organisation file"): per year its total budget and expenditure, and its budgets per
recipient country and per recipient region, summed from the records by FactQuerySet.

A year's budget is every amount of that year whatever its stage (a disbursed amount was
allocated first, an allocated one planned): the year's total as the records hold it. Its
status is committed (BudgetStatus 2) once no amount of the year is only planned, else
indicative (1). A year's expenditure is its disbursed amounts. Regional recipients go to their
OECD DAC region (reference.dac_region); recipients with neither a country code nor a DAC region
are in the total only.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from lxml import etree

from funding.models import YearlyAmount
from projects.models import Recipient

from .activities import CURRENCY, LANGUAGE, OECD_DAC, VERSION, sub
from .reference import dac_region

INDICATIVE, COMMITTED = "1", "2"  # BudgetStatus
PLANNED = YearlyAmount.Status.PLANNED
DISBURSED = YearlyAmount.Status.DISBURSED


def figures(facts):
    """{"budget": {year: NOK}, "status": {year: code}, "expenditure": {year: NOK},
    "countries": {(iso2, year): NOK}, "regions": {(dac code, year): NOK}} of `facts` (a
    FactQuerySet): three grouped sums and the recipients (four queries)."""
    budget, planned, expenditure = defaultdict(Decimal), set(), defaultdict(Decimal)
    for row in facts.totals_by("year", "status", counted=False):
        budget[row["year"]] += row["total"]
        if row["status"] == PLANNED:
            planned.add(row["year"])
        if row["status"] == DISBURSED:
            expenditure[row["year"]] += row["total"]
    recipients = {r.pk: r for r in Recipient.objects.select_related("region")}
    countries, regions = defaultdict(Decimal), defaultdict(Decimal)
    for row in facts.totals_by("recipient", "year", counted=False):
        recipient = recipients[row["recipient"]]
        if recipient.iso2:
            countries[(recipient.iso2, row["year"])] += row["total"]
        elif code := dac_region(recipient):
            regions[(code, row["year"])] += row["total"]
    status = {year: INDICATIVE if year in planned else COMMITTED for year in budget}
    return {
        "budget": dict(budget),
        "status": status,
        "expenditure": dict(expenditure),
        "countries": dict(countries),
        "regions": dict(regions),
    }


def period(parent, year, amount):
    start = date(year, 1, 1).isoformat()
    sub(parent, "period-start", iso_date=start)
    sub(parent, "period-end", iso_date=date(year, 12, 31).isoformat())
    sub(parent, "value", currency=CURRENCY, value_date=start).text = str(amount)


def elements(numbers, reporter):
    """The organisation's children, in the schema's order, one at a time."""
    identifier = etree.Element("organisation-identifier")
    identifier.text = reporter.ref
    yield identifier
    name = etree.Element("name")
    sub(name, "narrative").text = reporter.name
    yield name
    reporting = etree.Element("reporting-org", {"ref": reporter.ref, "type": reporter.type})
    sub(reporting, "narrative").text = reporter.name
    yield reporting
    for year, amount in sorted(numbers["budget"].items()):
        budget = etree.Element("total-budget", {"status": numbers["status"][year]})
        period(budget, year, amount)
        yield budget
    for (code, year), amount in sorted(numbers["regions"].items(), key=by_year):
        budget = etree.Element("recipient-region-budget", {"status": numbers["status"][year]})
        sub(budget, "recipient-region", vocabulary=OECD_DAC, code=code)
        period(budget, year, amount)
        yield budget
    for (code, year), amount in sorted(numbers["countries"].items(), key=by_year):
        budget = etree.Element("recipient-country-budget", {"status": numbers["status"][year]})
        sub(budget, "recipient-country", code=code)
        period(budget, year, amount)
        yield budget
    for year, amount in sorted(numbers["expenditure"].items()):
        spent = etree.Element("total-expenditure")
        period(spent, year, amount)
        yield spent


def by_year(item):
    (code, year), _ = item
    return year, code


def write_organisation(out, facts, reporter):
    """Write the `iati-organisations` document to `out` an element at a time; yields after
    each, as write_activities does."""
    now = timezone.now().replace(microsecond=0).isoformat()
    numbers = figures(facts)
    organisation = {
        "last-updated-datetime": now,
        "xml:lang": LANGUAGE,  # as written: lxml's xmlfile mis-prefixes the {xml} namespace
        "default-currency": CURRENCY,
    }
    with etree.xmlfile(out, encoding="UTF-8", buffered=False) as xf:
        xf.write_declaration()
        with xf.element("iati-organisations", {"version": VERSION, "generated-datetime": now}):
            xf.write("\n")
            with xf.element("iati-organisation", organisation):
                xf.write("\n")
                for n, element in enumerate(elements(numbers, reporter), 1):
                    xf.write(element, pretty_print=True)
                    yield n
            xf.write("\n")
    out.write(b"\n")
    yield None
