"""One export, used by the page and the command alike: the filtered agreements as an IATI
document, with the problems validation finds."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from .activities import activities
from .reference import agreements, reporter
from .rules import problems


@dataclass
class Export:
    tree: object
    count: int
    problems: list = field(default_factory=list)

    def xml(self):
        return etree.tostring(self.tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_iati(amounts, *, validate=False, today=None, progress=None):
    """The agreements of `amounts` (a filtered YearlyAmount queryset) as an `Export`; with
    `validate`, its problems too. Raises NotConfigured without a reporting organisation."""
    who = reporter()
    chosen = list(agreements(amounts))
    if progress:
        progress.phase(_("Writing activities"), total=len(chosen))
    tree = activities(chosen, who, today, progress.update if progress else None)
    export = Export(tree, len(chosen))
    if validate:
        if progress:
            progress.phase(_("Validating"))
        export.problems = problems(tree, today)
    return export
