"""`bench_import`: the entry point of bench.importing (the importer against PostgreSQL COPY)."""

from django.core.management.base import BaseCommand

from bench import importing
from web.progress import Progress


class Command(BaseCommand):
    help = "Benchmark the importer against PostgreSQL COPY in a scratch database it drops after."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2007)
        parser.add_argument(
            "--runs", type=int, default=3, help="Timed runs of each loader (medians reported)."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, rows, seed, runs, quiet, **options):
        progress = Progress.for_command(self, quiet)
        importing.main(rows, seed, runs, self.stdout.write, self.stderr.write, progress)
