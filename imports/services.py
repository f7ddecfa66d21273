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
    runs       the outcome and the ImportRun it finishes (failed, on any exception)
"""

from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models import ImportRun, YearlyAmount
from history.versions import IMPORT_LOCK_KEY
from web.progress import SILENT

from .changes import changed_since_preview, count_changes
from .checking import staged_rows
from .closed import refuse_closed_years
from .conflicts import find_conflicts
from .files import open_list
from .limits import within_row_limit
from .lookups import Lookups
from .problems import ErrorList, FileProblem, ImportInterrupted, lost_database
from .reading import raw_rows, read_layout, record_rows
from .runs import ImportResult, fail_run, finish_run
from .staging import Stage
from .units import refuse_other_units
from .writing import write_import

__all__ = ["ImportBusyError", "ImportInterrupted", "ImportResult", "import_file", "import_records"]
LOST = (OperationalError, InterfaceError)  # the connection failed: a restart, a timeout

ALLOCATED = YearlyAmount.Status.ALLOCATED
LOCK_KEY = IMPORT_LOCK_KEY  # closing a year takes it too (history.versions)
LOCK_WAIT_S = 60
PROGRESS_EVERY = 2_000


class _Rollback(Exception):
    pass


class ImportBusyError(Exception):
    pass


def import_file(
    path,
    *,
    file_name=None,
    user=None,
    dry_run=False,
    fmt="auto",
    default_status=ALLOCATED,
    create_missing=False,
    missing_hint=None,
    progress=SILENT,
    expect=None,
):
    """Import a project list file (wide, long or Norad layout; `fmt` "auto" tells by header).

    `progress` (a web.progress.Progress, whose first phase the caller starts) hears the rows
    read and each later step; `missing_hint` is how the caller's interface offers to create an
    unknown partner or unit (the command's --create-missing unless given). `expect`: the
    preview's `fingerprint`; an import that would now change anything else is refused (the
    records changed since the preview)."""
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
            return finish_run(run, errors, None, [])
        run.format = layout.format
        records = within_row_limit(raw_rows(layout, source.rows), errors)
        rows = _guarded(records, errors, progress, run)
        result = _run(
            run,
            errors,
            rows,
            layout.format,
            default_status,
            create_missing,
            decimal_comma=source.delimiter in ";\t",
            progress=progress,
            missing_hint=missing_hint,
            expect=expect,
        )
        result.encoding = source.encoding
        return result


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


def _stage(run, errors, rows, lookups, fmt, default_status, decimal_comma):
    """The checked rows in the stage's tables; _Rollback if any is wrong or none has data."""
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
    return stage


def _run(
    run,
    errors,
    rows,
    fmt,
    default_status,
    create_missing,
    decimal_comma,
    progress=SILENT,
    missing_hint=None,
    expect=None,
):
    counts, created, committed = None, {}, False
    run.save()  # before the transaction: its id stamps the history; kept even if the run fails
    try:
        with transaction.atomic():
            _lock()
            lookups = Lookups(create_missing, missing_hint)
            stage = _stage(run, errors, rows, lookups, fmt, default_status, decimal_comma)
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
            if expect is not None and counts.fingerprint() != expect:
                errors.add(None, "", "", changed_since_preview())
                raise _Rollback
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
    except Exception as exc:  # nothing was written; the run says so before the error goes on
        fail_run(run, errors, exc)
        raise
    try:
        return finish_run(run, errors, counts, created)
    except LOST as exc:
        connection.close()  # dead: the process's next query connects afresh
        raise ImportInterrupted(lost_database(exc, committed=committed)) from exc
