"""`manage.py breakdown`: a breakdown page's table (funding/breakdowns/) as text, CSV or JSON."""

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.utils import translation

from breakdowns.basis import with_default_basis
from breakdowns.dimensions import DIMENSIONS
from breakdowns.downloads import csv_text, dumps
from breakdowns.filters import funding_filter
from breakdowns.tables import breakdown, by_year
from projects.filters import ALL_OBJECTIVES
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Prints a funding breakdown: the same table as /breakdowns/<dimension>/, on the same "
        "basis (direct funding, the main objective, unless --objective says otherwise)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dimension", choices=list(DIMENSIONS))
        parser.add_argument("--year-from", type=int)
        parser.add_argument("--year-to", type=int)
        parser.add_argument("--status", action="append", default=[])
        parser.add_argument(
            "--objective",
            choices=[*Project.Objective.values, ALL_OBJECTIVES],
            help="main (the default, as on the page), subsidiary, or all (both added together).",
        )
        parser.add_argument("--by-year", action="store_true")
        parser.add_argument("--sort")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument(
            "--language", choices=["nb", "en"],
            help="The language of labels and sentences (default: LANGUAGE_CODE's); keys and "
            "codes are the same in both.",
        )  # fmt: skip

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language()):
            self.write(options)

    def write(self, options):
        query = QueryDict(mutable=True)
        for name in ("year_from", "year_to", "objective"):
            if options[name] is not None:
                query[name] = str(options[name])
        query.setlist("status", options["status"])
        f = funding_filter(with_default_basis(query))
        if not f.is_valid():
            raise CommandError(f"Invalid filters: {f.errors.as_text()}")
        dimension = DIMENSIONS[options["dimension"]]
        try:
            table = by_year if options["by_year"] else breakdown
            table = table(dimension, f.facts(dimension), options["sort"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["format"] == "json":
            self.stdout.write(dumps(table, f))
        elif options["format"] == "csv":
            self.stdout.write(csv_text(table, f.query_string()), ending="")
        else:
            self.stdout.write(text_table(table))


def text_table(table):
    """The table in aligned plain-text columns, with its share basis underneath."""
    cells = [["" if cell is None else str(cell) for cell in row] for row in table.cells()]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]
    if table.basis:
        lines += ["", table.basis]
    return "\n".join(lines)
