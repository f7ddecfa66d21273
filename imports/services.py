"""The one import path for project lists (see docs/import-format.md).

    import_file(path, ...)       a CSV/TSV file in the wide, long or Norad layout
    import_records(records, ...) already-parsed records (e.g. the demo-data loader)

Both stage every checked row first; then, if nothing is wrong anywhere, write every change in
one transaction under an advisory lock (any error: nothing written). Each records an `ImportRun`.

Modules, in the order the data flows:
    schema     the staged row, described once; the column lists and predicates of the SQL
    files      bytes → text: one binary read (SHA-256, encoding), then the records
    reading    header → Layout, records → RawRows (also in-memory records)
    lookups    the reference data (names, aliases, measures), read once per import
    values     one cell → an amount in øre or a year
    checking   RawRows → staged rows, with every error
    staging    the temporary tables: filled, grouped, matched with the database
    conflicts  cross-row and database problems
    closed     rows that would touch a closed year; units: another unit's agreements
    changes    what would change: counts, the change log, the preview
    writing    `write_import`, the only function that writes data
    history    the audit trail of what it writes
    problems   how errors are collected and shown
    limits     the upload size and row limits, enforced while reading
"""

import zlib
from dataclasses import dataclass, field

from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from funding.models import ImportRun, YearlyAmount
from web.progress import SILENT

from .changes import count_changes
from .checking import staged_rows
from .closed import refuse_closed_years
from .conflicts import find_conflicts
from .files import open_list
from .limits import within_row_limit
from .lookups import Lookups
from .problems import ErrorList, FileProblem, ImportInterrupted, lost_database
from .reading import raw_rows, read_layout, record_rows
from .staging import Stage
from .units import refuse_other_units
from .writing import write_import

__all__ = ["ImportBusyError", "ImportInterrupted", "ImportResult", "import_file", "import_records"]
LOST = (OperationalError, InterfaceError)  # the connection failed: a restart, a timeout

ALLOCATED = YearlyAmount.Status.ALLOCATED
LOCK_KEY = zlib.crc32(b"funding.importing")
LOCK_WAIT_S = 60
PROGRESS_EVERY = 2_000


class _Rollback(Exception):
    pass


