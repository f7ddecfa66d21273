from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from measures import reference as measures_reference
from projects import reference as projects_reference


class Command(BaseCommand):
    help = "Loads or refreshes the reference data in fixtures/reference/ (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            measures_reference.load(apps)
            projects_reference.load(apps)
            projects_reference.load_register(apps)
        self.stdout.write("Reference data loaded.")
