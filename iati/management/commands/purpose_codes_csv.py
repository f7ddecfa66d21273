"""`manage.py purpose_codes_csv`: fixtures/reference/purpose_codes.csv from the vendored IATI
Sector codelist (iati/codelists/README.md, "Updating")."""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from iati.codelists import PURPOSE_CODE_COLUMNS, purpose_code_rows

DEFAULT = Path(settings.BASE_DIR) / "fixtures" / "reference" / "purpose_codes.csv"


class Command(BaseCommand):
    help = "Writes the DAC purpose codes of the vendored IATI Sector codelist as a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default=str(DEFAULT), help="The file to write.")

    def handle(self, *args, **options):
        rows = purpose_code_rows()
        with open(options["output"], "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, PURPOSE_CODE_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        self.stdout.write(f"{len(rows)} purpose codes written to {options['output']}.")
