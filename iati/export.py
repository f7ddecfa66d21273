"""One export, used by the page and the command alike: the filtered agreements as an IATI
document, with the problems validation finds."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .activities import activities
from .reference import agreements, reporter
from .rules import ERROR, findings, serialised


@dataclass
class Export:
    tree: object
    count: int
    problems: list = field(default_factory=list)  # errors: not fit to publish
    warnings: list = field(default_factory=list)  # listed only

    def xml(self):
        return serialised(self.tree)


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
        found = findings(tree, today)
        export.problems = [str(f) for f in found if f.severity == ERROR]
        export.warnings = [str(f) for f in found if f.severity != ERROR]
    return export
