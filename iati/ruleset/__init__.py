"""The IATI Standard's ruleset (standard.json, vendored unchanged with SPEC.rst: README.md here)
applied to an activity document: every case of every rule, on every element its context selects,
each failure a Finding naming the activity, the rule (id, type) and its message."""

import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from ..findings import ERROR, WARNING, Finding, activity_of
from . import dates, presence, values
from .nodes import holds, select

RULESET = Path(__file__).resolve().parent / "standard.json"
# Every rule type SPEC.rst defines (and `range`, which standard.json uses), by its name there.
RULES = {
    "atleast_one": presence.atleast_one,
    "no_more_than_one": presence.no_more_than_one,
    "only_one_of": presence.only_one_of,
    "one_or_all": presence.one_or_all,
    "dependent": presence.dependent,
    "if_then": presence.if_then,
    "unique": presence.unique,
    "sum": values.sum_,
    "strict_sum": values.strict_sum,
    "range": values.range_,
    "regex_matches": values.regex_matches,
    "regex_no_matches": values.regex_no_matches,
    "no_spaces": values.no_spaces,
    "startswith": values.startswith,
    "date_order": dates.date_order,
    "date_now": dates.date_now,
    "time_limit": dates.time_limit,
    "between_dates": dates.between_dates,
}
# The keys of a case that hold XPaths, for naming a rule that has no message of its own.
PATH_KEYS = ("paths", "one", "all", "if", "then", "less", "more", "date", "start", "end")


@cache
def ruleset():
    return json.loads(RULESET.read_text(encoding="utf-8"))


def rule_findings(tree, today, rules=None):
    """A Finding for every case of `rules` (default: standard.json) that an element of `tree`
    fails, in the ruleset's order."""
    found = []
    for context, by_type in (rules or ruleset()).items():
        for element in select(tree.getroot(), context):
            for rule, body in by_type.items():
                for case in body["cases"]:
                    found += check(element, rule, case, today)
    return found


def check(element, rule, case, today):
    found = []
    for each_rule, each_case in expanded(element, rule, case):
        if "condition" in each_case and not holds(element, each_case["condition"]):
            continue
        detail = RULES[each_rule](element, each_case, today)
        if detail is not None:
            info = each_case.get("ruleInfo", {})
            severity = WARNING if info.get("severity") == WARNING else ERROR
            text = sentence(each_rule, each_case, detail)
            found.append(Finding(text, activity_of(element), severity, info.get("id", "")))
    return found


def expanded(element, rule, case):
    """The (rule, case) pairs to check: a `loop`'s `do` cases once for each distinct value its
    `foreach` selects, with that value for `$1` in the keys `subs` names (only those: SPEC.rst);
    any other rule as it is."""
    if rule != "loop":
        return [(rule, case)]
    seen = list(dict.fromkeys(str(value) for value in select(element, case["foreach"])))
    return [
        (inner, substituted(inner_case, case.get("subs", []), value))
        for inner, body in case["do"].items()
        for inner_case in body["cases"]
        for value in seen
    ]


def substituted(case, keys, value):
    case = dict(case)
    for key in keys:
        if isinstance(case.get(key), str):
            case[key] = case[key].replace("$1", value)
        elif isinstance(case.get(key), list):
            case[key] = [path.replace("$1", value) for path in case[key]]
    return case


def sentence(rule, case, detail):
    """The rule's message (or its type and XPaths), its id and type, and the detail."""
    info = case.get("ruleInfo", {})
    what = info.get("message") or f"{rule}: {', '.join(xpaths(case))}"
    which = rule
    if "id" in info:
        which = _("IATI rule %(id)s, %(type)s") % {"id": info["id"], "type": rule}
    return f"{what} ({which}: {detail})" if detail else f"{what} ({which})"


def xpaths(case):
    for key in PATH_KEYS:
        value = case.get(key, [])
        yield from [value] if isinstance(value, str) else value
