from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from history.versions import bump_data_version


class Command(BaseCommand):
    help = "Loads or refreshes the reference data in fixtures/reference/ (idempotent)."

    def handle(self, *args, **options):
        # Each app that has reference data loads its own, lower apps first (INSTALLED_APPS
        # order), so that this command names no app above it.
        with transaction.atomic():
            for config in apps.get_app_configs():
                if hasattr(config, "load_reference"):
                    config.load_reference(apps)
            bump_data_version()  # bulk_create sends no save signals
        self.stdout.write("Reference data loaded.")
