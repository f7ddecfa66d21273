"""An import's run: its outcome (`ImportResult`) and the ImportRun record it finishes,
failed included: an unexpected error marks the run failed before it goes on (issue 30, row 8).
"""

import contextlib
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from funding.models import ImportRun


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or on errors, would have done)."""

    run: ImportRun
    errors: list = field(default_factory=list)  # of dicts: line, column, value, message, text
    preview: list = field(default_factory=list)  # the first amounts with their action
    encoding: str = ""  # the encoding the file was read in ("UTF-8", "Windows-1252", …)
    fingerprint: str = ""  # of what it would change (changes.Counts.fingerprint)
    warnings: list = field(default_factory=list)  # RowErrors that did not stop the import

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


def fail_run(run, errors, exc):
    """Mark the run failed on an unexpected error (atomic() rolled its writes back)."""
    message = _("The import stopped on an unexpected error (%(error)s); nothing was written.")
    errors.add(None, "", "", message % {"error": type(exc).__name__})
    with contextlib.suppress(Exception):  # the first error is the one to report
        finish_run(run, errors, None, {})


def finish_run(run, errors, counts, created):
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
    fingerprint = counts.fingerprint() if counts else ""
    return ImportResult(
        run=run,
        errors=run.errors,
        preview=preview,
        fingerprint=fingerprint,
        warnings=errors.warnings,
    )
