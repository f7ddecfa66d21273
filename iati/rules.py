"""Validation of an `iati-activities` document: the IATI 2.03 schema (iati/schema/, vendored
unchanged) and the rules it cannot express (iati/schema/README.md), each problem a sentence
naming the activity."""

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

SCHEMA = Path(__file__).resolve().parent / "schema" / "iati-activities-schema.xsd"
START_DATES = {"1", "2"}  # ActivityDateType: planned start, actual start
NOT_IN_IDENTIFIERS = re.compile(r"[/&|?\s]")  # the IATI rulesets' forbidden characters


@cache
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def problems(tree, today=None):
    """Every problem of the document `tree` (an lxml tree): schema errors first, then the
    rules of each activity. An empty list means it may be published."""
    xsd = schema()
    found = []
    if not xsd.validate(tree):
        found += [
            _("Schema, line %(line)s: %(message)s") % {"line": e.line, "message": e.message}
            for e in xsd.error_log
        ]
    today = today or timezone.localdate()
    for element in tree.getroot().iter("iati-activity"):
        found += [f"{name(element)}: {problem}" for problem in activity_problems(element, today)]
    return found


def name(activity):
    """The activity as a reader knows it: its identifier (the agreement's) and title."""
    identifier = (activity.findtext("iati-identifier") or "").strip() or _("(no identifier)")
    title = activity.findtext("title/narrative")
    return f"{identifier} “{title}”" if title else identifier


def activity_problems(activity, today):
    yield from identifier(activity)
    yield from start_date(activity)
    yield from sectors(activity)
    yield from percentages(activity)
    yield from currencies(activity)
    yield from future_transactions(activity, today)


def identifier(activity):
    if NOT_IN_IDENTIFIERS.search(activity.findtext("iati-identifier") or ""):
        yield _(
            "the identifier contains a space or one of / & | ?, which IATI does not allow; "
            "change the agreement number"
        )


def start_date(activity):
    if not any(d.get("type") in START_DATES for d in activity.iterfind("activity-date")):
        yield _("no start date (activity-date of type 1 or 2)")


def sectors(activity):
    transactions = activity.findall("transaction")
    on_transactions = transactions and all(t.find("sector") is not None for t in transactions)
    if activity.find("sector") is None and not on_transactions:
        yield _(
            "no sector: give the agreement's project a DAC purpose code (admin › Projects), "
            "e.g. 15190 or 15180"
        )
    elif activity.find("sector") is not None and any(t.find("sector") is not None
                                                       for t in transactions):  # fmt: skip
        yield _("sectors both on the activity and on transactions")


def percentages(activity):
    """Percentages of a kind (recipients; sectors per vocabulary) add up to 100 where given."""
    groups = defaultdict(list)
    for element in activity.iterfind("recipient-country"):
        groups[_("recipient countries and regions")].append(element.get("percentage"))
    for element in activity.iterfind("recipient-region"):
        if element.get("vocabulary", "1") == "1":
            groups[_("recipient countries and regions")].append(element.get("percentage"))
    for element in activity.iterfind("sector"):
        vocabulary = element.get("vocabulary", "1")
        groups[_("sectors of vocabulary %s") % vocabulary].append(element.get("percentage"))
    for group, values in groups.items():
        if len(values) == 1 and values[0] is None:
            continue
        try:
            total = sum(Decimal(value) for value in values)
        except (TypeError, InvalidOperation):
            yield _("the %(group)s need a percentage each") % {"group": group}
            continue
        if total != 100:
            yield _("the percentages of the %(group)s add up to %(total)s, not 100") % {
                "group": group,
                "total": total,
            }


def currencies(activity):
    if activity.get("default-currency"):
        return
    if any(value.get("currency") is None for value in activity.iter("value")):
        yield _("a value without a currency, and no default currency")


def future_transactions(activity, today):
    for transaction in activity.iterfind("transaction"):
        when = transaction.find("transaction-date")
        iso = when.get("iso-date") if when is not None else None
        try:
            day = date.fromisoformat(iso) if iso else None
        except ValueError:
            continue  # the schema reports it
        if day and day > today:
            yield _("a transaction dated %(day)s, in the future") % {"day": iso}
