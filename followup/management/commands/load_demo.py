"""`load_demo [--remove]`: the demo data (funding.demo), loaded through the importer or removed."""

from django.core.management.base import BaseCommand, CommandError

from funding.demo import DemoLoadError, demo_load, demo_remove


class Command(BaseCommand):
    help = "Loads the demo data that reproduces the 2007 report (idempotent), or removes it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove", action="store_true", help="Delete the demo data; staff records stay."
        )

    def handle(self, *args, remove, **options):
        if remove:
            self.stdout.write(f"Removed the demo data ({demo_remove()} rows).")
            return
        try:
            loaded = demo_load()
        except DemoLoadError as error:
            raise CommandError(str(error)) from error
        if loaded:
            self.stdout.write("Loaded the demo data: projects from the 2007 report and fillers.")
        else:
            self.stdout.write("The demo data is loaded already; nothing changed.")
