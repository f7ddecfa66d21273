"""The demo's 2007 is a published year: load_demo closes it once the demo is loaded (with a note
saying so), so that entries for other years leave the 2007 report and its published figures as
they were published; it reopens its own closure, never a closure made by staff, to reload or
remove the demo data."""

from breakdowns.closing import close_year, reopen_year
from funding.models import ClosedYear

PUBLISHED_YEAR = 2007
NOTE = (
    "The 2007 report was published on 5 February 2008 (demo data: load_demo closed the year; "
    "it reopens it only to reload or remove the demo)."
)


def close_published_year():
    """Close 2007 as the demo's published year, unless it is closed already."""
    if not ClosedYear.objects.filter(year=PUBLISHED_YEAR).exists():
        close_year(PUBLISHED_YEAR, note=NOTE)


def reopen_published_year():
    """Reopen 2007 if the demo closed it; a closure by staff stays (and refuses the reload)."""
    if ClosedYear.objects.filter(year=PUBLISHED_YEAR, note=NOTE).exists():
        reopen_year(PUBLISHED_YEAR, reason="load_demo reloads or removes the demo data.")