class ImportBusyError(Exception):
    pass


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or on errors, would have done)."""

    run: ImportRun
    errors: list = field(default_factory=list)  # of dicts: line, column, value, message, text
    preview: list = field(default_factory=list)  # the first amounts with their action

    @property
    def ok(self):
        return not self.errors

    @property
    def summary(self):
        r = self.run
        if not self.ok:
            count = len(self.errors)
            message = ngettext(
                "%(file)s: %(count)s error, nothing written.",
                "%(file)s: %(count)s errors, nothing written.",
                count,
            )
            return message % {"file": r.file_name, "count": count}
        verb = _("Dry run of %(file)s") if r.dry_run else _("Imported %(file)s")
        parts = [
            verb % {"file": r.file_name}
            + _(" (%(format)s, %(rows)s rows)") % {"format": r.format, "rows": r.rows},
            _("projects %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % counts(r, "projects"),
            _("agreements %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % counts(r, "agreements"),
            _("amounts %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % counts(r, "amounts"),
        ]
        if r.channels_created:
            parts.append(_("channels created: ") + ", ".join(r.channels_created))
        if r.units_created:
            parts.append(_("units created: ") + ", ".join(r.units_created))
        return "; ".join(parts) + (_("; nothing written (dry run).") if r.dry_run else ".")


def counts(run, what):
    return {
        "created": getattr(run, f"{what}_created"),
        "updated": getattr(run, f"{what}_updated"),
        "unchanged": getattr(run, f"{what}_unchanged"),
    }


def import_file(
    path,
    *,
    file_name=None,
    user=None,
    dry_run=False,
    fmt="auto",
    default_status=ALLOCATED,
    create_missing=False,
    progress=SILENT,
):
    """Import a project list file (wide, long or Norad layout; `fmt` "auto" tells by header).

    `progress` (a web.progress.Progress, whose first phase the caller starts) hears the rows
    read and each later step."""
    run = ImportRun(
        file_name=file_name or str(path).rsplit("/", 1)[-1],
        user=user,
        started=timezone.now(),
        dry_run=dry_run,
    )
    errors = ErrorList()
    with open_list(path) as source:
        run.sha256 = source.sha256
        try:
            if source.problem:
                raise source.problem
            layout = read_layout(source.header, source.delimiter, fmt, source.codec)
        except FileProblem as exc:
            for message in exc.messages:
                errors.add(1 if "column" in message.lower() else None, "", "", message)
            return _finish(run, errors, None, [])
        run.format = layout.format
        records = within_row_limit(raw_rows(layout, source.rows), errors)
        rows = _guarded(records, errors, progress, run)
        return _run(
            run,
            errors,
            rows,
            layout.format,
            default_status,
            create_missing,
            decimal_comma=source.delimiter in ";\t",
            progress=progress,
        )


def import_records(
    records,
    *,
    name="records",
    user=None,
    dry_run=False,
    create_missing=False,
    default_status=ALLOCATED,
):
    """Import already-parsed records through the same checks and the same batched writes.

    Each record is a mapping like a long-format row: title, channel, recipient, unit, number
    (agreement number or None), objective, measures ("1; 33", [1, 33] or [(1, 70), (33, 30)]),
    year, amount (NOK; Decimal, int or text), status, and optionally description, source and
    demo for the project. Errors name the record's position (1-based) as its line.
    """
    run = ImportRun(
        file_name=name,
        user=user,
        started=timezone.now(),
        dry_run=dry_run,
        format=ImportRun.Format.RECORDS,
    )
    errors = ErrorList()
    rows = _guarded(within_row_limit(record_rows(records), errors), errors, SILENT, run)
    return _run(run, errors, rows, "long", default_status, create_missing, decimal_comma=False)


def _guarded(rows, errors, progress, run):
    """Count rows, report progress, and turn a broken file into an error."""
    try:
        for item in rows:
            run.rows += 1
            if run.rows % PROGRESS_EVERY == 0:
                progress.update(run.rows)
            yield item
    except FileProblem as exc:
        for message in exc.messages:
            errors.add(None, "", "", message)


def _lock():
    """Serialise imports: one at a time per database (SQLite's write lock does it there)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_S}s'")
        try:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        except OperationalError:
            raise ImportBusyError(
                _(
                    "Another import is running and did not finish within %(seconds)s s; "
                    "try again when it has finished."
                )
                % {"seconds": LOCK_WAIT_S}
            ) from None
        cursor.execute("SET LOCAL lock_timeout = DEFAULT")


def _run(run, errors, rows, fmt, default_status, create_missing, decimal_comma, progress=SILENT):
    counts, created, committed = None, {}, False
    run.save()  # before the transaction: its id stamps the history; kept even if the run fails
    try:
        with transaction.atomic():
            _lock()
            lookups = Lookups(create_missing)
            stage = Stage(fmt)
            stage.create()
            stage.fill(
                staged_rows(
                    rows,
                    lookups,
                    errors,
                    fmt=fmt,
                    default_status=default_status,
                    decimal_comma=decimal_comma,
                    schema=stage.schema,
                )
            )
            if not errors and run.rows == 0:
                errors.add(None, "", "", _("The file has a header but no data rows."))
            elif not errors and stage.rows == 0:
                errors.add(None, "", "", _("No row has an amount; empty amount cells mean no row."))
            if errors:
                raise _Rollback
            progress.phase(_("Matching with the database"))
            stage.derive(lookups.measure_sets)
            stage.resolve()
            find_conflicts(stage, lookups, errors)
            refuse_closed_years(stage, errors)
            refuse_other_units(stage, run.user, errors)
            if errors:
                raise _Rollback
            progress.phase(_("Counting changes"))
            counts = count_changes(stage, lookups)
            created = write_import(stage, lookups, counts, run, progress)
            stage.drop()
            if run.dry_run:
                raise _Rollback
        committed = True
    except _Rollback:
        pass
    except ImportBusyError as exc:
        errors.add(None, "", "", str(exc))
    except LOST as exc:  # atomic() rolled back, or dropped the dead connection
        errors.add(None, "", "", lost_database(exc, committed=False))
    try:
        return _finish(run, errors, counts, created)
    except LOST as exc:
        connection.close()  # dead: the process's next query connects afresh
        raise ImportInterrupted(lost_database(exc, committed=committed)) from exc


def _finish(run, errors, counts, created):
    run.finished = timezone.now()
    run.errors = errors.as_list()
    run.succeeded = not errors
    preview = []
    if counts and not errors:
        for name in (
            "projects_created",
            "projects_updated",
            "projects_unchanged",
            "agreements_created",
            "agreements_updated",
            "agreements_unchanged",
            "amounts_created",
            "amounts_updated",
            "amounts_unchanged",
        ):
            setattr(run, name, getattr(counts, name))
        run.changes = counts.changes
        run.channels_created = created.get("channel", [])
        run.units_created = created.get("unit", [])
        preview = counts.preview
    run.save()
    return ImportResult(run=run, errors=run.errors, preview=preview)
