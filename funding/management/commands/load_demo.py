from django.core.management.base import BaseCommand

from funding.demo import demo_load, demo_remove


class Command(BaseCommand):
    help = "Loads the demo data that reproduces the 2007 report (idempotent), or removes it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove", action="store_true", help="Delete the demo data; staff records stay."
        )

    def handle(self, *args, remove, **options):
        if remove:
            self.stdout.write(f"Removed the demo data ({demo_remove()} rows).")
        elif demo_load():
            self.stdout.write("Loaded the demo data: projects from the 2007 report and fillers.")
        else:
            self.stdout.write("The demo data is loaded already; nothing changed.")
