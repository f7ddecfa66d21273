"""`bench_iati`: the entry point of bench.iati (the IATI export's peak memory)."""

from django.core.management.base import BaseCommand

from bench import iati
from web.progress import Progress


class Command(BaseCommand):
    help = "Measures the IATI activity export's peak memory in a scratch PostgreSQL database."

    def add_arguments(self, parser):
        parser.add_argument("--amounts", type=int, default=1_000_000, help="Yearly amounts.")
        parser.add_argument("--seed", type=int, default=2007)
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, *args, amounts, seed, quiet, **options):
        iati.main(amounts, seed, self.stdout.write, Progress.for_command(self, quiet))
