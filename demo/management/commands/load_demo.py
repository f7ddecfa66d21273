"""`load_demo [--remove]`: the demo data, loaded or removed: the demo projects (written through
the importer, demo.loading), then the 2007 report's efforts, headings and texts (demo.efforts),
and 2007 closed as the published year (demo.published)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.efforts import DemoEffortError, efforts_load, efforts_remove
from demo.loading import DemoLoadError, demo_current, demo_load, demo_remove
from demo.published import close_published_year, reopen_published_year
from demo.report import DemoReportError


class Command(BaseCommand):
    help = "Loads the demo data that reproduces the 2007 report (idempotent), or removes it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove", action="store_true", help="Delete the demo data; staff records stay."
        )

    def handle(self, *args, remove, **options):
        if remove:
            try:
                reopen_published_year()
                removed = demo_remove()  # first: refused while a demo amount's year is closed
            except DemoLoadError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Removed the demo data ({removed} rows).")
            self.stdout.write(f"Removed the demo efforts ({efforts_remove()} rows).")
            return
        try:
            loaded, efforts = self.load()
        except (DemoLoadError, DemoEffortError, DemoReportError) as error:
            raise CommandError(str(error)) from error
        if loaded:
            self.stdout.write("Loaded the demo data: projects from the 2007 report and fillers.")
        else:
            self.stdout.write("The demo data is loaded already; nothing changed.")
        if efforts:
            self.stdout.write(f"Loaded the 2007 report's efforts ({efforts}).")
        else:
            self.stdout.write("The demo efforts are loaded already; nothing changed.")

    @transaction.atomic
    def load(self):
        """Load what is not loaded yet; 2007 is reopened only when its amounts must change."""
        loaded = not demo_current()
        if loaded:
            reopen_published_year()
            demo_load()
        efforts = efforts_load()
        close_published_year()
        return loaded, efforts
