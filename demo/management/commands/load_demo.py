"""`load_demo [--remove]`: the demo data, loaded or removed: funding's demo projects (written
through the importer, funding.demo) and then the 2007 report's efforts (demo.efforts)."""

from django.core.management.base import BaseCommand, CommandError

from demo.efforts import DemoEffortError, efforts_load, efforts_remove
from demo.loading import DemoLoadError, demo_load, demo_remove


class Command(BaseCommand):
    help = "Loads the demo data that reproduces the 2007 report (idempotent), or removes it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove", action="store_true", help="Delete the demo data; staff records stay."
        )

    def handle(self, *args, remove, **options):
        if remove:
            try:
                removed = demo_remove()  # first: refused while a demo amount's year is closed
            except DemoLoadError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Removed the demo data ({removed} rows).")
            self.stdout.write(f"Removed the demo efforts ({efforts_remove()} rows).")
            return
        try:
            loaded = demo_load()
            efforts = efforts_load()
        except (DemoLoadError, DemoEffortError) as error:
            raise CommandError(str(error)) from error
        if loaded:
            self.stdout.write("Loaded the demo data: projects from the 2007 report and fillers.")
        else:
            self.stdout.write("The demo data is loaded already; nothing changed.")
        if efforts:
            self.stdout.write(f"Loaded the 2007 report's efforts ({efforts}).")
        else:
            self.stdout.write("The demo efforts are loaded already; nothing changed.")
