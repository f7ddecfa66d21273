"""What validation finds (iati/rules.py): a sentence about one activity, or about the document,
that is an error (the file is not fit to publish) or a warning (listed, not failing)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    text: str
    activity: object = None  # the `iati-activity` element, or None for the document
    severity: str = ERROR
    rule: str = ""  # the ruleset's id of the rule (standard.json), e.g. "6.2.2"

    def __str__(self):
        return self.text if self.activity is None else f"{name(self.activity)}: {self.text}"


def name(activity):
    """The activity as a reader knows it: its identifier (the agreement's) and title."""
    identifier = (activity.findtext("iati-identifier") or "").strip() or _("(no identifier)")
    title = activity.findtext("title/narrative")
    return f"{identifier} “{title}”" if title else identifier


def activity_of(node):
    """The `iati-activity` that an XPath result (element, attribute or text) is in, or None."""
    element = node if isinstance(node, etree._Element) else node.getparent()
    if element is None:
        return None
    if element.tag == "iati-activity":
        return element
    return next(element.iterancestors("iati-activity"), None)
