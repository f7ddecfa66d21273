"""Closed reporting years: once a year's report is published, its yearly amounts stay as they
were reported. `ClosedYear` records who closed the year, when, why, and a snapshot of the
published figures at that moment; while the row exists no yearly amount of that year may be
created, changed or deleted (the admin, the importer and the demo loader ask `refusal()`).
Closing and reopening are in funding/closing.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN


class ClosedYearQuerySet(models.QuerySet):
    def among(self, years):
        """The closed years among `years`, as {year: ClosedYear}."""
        return {c.year: c for c in self.filter(year__in=set(years)).select_related("closed_by")}


class ClosedYear(models.Model):
    """A reporting year whose yearly amounts may no longer change."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.TextField(_("note"), help_text=_("Why the year is closed, e.g. the report."))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"))
    snapshot = models.JSONField(
        _("snapshot"),
        default=dict,
        help_text=_("The published figures as computed when the year was closed."),
    )

    objects = ClosedYearQuerySet.as_manager()
    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="closed_year_in_range",
            ),
        ]

    def __str__(self):
        return str(self.year)

    @property
    def closer(self):
        """Who closed the year, as people read it."""
        return self.closed_by.get_username() if self.closed_by else gettext("the command line")

    @property
    def message(self):
        """Why an amount of this year cannot change."""
        return gettext(
            "%(year)s is a closed reporting year (closed by %(who)s on %(when)s); its yearly "
            "amounts cannot be created, changed or deleted. Reopen the year first."
        ) % {"year": self.year, "who": self.closer, "when": f"{self.closed_at:%Y-%m-%d}"}


def refusal(*years):
    """The message refusing a change to an amount of one of `years`, or None if all are open."""
    closed = ClosedYear.objects.among(y for y in years if y is not None)
    return closed[min(closed)].message if closed else None
