"""`bench_breakdowns`: the entry point of bench.breakdowns (breakdown pages against SQL)."""

from django.core.management.base import BaseCommand

from bench import breakdowns
from web.progress import Progress


class Command(BaseCommand):
    help = (
        "Benchmarks the breakdown pages against hand-written SQL on a scratch PostgreSQL database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1_000_000, help="Agreement-year rows.")
        parser.add_argument("--runs", type=int, default=9, help="Timed runs per page (median).")
        parser.add_argument("--seed", type=int, default=2007)
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, *args, rows, runs, seed, quiet, **options):
        progress = Progress.for_command(self, quiet)
        breakdowns.main(rows, runs, seed, out=self.stdout.write, progress=progress)
