"""The ruleset's rules about values: sums, ranges, patterns, spaces, prefixes (SPEC.rst). Each
returns None when the case holds, else a detail of the failure."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..codelists import codelist
from .nodes import quoted, select, text, texts

# startswith's prefix "ORG-ID-PREFIX": the approved registration agencies (NO-BRC, GB-COH, …).
ORG_ID_PREFIX = "ORG-ID-PREFIX"


def number(value):
    try:
        return Decimal(value.strip())
    except (InvalidOperation, AttributeError):
        return None


def strict_sum(element, case, today):
    values = texts(element, case)
    numbers = [number(value) for value in values]
    if None in numbers:
        return _("%(value)s is not a number") % {"value": quoted([values[numbers.index(None)]])}
    total = sum(numbers, Decimal(0)).quantize(Decimal("0.0001")).normalize()
    if total == Decimal(str(case["sum"])):
        return None
    return _("they add up to %(total)s, not %(sum)s") % {"total": f"{total:f}", "sum": case["sum"]}


def sum_(element, case, today):
    """As strict_sum, but holds when the paths find nothing."""
    return strict_sum(element, case, today) if texts(element, case) else None


def range_(element, case, today):
    for value in texts(element, case):
        n = number(value)
        low = Decimal(str(case["min"])) if "min" in case else n
        high = Decimal(str(case["max"])) if "max" in case else n
        if n is None or not low <= n <= high:
            return _("%(value)s is not between %(min)s and %(max)s") % {
                "value": quoted([value]),
                "min": case.get("min", "…"),
                "max": case.get("max", "…"),
            }
    return None


def regex(element, case, wanted):
    """The values (empty ones pass, as in the IATI Validator) that match (or not) the regex."""
    pattern = re.compile(case["regex"])
    return [v for v in texts(element, case) if v and bool(pattern.search(v)) != wanted]


def regex_matches(element, case, today):
    wrong = regex(element, case, wanted=True)
    if wrong:
        return _("%(values)s does not match %(regex)s") % {
            "values": quoted(wrong),
            "regex": case["regex"],
        }
    return None


def regex_no_matches(element, case, today):
    wrong = regex(element, case, wanted=False)
    if wrong:
        return _("%(values)s matches %(regex)s") % {"values": quoted(wrong), "regex": case["regex"]}
    return None


def no_spaces(element, case, today):
    spaced = [value for value in texts(element, case) if value != value.strip()]
    if spaced:
        return _("%(values)s starts or ends with a space or a line break") % {
            "values": quoted(spaced)
        }
    return None


def startswith(element, case, today):
    """Each value starts with one of the prefixes and the separator; ORG-ID-PREFIX: its first
    two parts (NO-BRC) are an agency of the OrganisationRegistrationAgency codelist."""
    prefixes = case["prefix"] if isinstance(case["prefix"], list) else [case["prefix"]]
    if prefixes == [ORG_ID_PREFIX]:
        agencies = codelist("OrganisationRegistrationAgency")
        wrong = [v for v in texts(element, case) if "-".join(v.split("-")[:2]) not in agencies]
        detail = _("%(values)s does not start with a registration agency's code (NO-BRC, …)")
        return detail % {"values": quoted(wrong)} if wrong else None
    starts = [text(r) + case.get("separator", "") for p in prefixes for r in select(element, p)]
    wrong = [v for v in texts(element, case) if not any(v.startswith(s) for s in starts)]
    if wrong:
        return _("%(values)s does not start with %(starts)s") % {
            "values": quoted(wrong),
            "starts": quoted(starts) or _("(no prefix found)"),
        }
    return None
