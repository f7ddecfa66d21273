"""One export, used by the page and the command alike: the filtered agreements as an IATI
activity document, written in pieces as it is sent (a generator: memory does not grow with the
number of agreements), and, when asked, the problems validation finds."""

from functools import cached_property

from django.utils import timezone
from lxml import etree

from funding.models import Fact

from .activities import write_activities
from .organisation import write_organisation
from .reference import agreements, reporter
from .rules import ERROR, findings

# Agreements fetched (with their amounts) per round trip, and bytes passed on per piece.
BATCH = 2000
PIECE = 64 * 1024


class Pieces:
    """What an incremental writer writes, kept until taken."""

    def __init__(self):
        self.parts, self.size = [], 0

    def write(self, data):
        self.parts.append(bytes(data))
        self.size += len(data)

    def take(self):
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


class Export:
    """The agreements of `amounts` (a filtered YearlyAmount queryset) as an IATI activity file.
    Raises NotConfigured, on creation, without a reporting organisation."""

    def __init__(self, amounts, today=None):
        self.reporter = reporter()
        self.amounts = amounts
        self.today = today or timezone.localdate()
        self.count = 0  # activities written, once the document has been
        self.problems = []  # errors: not fit to publish
        self.warnings = []  # listed only

    def total(self):
        """How many activities the document has (one query)."""
        return agreements(self.amounts).count()

    def pieces(self, progress=None):
        """The document as bytes, a piece at a time; `progress(n)` after each activity."""
        selected = agreements(self.amounts).iterator(chunk_size=BATCH)
        out = Pieces()
        for n in write_activities(out, selected, self.reporter, self.today, progress):
            if n is not None:
                self.count = n
            if out.size >= PIECE or n is None:
                yield out.take()

    def write(self, file, progress=None):
        for piece in self.pieces(progress):
            file.write(piece)

    @cached_property
    def xml_bytes(self):
        return b"".join(self.pieces())

    def xml(self):
        """The whole document in memory (small documents and tests; the page and the command
        stream it)."""
        return self.xml_bytes

    @cached_property
    def tree(self):
        return etree.ElementTree(etree.fromstring(self.xml()))

    def validate(self, tree=None):
        """Check the document (`tree`, else this export's) against the IATI schema, codelists
        and ruleset (rules.py); sets `problems` and `warnings`."""
        found = findings(tree if tree is not None else self.tree, self.today)
        self.problems = [str(f) for f in found if f.severity == ERROR]
        self.warnings = [str(f) for f in found if f.severity != ERROR]
        return self


class OrganisationExport(Export):
    """The reporting organisation's budgets and expenditure, from the amounts of `amounts`, as
    an IATI organisation file (organisation.py); `count` is its number of budgets and
    expenditures."""

    def total(self):
        return None

    def pieces(self, progress=None):
        facts = Fact.objects.filter(pk__in=self.amounts.values("pk"))
        out = Pieces()
        for n in write_organisation(out, facts, self.reporter):
            if n is not None:
                self.count = max(n - 3, 0)  # the identifier, name and reporting-org come first
                if progress:
                    progress(n)
            if out.size >= PIECE or n is None:
                yield out.take()


def export_iati(amounts, *, validate=False, today=None, organisation=False):
    """The agreements of `amounts` as an `Export` (with `organisation`, the organisation file);
    with `validate`, its problems too (the document is then built in memory)."""
    export = (OrganisationExport if organisation else Export)(amounts, today)
    return export.validate() if validate else export
