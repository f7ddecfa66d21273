"""Validation of an `iati-activities` document against what the IATI Standard states and can be
checked offline: its 2.03 schema (iati/schema/), its codelists as mapping.xml assigns them
(iati/codelists.py) and its ruleset (iati/ruleset/), all vendored unchanged, and the one rule of
ours the ruleset does not state. Each finding names the activity; an error makes the document
unfit to publish, a warning is listed only."""

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from .codelists import code_findings
from .findings import ERROR, WARNING, Finding
from .ruleset import rule_findings

SCHEMA = Path(__file__).resolve().parent / "schema" / "iati-activities-schema.xsd"
# The ruleset checks an identifier for / & | ? (1.3.13, a warning) and for spaces at its ends
# (1.3.1), not for a space inside; the agreement number is taken as typed, and an identifier
# with a space in it cannot be given in the IATI Registry's, d-portal's and the Datastore's
# addresses as it is, so that stays an error of ours.
SPACE_INSIDE = re.compile(r"\S\s+\S")
# What to do about a rule, where the export's records decide it (standard.json's ids).
HINTS = {
    "6.2.2": gettext_lazy(
        "give the agreement's project a DAC purpose code (admin › Projects), e.g. 15190 or 15180"
    ),
    "11.2.1": gettext_lazy("an amount allocated or disbursed in a year not begun: correct it"),
}


def serialised(tree):
    """The document as the export writes it."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def findings(tree, today=None):
    """Every Finding about the document `tree` (an lxml tree), grouped by activity in document
    order: schema errors, codes, the ruleset, then our own rule."""
    today = today or timezone.localdate()
    found = schema_findings(tree) if has_schema(tree) else []
    found += code_findings(tree) + rule_findings(tree, today)
    found += identifier_findings(tree)
    order = {activity: n for n, activity in enumerate(tree.getroot().iter("iati-activity"))}
    found = [hinted(finding) for finding in found]
    return sorted(found, key=lambda finding: order.get(finding.activity, -1))


def has_schema(tree):
    """Only the activity schema is vendored: the IATI organisation schema
    (iati-organisations-schema.xsd) is not among the files of ../shared/data/iati-2.03/, so an
    organisation file is checked against the codelists and the ruleset only (docs/iati.md)."""
    return tree.getroot().tag == "iati-activities"


def problems(tree, today=None):
    """The errors, as sentences; an empty list means the document may be published."""
    return [str(f) for f in findings(tree, today) if f.severity == ERROR]


def warnings(tree, today=None):
    return [str(f) for f in findings(tree, today) if f.severity == WARNING]


def hinted(finding):
    hint = HINTS.get(finding.rule)
    return replace(finding, text=f"{finding.text}; {hint}") if hint else finding


def schema_findings(tree):
    """Schema errors, each with its line in the document as the export writes it (pretty
    printed) and the activity that line is in."""
    written = etree.fromstring(serialised(tree))
    xsd = schema()
    if xsd.validate(written):
        return []
    starts = [activity.sourceline for activity in written.iter("iati-activity")]
    activities = list(tree.getroot().iter("iati-activity"))
    found = []
    for error in xsd.error_log:
        n = bisect_right(starts, error.line) - 1
        facts = {"line": error.line, "message": error.message}
        text = _("Schema, line %(line)s: %(message)s") % facts
        found.append(Finding(text, activities[n] if n >= 0 else None))
    return found


def identifier_findings(tree):
    for activity in tree.getroot().iter("iati-activity"):
        if SPACE_INSIDE.search(activity.findtext("iati-identifier") or ""):
            text = _(
                "the identifier contains a space, which an IATI identifier cannot hold; change "
                "the agreement number"
            )
            yield Finding(text, activity)
