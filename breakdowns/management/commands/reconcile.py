"""`manage.py reconcile`: the published figures (funding/published.py) against the records."""

from django.core.management.base import BaseCommand, CommandError

from breakdowns.published import DIFFERS, MATCH, NO_DATA, reconcile, status_counts


class Command(BaseCommand):
    help = "Compares the report's published figures with the figures computed from the records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with status 1 if any figure differs or has no data.",
        )

    def handle(self, *args, **options):
        try:
            figures = reconcile()
        except ValueError as error:
            raise CommandError(str(error)) from None
        for figure in figures:
            computed = "-" if figure.computed is None else figure.computed
            difference = "-" if figure.difference is None else figure.difference
            self.stdout.write(
                f"{figure.status:8}  {figure.key:32}  published={figure.value}  "
                f"computed={computed}  difference={difference}  tolerance={figure.tolerance}  "
                f"[{figure.computation}]"
            )
        failing = [f for f in figures if f.status in (DIFFERS, NO_DATA)]
        counts = status_counts(figures)
        self.stdout.write(
            f"{counts[MATCH]} match, {counts[DIFFERS]} differ, {counts[NO_DATA]} no data"
        )
        if options["strict"] and failing:
            raise CommandError(
                f"{len(failing)} published figures differ or have no data: "
                + ", ".join(f.key for f in failing)
            )
