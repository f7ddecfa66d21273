"""`build_report YEAR [--format docx|html] [-o FILE]`: the yearly report's draft, as the
/report/<year>/ page builds it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from followup.overview import BadYear, checked_year
from followup.report import build_report
from followup.word import write_docx
from web.progress import Progress

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


class Command(BaseCommand):
    help = (
        "Writes the yearly report for YEAR (with --draft, the working draft) as a Word file or "
        "a print-ready page."
    )

    def add_arguments(self, parser):
        parser.add_argument("year")
        parser.add_argument("--format", choices=["docx", "html"], default="docx")
        parser.add_argument(
            "-o", "--output", help="The file to write (default: report-YEAR.FORMAT)."
        )
        parser.add_argument(
            "--draft", action="store_true",
            help="The working draft: sources, editorial notes, statuses and gaps marked.",
        )  # fmt: skip
        parser.add_argument(
            "--language", choices=["nb", "en"],
            help="The report's language (default: LANGUAGE_CODE's).",
        )  # fmt: skip
        parser.add_argument("--quiet", action="store_true", help="No progress, only the summary.")

    def handle(self, *args, year, format, output, draft, language, quiet, **options):
        try:
            year = checked_year(year)
        except BadYear as error:
            raise CommandError(str(error)) from error
        progress = Progress.for_command(self, quiet)
        progress.phase(_("Gathering the figures and efforts"))
        report = build_report(year, draft=draft, language=language)
        if report is None:
            progress.finish()
            raise CommandError("No plan of action has measures: there is nothing to report.")
        path = Path(output or f"report-{year}{'-draft' if draft else ''}.{format}")
        progress.phase(_("Writing %(path)s") % {"path": path})
        if format == "docx":
            path.write_bytes(write_docx(report))
        else:
            context = {"report": report, "style": PRINT_CSS.read_text(encoding="utf-8")}
            with translation.override(report.language):
                page = render_to_string("followup/report_document.html", context)
            path.write_text(page, "utf-8")
        progress.finish()
        self.stdout.write(f"Wrote the {year} report to {path}.")
