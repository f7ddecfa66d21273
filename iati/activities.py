"""Agreements as IATI 2.03 activities: one `iati-activity` per agreement (docs/iati.md).

`activities(agreements, reporter, today)` builds the `iati-activities` document with lxml, which
escapes `<` and `&`; characters XML cannot hold (control characters) are dropped by `text()`.
"""

import re
from datetime import date

from django.utils import timezone
from lxml import etree

from funding.models import YearlyAmount
from projects.models import AdministeringUnit, OrganisationKind, Project

from .reference import dac_region

VERSION = "2.03"
CURRENCY = "NOK"
LANGUAGE = "en"
# IATI code lists (IATI-Codelists, version-2.03, and IATI-Codelists-NonEmbedded).
FUNDING, EXTENDING, IMPLEMENTING = "1", "3", "4"  # OrganisationRole
PIPELINE, IMPLEMENTATION, CLOSED = "1", "2", "4"  # ActivityStatus
PLANNED_START, PLANNED_END = "1", "3"  # ActivityDateType
COMMITMENT, DISBURSEMENT = "2", "3"  # TransactionType
GENERAL, OBJECTIVES = "1", "2"  # DescriptionType
GOVERNMENT = "10"  # OrganisationType
PURPOSE_CODES = "1"  # SectorVocabulary: OECD DAC CRS purpose codes (5 digit)
OECD_DAC = "1"  # RegionVocabulary
# OrganisationType by the register's kind, where the kind says it; other kinds give no type.
ORGANISATION_TYPES = {
    OrganisationKind.UN_ENTITY: "40",
    OrganisationKind.MULTILATERAL: "40",
    OrganisationKind.REGIONAL_IGO: "40",
    OrganisationKind.INTERNATIONAL_NGO: "21",
    OrganisationKind.NORWEGIAN_NGO: "22",
    OrganisationKind.LOCAL_NGO: "24",
    OrganisationKind.RESEARCH: "80",
}
# Ministry sections, embassies, Norad and delegations are all parts of Norway's government.
GOVERNMENT_UNITS = {
    AdministeringUnit.Kind.SECTION,
    AdministeringUnit.Kind.EMBASSY,
    AdministeringUnit.Kind.NORAD,
    AdministeringUnit.Kind.DELEGATION,
}
# IATI has no policy marker for trafficking (PolicyMarker: gender, environment, governance, …),
# so the objective goes into a description of type "Objectives".
OBJECTIVE_TEXT = {
    Project.Objective.MAIN: "Fighting human trafficking is the main objective of this activity.",
    Project.Objective.SUBSIDIARY: (
        "Fighting human trafficking is a subsidiary objective of this activity."
    ),
}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value):
    """`value` as text XML can hold: control characters (except tab and newlines) removed."""
    return NOT_XML.sub("", str(value))


