"""The IATI activity export's peak memory on `amounts` yearly amounts (issue 30, row 4: at
1 000 000 amounts at most 300 MB), in a scratch PostgreSQL database (bench.scratch).

The database is filled by bench.filling (COPY; two amounts an agreement, two agreements a
project; the funding facts derived, through which the export's filters select), then
`manage.py export_iati -o FILE --quiet` runs as a process of its own, so that its peak resident
memory is the export's alone (Python, Django and the export; not this process's generator).
Prints iati_export_amounts, iati_export_activities, iati_export_s, iati_export_file_mb and
iati_export_peak_mb. Entry point: `manage.py bench_iati` (`make bench-iati`).
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from web.progress import SILENT

from .filling import generate
from .scratch import require_postgresql, scratch_database

GOAL_MB = 300
REPORTER = {
    "IATI_REPORTING_ORG_REF": "NO-BRC-972417920",
    "IATI_REPORTING_ORG_NAME": "Norwegian Ministry of Foreign Affairs",
    "IATI_REPORTING_ORG_TYPE": "10",
}


def fill(amounts, rng, out):
    """bench.filling's data (with the funding facts, through which the export's filters select),
    every project with a purpose code."""
    generate(amounts, rng, out)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_project SET purpose_code = '15190'")
        cursor.execute("SELECT COUNT(*) FROM funding_yearlyamount")
        return cursor.fetchone()[0]


def database_url(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}{port}/{name}"


def export(name, path):
    """Run the export as its own process; (seconds, peak RSS in MB)."""
    env = os.environ | REPORTER | {"DATABASE_URL": database_url(name)}
    command = [sys.executable, "manage.py", "export_iati", "-o", str(path), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise CommandError(f"export_iati failed: {process.stderr.read().decode()}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def main(amounts, seed, out, progress=SILENT):
    require_postgresql("bench_iati")
    if amounts < 1:
        raise CommandError("--amounts must be at least 1.")
    with scratch_database(f"{connection.settings_dict['NAME']}_bench_iati"):
        progress.phase("Generating amounts with COPY")
        started = time.perf_counter()
        written = fill(amounts, random.Random(seed), out)
        progress.finish()
        out(f"generated {written} yearly amounts in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "activities.xml"
            seconds, peak = export(connection.settings_dict["NAME"], path)
            size = path.stat().st_size
            with path.open("rb") as f:
                activities = sum(line.count(b"<iati-activity ") for line in f)
    out(f"iati_export_amounts={written}")
    out(f"iati_export_activities={activities}")
    out(f"iati_export_s={seconds:.1f}")
    out(f"iati_export_file_mb={size / 2**20:.0f}")
    out(f"iati_export_peak_mb={peak:.0f}")
    out(f"iati_export_peak_within_goal={'yes' if peak <= GOAL_MB else 'no'} (goal {GOAL_MB} MB)")
