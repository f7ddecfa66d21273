from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.models import YearlyAmount
from imports.services import ImportInterrupted, import_file
from web.progress import Progress

CHUNK = 1 << 20


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
        parser.add_argument(
            "--quiet", action="store_true", help="No progress on a terminal, only the summary."
        )

    def handle(self, path, dry_run, format, status, create_missing, quiet, **options):
        progress = Progress.for_command(self, quiet)
        try:
            lines = count_lines(path) if progress.enabled else None
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        progress.phase(_("Reading and checking rows"), total=lines and max(lines - 1, 1))
        try:
            result = import_file(
                path,
                dry_run=dry_run,
                fmt=format,
                default_status=status,
                create_missing=create_missing,
                progress=progress,
            )
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        except ImportInterrupted as error:
            raise CommandError(str(error), returncode=1) from None
        finally:
            progress.finish()
        for warning in result.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error["text"])
            raise CommandError(result.summary, returncode=1)
        self.stdout.write(result.summary)


def count_lines(path):
    """The file's lines (its rows, but for quoted line breaks): the reading bar's length."""
    lines, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