def sub(parent, tag, value=None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if value is not None:
        etree.SubElement(element, "narrative").text = text(value)
    return element


def identifier(agreement, reporter):
    """The reporting organisation's identifier and the agreement's number, or its id."""
    own = agreement.number or f"agreement-{agreement.pk}"
    return f"{reporter.ref}-{text(own).strip()}"


def status(agreement, today):
    if agreement.first_year > today.year:
        return PIPELINE
    return CLOSED if agreement.last_year < today.year else IMPLEMENTATION


def amount_date(amount, today):
    """A transaction's date, within its year: a commitment at the year's start, a
    disbursement at its end or today, whichever comes first. An amount of a year that has not
    begun gets a future date, which validation reports (rules.py)."""
    if amount.status == YearlyAmount.Status.ALLOCATED:
        return date(amount.year, 1, 1)
    return max(date(amount.year, 1, 1), min(date(amount.year, 12, 31), today))


def organisations(activity, agreement, reporter):
    project, unit = agreement.project, agreement.unit
    sub(activity, "participating-org", reporter.name, ref=reporter.ref, role=FUNDING,
        type=reporter.type)  # fmt: skip
    unit_type = {"type": GOVERNMENT} if unit.kind in GOVERNMENT_UNITS else {}
    sub(activity, "participating-org", unit.name, role=EXTENDING, **unit_type)
    channel = project.channel
    implementing = {"role": IMPLEMENTING}
    if channel.kind in ORGANISATION_TYPES:
        implementing["type"] = ORGANISATION_TYPES[channel.kind]
    if channel.oecd_code_id:
        implementing["crs_channel_code"] = str(channel.oecd_code_id)
    sub(activity, "participating-org", str(channel), **implementing)


def recipient(activity, project):
    place = project.recipient
    if place.iso2:
        sub(activity, "recipient-country", code=place.iso2, percentage="100")
        return
    code = dac_region(place)
    if code:
        sub(activity, "recipient-region", code=code, vocabulary=OECD_DAC, percentage="100")


def money(activity, amounts, today):
    """Planned amounts as planned disbursements, then allocated and disbursed ones as
    transactions (the schema puts planned disbursements first)."""
    for amount in amounts:
        if amount.status == YearlyAmount.Status.PLANNED:
            start = date(amount.year, 1, 1).isoformat()
            planned = sub(activity, "planned-disbursement", type="1")
            sub(planned, "period-start", iso_date=start)
            sub(planned, "period-end", iso_date=date(amount.year, 12, 31).isoformat())
            sub(planned, "value", currency=CURRENCY, value_date=start).text = str(amount.amount)
    for amount in amounts:
        if amount.status == YearlyAmount.Status.PLANNED:
            continue
        kind = COMMITMENT if amount.status == YearlyAmount.Status.ALLOCATED else DISBURSEMENT
        when = amount_date(amount, today).isoformat()
        transaction = sub(activity, "transaction")
        sub(transaction, "transaction-type", code=kind)
        sub(transaction, "transaction-date", iso_date=when)
        sub(transaction, "value", value_date=when).text = str(amount.amount)


def activity(parent, agreement, reporter, today):
    """The agreement's `iati-activity`, appended to `parent` (or standing alone)."""
    project = agreement.project
    if parent is None:
        element = etree.Element("iati-activity", {"default-currency": CURRENCY})
    else:
        element = sub(parent, "iati-activity", default_currency=CURRENCY)
    element.set("{http://www.w3.org/XML/1998/namespace}lang", LANGUAGE)
    etree.SubElement(element, "iati-identifier").text = identifier(agreement, reporter)
    sub(element, "reporting-org", reporter.name, ref=reporter.ref, type=reporter.type)
    sub(element, "title", project.title)
    if project.description.strip():
        sub(element, "description", project.description, type=GENERAL)
    sub(element, "description", OBJECTIVE_TEXT[project.objective], type=OBJECTIVES)
    organisations(element, agreement, reporter)
    sub(element, "activity-status", code=status(agreement, today))
    sub(element, "activity-date", type=PLANNED_START,
        iso_date=date(agreement.first_year, 1, 1).isoformat())  # fmt: skip
    sub(element, "activity-date", type=PLANNED_END,
        iso_date=date(agreement.last_year, 12, 31).isoformat())  # fmt: skip
    recipient(element, project)
    if project.purpose_code:
        sub(element, "sector", code=project.purpose_code, vocabulary=PURPOSE_CODES)
    money(element, agreement.amounts.all(), today)
    return element


def activities(agreements, reporter, today=None):
    """The `iati-activities` document for `agreements` as an lxml tree (for tests and small
    documents; the export streams, `write_activities`)."""
    today = today or timezone.localdate()
    root = etree.Element("iati-activities", root_attributes())
    for agreement in agreements:
        activity(root, agreement, reporter, today)
    return etree.ElementTree(root)


def root_attributes():
    now = timezone.now().replace(microsecond=0).isoformat()
    return {"version": VERSION, "generated-datetime": now}


def write_activities(out, agreements, reporter, today=None, progress=None):
    """Write the `iati-activities` document for `agreements` to `out` (anything with
    `write(bytes)`) one activity at a time: only one activity is ever held as XML, so memory
    does not grow with the document. Yields after each activity (after calling `progress(n)`),
    so that a caller can pass on what has been written so far."""
    today = today or timezone.localdate()
    with etree.xmlfile(out, encoding="UTF-8", buffered=False) as xf:
        xf.write_declaration()
        with xf.element("iati-activities", root_attributes()):
            xf.write("\n")
            for n, agreement in enumerate(agreements, 1):
                xf.write(activity(None, agreement, reporter, today), pretty_print=True)
                if progress:
                    progress(n)
                yield n
    out.write(b"\n")
    yield None
