"""The ruleset's rules about which elements and attributes are there (SPEC.rst). Each takes the
context element, the case and today, and returns None when the case holds, else a detail of
the failure ("" when the rule's message says it all)."""

import re

from django.utils.translation import gettext as _

from .nodes import holds, matched, quoted, select, texts


def place(node):
    """Where an element is in its activity, e.g. `title/narrative`, `transaction[2]/value`."""
    path = node.getroottree().getpath(node)
    return re.sub(r"^.*?/iati-activity(\[\d+\])?/?", "", path) or "iati-activity"


def atleast_one(element, case, today):
    return None if matched(element, case) else _("none found")


def no_more_than_one(element, case, today):
    count = len(matched(element, case))
    return None if count <= 1 else _("%(count)s found") % {"count": count}


def only_one_of(element, case, today):
    """With any of `excluded` there, none of `paths`; without, exactly one of `paths`."""
    count = len(matched(element, case))
    for excluded in case["excluded"]:
        if select(element, excluded) and count:
            return _("%(found)s together with %(excluded)s") % {
                "found": ", ".join(case["paths"]),
                "excluded": excluded,
            }
        if not select(element, excluded) and count != 1:
            return _("%(count)s found, not one") % {"count": count}
    return None


# one_or_all: what "all" names, as the IATI Validator reads it: the elements that must each
# carry it when `one` is missing.
WITHOUT = {
    "lang": "descendant::narrative[not(@xml:lang)]",
    "sector": "transaction[not(sector)]",
    "recipient-country|recipient-region": "transaction[not(recipient-country|recipient-region)]",
    "currency": "descendant::*[self::value or self::forecast or self::loan-status][not(@currency)]",
}


def one_or_all(element, case, today):
    if select(element, case["one"]):
        return None
    if case["all"] not in WITHOUT:
        raise NotImplementedError(f"one_or_all with all={case['all']!r}")
    lacking = select(element, WITHOUT[case["all"]])
    if not lacking:
        return None
    return _("%(one)s is missing, and so is %(all)s on %(places)s") % {
        "one": case["one"],
        "all": case["all"],
        "places": ", ".join(place(node) for node in lacking),
    }


def dependent(element, case, today):
    """If one of the paths is there, all must be."""
    there = [path for path in case["paths"] if select(element, path)]
    missing = [path for path in case["paths"] if path not in there]
    if there and missing:
        return _("%(there)s without %(missing)s") % {
            "there": ", ".join(there),
            "missing": ", ".join(missing),
        }
    return None


def if_then(element, case, today):
    return "" if holds(element, case["if"]) and not holds(element, case["then"]) else None


def unique(element, case, today):
    values = texts(element, case)
    twice = sorted({value for value in values if values.count(value) > 1})
    return _("%(values)s more than once") % {"values": quoted(twice)} if twice else None
