"""Closing and reopening a reporting year (funding/closed_years.py): the one write path that
the `close_year` and `reopen_year` commands and the admin share. Both leave a historical
record with the user, the time and the note or reason.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from funding.models import ORE, ClosedYear, Fact, YearlyAmount
from history.versions import lock_data_version

from .published import snapshot

REASON_MAX = 100  # simple-history's history_change_reason column


class ClosingError(Exception):
    """The year cannot be closed or reopened (already closed, not closed, no note)."""


def year_totals(year):
    """The year's amounts by status at this moment, {status: text}."""
    rows = Fact.objects.filter(year=year).totals_by("status")
    return {row["status"]: str(Decimal(row["total"]).quantize(ORE)) for row in rows}


def close_year(year, *, user=None, note, figures_path=None):
    """Close `year`, storing the published figures and the year's totals as they are now."""
    if not note.strip():
        raise ClosingError(_("Say why the year is closed (--note)."))
    with transaction.atomic():
        lock_data_version()  # before anything is read (save_closing takes it again: no-op)
        if existing := ClosedYear.objects.select_for_update().filter(year=year).first():
            raise ClosingError(existing.message)
        closed = ClosedYear(year=year, note=note.strip())
        try:
            closed.full_clean(exclude=["closed_at", "snapshot"])
        except ValidationError as error:
            raise ClosingError(" ".join(error.messages)) from None
        save_closing(closed, user, figures_path)
    return closed


def save_closing(closed, user, figures_path=None):
    """Stamp a new ClosedYear with its closer, time and snapshot, and save it (the admin's
    add form and close_year), under the data-version lock: an import in progress finishes
    first, and none starts until the close commits, so the snapshot is what the year holds."""
    lock_data_version()
    closed.closed_by, closed.closed_at = user, timezone.now()
    closed.snapshot = {"figures": snapshot(figures_path), "year_totals": year_totals(closed.year)}
    closed._history_user = user
    closed._change_reason = Truncator(closed.note).chars(REASON_MAX)  # the history's column
    closed.save()


def reopen_year(year, *, user=None, reason):
    """Reopen `year`: its amounts may change again. The history keeps the closing record."""
    if not reason.strip():
        raise ClosingError(_("Say why the year is reopened (--reason)."))
    if len(reason.strip()) > REASON_MAX:
        raise ClosingError(
            _("Keep the reason within %(max)s characters; it has %(length)s.")
            % {"max": REASON_MAX, "length": len(reason.strip())}
        )
    with transaction.atomic():
        closed = ClosedYear.objects.select_for_update().filter(year=year).first()
        if closed is None:
            raise ClosingError(_("%(year)s is not a closed year.") % {"year": year})
        closed._history_user = user
        closed._change_reason = reason.strip()
        closed.delete()
    return closed


@dataclass
class Kept:
    """One value of a closed year's snapshot beside the same value now."""

    label: str
    then: Decimal | None
    now: Decimal | None
    figure: object = None  # the published Figure, for its unit

    @property
    def changed(self):
        return self.then != self.now


def _number(text):
    return None if text is None else Decimal(text)


def compare_with_snapshot(closed, figures):
    """A closed year's snapshot beside the live values: the published figures (`figures`,
    as reconcile() gives them) and the year's totals by status. Lists of Kept."""
    kept = closed.snapshot.get("figures", {})
    rows = [
        Kept(f.figure, _number(kept.get(f.key)), f.computed, f) for f in figures if f.key in kept
    ]
    then, now = closed.snapshot.get("year_totals", {}), year_totals(closed.year)
    statuses = [s for s in YearlyAmount.Status if s in then or s in now]
    totals = [Kept(s.label, _number(then.get(s)), _number(now.get(s))) for s in statuses]
    return rows, totals
