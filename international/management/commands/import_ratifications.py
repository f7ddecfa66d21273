from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.management.base import BaseCommand, CommandError

from history.upload_limits import UploadRefused
from international.models import Instrument
from international.resources import ChartResource, read_dataset

FIELD_NAMES = {"country": "state", "entry_into_force": "entry into force"}


class Command(BaseCommand):
    help = "Import a treaty office's chart of signatures and ratifications; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (UTF-8) or XLSX: State, Signature, Ratification, …")
        parser.add_argument("--instrument", required=True, help="Its short name: CETS No. 197.")
        parser.add_argument("--source", required=True, help="Where the chart comes from.")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD."
        )
        parser.add_argument("--dry-run", action="store_true", help="Preview, write nothing.")

    def handle(self, path, instrument, source, as_of, dry_run, **options):
        try:
            chosen = Instrument.objects.get(short_name=instrument)
        except Instrument.DoesNotExist:
            raise CommandError(f"No instrument has the short name {instrument!r}.") from None
        try:
            dataset = read_dataset(path)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        except UploadRefused as refused:
            raise CommandError(f"{path}: {refused}", returncode=1) from None
        resource = ChartResource(instrument=chosen, source=source, as_of=as_of)
        result = resource.import_data(dataset, dry_run=dry_run)
        problems = [*base_errors(result), *row_errors(result, resource.states)]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} problem(s); nothing was written.", returncode=1)
        for row in result.rows:
            self.stdout.write(f"{row.import_type}: {row.object_repr}")
        totals = ", ".join(f"{n} {kind}" for kind, n in result.totals.items() if n)
        verb = "Would write" if dry_run else "Wrote"
        self.stdout.write(f"{verb}: {totals or 'nothing'} ({chosen}).")


def base_errors(result):
    yield from (str(error.error) for error in result.base_errors)
    for number, errors in result.row_errors():
        yield from (f"Row {number}: {error.error}" for error in errors)


def row_errors(result, states):
    """One line per refusal, naming the row (as the admin counts them), the state and field."""
    for row in result.invalid_rows:
        for field, messages in row.error_dict.items():
            where = "" if field == NON_FIELD_ERRORS else f", {FIELD_NAMES.get(field, field)}"
            for message in messages:
                yield f"Row {row.number} ({states.get(row.number, '')}){where}: {message}"
