"""The importer against PostgreSQL COPY, in a scratch database (bench.scratch).

A synthetic wide list of `rows` rows (seeded) is imported `runs` times, each on emptied tables,
with the importer (checks and audit trail included) and with a bare COPY of the same rows; the
medians are reported. Prints import_rows_per_s, copy_rows_per_s, import_vs_copy,
import_peak_rss_mb, and the rows each loader writes (import_rows_written, copy_rows_written)
with import_vs_copy_rows_written, the importer's rows written per second against COPY's.
Entry point: `manage.py bench_import` (`make bench-import`).
"""

import csv
import os
import random
import resource
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from funding.models import Fact, FactPart, YearlyAmount
from imports.history import MODELS
from imports.schema import SCHEMA
from imports.services import import_file
from web.progress import SILENT

from .scratch import require_postgresql, scratch_database

FIRST_YEAR, LAST_YEAR = 2000, 2010
ALLOCATED = YearlyAmount.Status.ALLOCATED.value  # the importer's default status
# What an import writes: the data tables and their history tables, then the facts derived from
# them (no foreign keys: TRUNCATE … CASCADE does not reach them, so they are named).
DATA = [model._meta.db_table for model in MODELS.values()]
HISTORY = [model.history.model._meta.db_table for model in MODELS.values()]
DERIVED = [model._meta.db_table for model in (Fact, FactPart)]
TABLES = [*DATA, *HISTORY, *DERIVED]


def main(rows, seed, runs, out, err, progress=SILENT):
    """Run the benchmark; `out` and `err` write a line (results to `out`, progress to `err`);
    `progress` (web.progress) shows the generation and each run's importer phases."""
    if rows < 1 or runs < 1:
        raise CommandError("--rows and --runs must be at least 1.")
    require_postgresql("bench_import")
    scratch = f"{connection.settings_dict['NAME']}_bench_{os.getpid()}"
    err(f"Scratch database {scratch}: migrating…")
    with scratch_database(scratch):
        Bench(out, err, progress).run(rows, seed, runs)


