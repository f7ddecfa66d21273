"""Closed years: a file that would create or change a yearly amount of a closed reporting
year (funding/closed_years.py) is refused whole, with one error per row in that year. Rows
whose amount in a closed year is already exactly as recorded pass: they change nothing.
One step of its own, run after the stage is matched with the database (reads only).
"""

from django.utils.translation import gettext as _

from funding.models import ClosedYear


def refuse_closed_years(stage, errors):
    """Add an error for every staged amount that would touch a closed year."""
    closed = ClosedYear.objects.among(
        year for (year,) in stage.all("SELECT DISTINCT year FROM import_amt")
    )
    if not closed:
        return
    marks = ", ".join(["%s"] * len(closed))
    for line, year, created in stage.all(
        f"""SELECT line, year, CASE WHEN old_id IS NULL THEN 1 ELSE 0 END FROM import_amt
        WHERE year IN ({marks}) AND (old_id IS NULL OR old_ore <> ore OR old_status <> status)
        ORDER BY line, year""",
        sorted(closed),
    ):
        message = (
            _("this row would create an amount of %(year)s: %(reason)s")
            if created
            else _("this row would change an amount of %(year)s: %(reason)s")
        ) % {"year": year, "reason": closed[year].message}
        errors.add(line, str(year), "", message)
