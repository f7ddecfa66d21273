import sys

from django.core.management.base import BaseCommand, CommandError

from funding.importing import ImportInterrupted, import_file
from funding.models import YearlyAmount

LARGE_FILE = 1 << 20  # bytes; smaller files finish before a progress line would help


class Command(BaseCommand):
    help = "Import a project list (CSV: wide, long or Norad extract); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, write nothing."
        )
        parser.add_argument("--format", default="auto", choices=["auto", "wide", "long", "norad"])
        parser.add_argument(
            "--status",
            default=YearlyAmount.Status.ALLOCATED,
            choices=YearlyAmount.Status.values,
            help="Status of plain year columns (wide) and rows without a status (long).",
        )
        parser.add_argument(
            "--create-missing", action="store_true", help="Create unknown channels and units."
        )

    def handle(self, path, dry_run, format, status, create_missing, **options):
        try:
            with open(path, "rb") as f:
                size = f.seek(0, 2)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        progress = None
        if size > LARGE_FILE and sys.stderr.isatty():

            def progress(rows):
                self.stderr.write(f"\r{rows:,} rows read…", ending="")
                self.stderr.flush()

        try:
            result = import_file(
                path,
                dry_run=dry_run,
                fmt=format,
                default_status=status,
                create_missing=create_missing,
                progress=progress,
            )
        except ImportInterrupted as error:
            raise CommandError(str(error), returncode=1) from None
        if progress:
            self.stderr.write("")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error["text"])
            raise CommandError(result.summary, returncode=1)
        self.stdout.write(result.summary)