class Bench:
    def __init__(self, out, err, progress=SILENT):
        self.out, self.err, self.progress = out, err, progress

    def run(self, rows, seed, runs):
        """Each run empties the tables, imports the file, empties them again and COPYs it."""
        import_times, copy_times = [], []
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.csv"
            self.progress.phase("Generating the file", total=rows)
            self.generate(path, rows, seed)
            self.progress.finish()
            self.err(f"{rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
            for run in range(1, runs + 1):
                self.empty_tables()
                self.progress.phase(f"Run {run}/{runs}: reading and checking rows", total=rows)
                started = time.perf_counter()
                result = import_file(path, progress=self.progress)
                import_times.append(time.perf_counter() - started)
                if not result.ok:
                    raise CommandError(f"The import failed: {result.errors[:3]}")
                amounts = result.run.amounts_created
                if run == 1:  # the importer's peak, before COPY's loader holds the file
                    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    written = self.rows_written(TABLES)
                self.empty_tables()
                self.progress.phase(f"Run {run}/{runs}: COPY")
                started = time.perf_counter()
                copied = self.copy(path)
                copy_times.append(time.perf_counter() - started)
                self.progress.finish()
                if run == 1:
                    copy_written = self.rows_written(DATA)
                if copied != amounts:
                    raise CommandError(f"COPY loaded {copied} amounts, the importer {amounts}.")
                self.err(
                    f"run {run}/{runs}: importer {import_times[-1]:.1f} s, "
                    f"COPY {copy_times[-1]:.1f} s"
                )
        import_s, copy_s = statistics.median(import_times), statistics.median(copy_times)
        import_rate, copy_rate = rows / import_s, rows / copy_s
        self.out(
            f"importer: {rows:,} rows ({amounts:,} amounts) in {import_s:.1f} s = "
            f"{import_rate:,.0f} rows/s\nCOPY:     {rows:,} rows in {copy_s:.1f} s = "
            f"{copy_rate:,.0f} rows/s (medians of {runs} runs)"
        )
        self.out(f"import_rows_per_s={import_rate:.0f}")
        self.out(f"copy_rows_per_s={copy_rate:.0f}")
        self.out(f"import_vs_copy={import_rate / copy_rate:.2f}")
        self.out(f"import_peak_rss_mb={peak_mb:.0f}")
        # what each loader writes (the importer: history, facts, parts and sums besides), and
        # the rows written per second, importer against COPY
        self.out(f"import_rows_written={written}")
        self.out(f"copy_rows_written={copy_written}")
        per_row = (written / import_s) / (copy_written / copy_s)
        self.out(f"import_vs_copy_rows_written={per_row:.2f}")

    def rows_written(self, tables):
        """How many rows `tables` hold (emptied before the load)."""
        with connection.cursor() as cursor:
            counts = " + ".join(f"(SELECT count(*) FROM {table})" for table in tables)
            cursor.execute(f"SELECT {counts}")
            return cursor.fetchone()[0]

    def empty_tables(self):
        """Every table a load writes, emptied: the facts too, or the next import would find the
        last one's facts under the same agreement ids and rewrite them (5 s more at 50 000
        rows, runs 2 and 3 against run 1, before they were emptied)."""
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")

    def reference(self):
        with connection.cursor() as cursor:
            names = {}
            for table, where in (
                ("projects_channel", ""),
                ("projects_recipient", ""),
                ("projects_administeringunit", ""),
            ):
                cursor.execute(f"SELECT name, id FROM {table} {where} ORDER BY id")
                names[table] = dict(cursor.fetchall())
            cursor.execute("SELECT number, id FROM measures_measure ORDER BY plan_id, number")
            names["measures"] = dict(cursor.fetchall())
        return names

    def generate(self, path, rows, seed):
        """A synthetic wide list: random reference names, about three funded years per row."""
        rng = random.Random(seed)
        ref = self.reference()
        channels, recipients = list(ref["projects_channel"]), list(ref["projects_recipient"])
        units, measures = list(ref["projects_administeringunit"]), list(ref["measures"])
        years = list(range(FIRST_YEAR, LAST_YEAR + 1))
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            keys = ("title", "channel", "recipient", "unit", "objective", "measures")
            writer.writerow([*SCHEMA.written(*keys), *map(str, years)])
            for i in range(rows):
                if i % 10_000 == 0:
                    self.progress.update(i)
                first = rng.randrange(len(years) - 3)
                cells = [""] * len(years)
                for offset in range(rng.choice((2, 3, 3, 4))):
                    cells[first + offset] = f"{rng.randrange(10_000, 5_000_000)}"
                chosen = rng.sample(measures, rng.choice((1, 1, 2)))
                writer.writerow(
                    [
                        f"Synthetic project {i}",
                        rng.choice(channels),
                        rng.choice(recipients),
                        rng.choice(units),
                        rng.choice(("main", "subsidiary")),
                        "; ".join(map(str, chosen)),
                        *cells,
                    ]
                )

    def copy(self, path):
        """Load the file with COPY: lookups by exact name, ids assigned here."""
        ref = self.reference()
        channels, recipients = ref["projects_channel"], ref["projects_recipient"]
        units, measures = ref["projects_administeringunit"], ref["measures"]
        projects, shares, agreements, amounts = [], [], [], []
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            years = [int(h) for h in header[6:]]
            for pk, row in enumerate(reader, start=1):
                projects.append(
                    (pk, row[0], "", channels[row[1]], recipients[row[2]], row[4], "", "")
                )
                numbers = row[5].split("; ")
                share = Decimal(100) / len(numbers)
                shares.extend((pk, measures[int(n)], share) for n in numbers)
                funded = [(y, v) for y, v in zip(years, row[6:], strict=True) if v]
                agreements.append((pk, pk, units[row[3]], funded[0][0], funded[-1][0]))
                amounts.extend((pk, y, Decimal(v), ALLOCATED) for y, v in funded)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for table, columns, data in (
                (
                    "projects_project",
                    "id, title, description, channel_id, recipient_id, objective, source, demo",
                    projects,
                ),
                ("projects_projectmeasure", "project_id, measure_id, share", shares),
                (
                    "projects_agreement",
                    "id, project_id, unit_id, first_year, last_year",
                    agreements,
                ),
                ("funding_yearlyamount", "agreement_id, year, amount, status", amounts),
            ):
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for item in data:
                        copy.write_row(item)
        return len(amounts)
