"""`manage.py export_iati`: the agreements as an IATI 2.03 activity file (iati/, docs/iati.md)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from breakdowns.filters import funding_filter
from iati.export import Export, OrganisationExport
from iati.reference import NotConfigured
from projects.models import Project
from web.progress import Progress


class Command(BaseCommand):
    help = "Writes the agreements (filtered as the breakdowns are) as an IATI 2.03 file."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help="The file to write; - for stdout."
        )
        parser.add_argument("--year-from", type=int)
        parser.add_argument("--year-to", type=int)
        parser.add_argument("--status", action="append", default=[])
        parser.add_argument("--objective", choices=Project.Objective.values)
        parser.add_argument(
            "--query",
            default="",
            help="Any breakdown filters as a page's query string, e.g. 'region=3&channel=7'.",
        )
        parser.add_argument(
            "--validate",
            action="store_true",
            help=(
                "Check the file against the IATI schema, codelists and ruleset; list warnings, "
                "exit 1 on any error."
            ),
        )
        parser.add_argument(
            "--organisation",
            action="store_true",
            help="Write the IATI organisation file (budgets and expenditure) instead.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress, only the summary.")

    def handle(self, *args, **options):
        f = funding_filter(filters(options))
        if not f.is_valid():
            raise CommandError(_("Invalid filters: %(errors)s") % {"errors": f.errors.as_text()})
        progress = Progress.for_command(self, options["quiet"])
        try:
            kind = OrganisationExport if options["organisation"] else Export
            export = kind(f.amounts())
        except NotConfigured as error:
            raise CommandError(str(error)) from None
        try:
            writing = _("Writing the organisation file") if options["organisation"] else None
            progress.phase(writing or _("Writing activities"), total=export.total())
            write(options["output"], export, progress.update, keep=options["validate"])
            if options["validate"]:
                progress.phase(_("Validating"))
                export.validate(written(options["output"], export))
        finally:
            progress.finish()
        where = "stdout" if options["output"] == "-" else options["output"]
        if options["organisation"]:
            summary = ngettext(
                "Organisation file with %(count)s budget or expenditure written to %(where)s",
                "Organisation file with %(count)s budgets and expenditures written to %(where)s",
                export.count,
            ) % {"count": export.count, "where": where}
        else:
            summary = ngettext(
                "%(count)s activity written to %(where)s",
                "%(count)s activities written to %(where)s",
                export.count,
            ) % {"count": export.count, "where": where}
        self.report(export, summary, options)

    def report(self, export, summary, options):
        """Warnings and errors on stderr, one a line; exit 1 on an error, else the summary."""
        for warning in export.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        for problem in export.problems:
            self.stderr.write(problem)
        if export.problems:
            raise CommandError(
                ngettext(
                    "%(summary)s; %(count)s problem (listed above).",
                    "%(summary)s; %(count)s problems (listed above).",
                    len(export.problems),
                )
                % {"summary": summary, "count": len(export.problems)}
            )
        if options["validate"] and options["organisation"]:
            summary += _(
                "; valid (IATI 2.03 codelists and ruleset; the organisation schema is not vendored)"
            )
        elif options["validate"]:
            summary += _("; valid (IATI 2.03 schema, codelists and ruleset)")
        if export.warnings:
            summary += ngettext(
                ", with %(count)s warning (listed above)",
                ", with %(count)s warnings (listed above)",
                len(export.warnings),
            ) % {"count": len(export.warnings)}
        (self.stderr if options["output"] == "-" else self.stdout).write(summary + ".")


def filters(options):
    query = QueryDict(options["query"], mutable=True)
    for name in ("year_from", "year_to", "objective"):
        if options[name] is not None:
            query[name] = str(options[name])
    if options["status"]:
        query.setlist("status", options["status"])
    return query


def write(path, export, progress, keep=False):
    """Stream the document to `path` (or stdout), a piece at a time; to stdout and `keep`
    (to be validated), whole."""
    if path == "-":
        if keep:
            sys.stdout.buffer.write(export.xml())
        else:
            export.write(sys.stdout.buffer, progress)
        sys.stdout.flush()
        return
    try:
        with open(path, "wb") as out:
            export.write(out, progress)
    except OSError as exc:
        raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None


def written(path, export):
    """The document as written, to validate."""
    if path == "-":
        return export.tree
    return etree.parse(path, etree.XMLParser(huge_tree=True))
