"""Plans of action, their goals, and the ministries responsible for their measures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters

YEAR_MIN, YEAR_MAX = 1990, 2100


def implausible_year(year):
    """The message for a year outside YEAR_MIN to YEAR_MAX, in the active language."""
    return _("%(year)s is not a plausible year (%(min)s–%(max)s).") % {
        "year": year,
        "min": YEAR_MIN,
        "max": YEAR_MAX,
    }


class Plan(NoControlCharacters, models.Model):
    """A Government plan of action against human trafficking."""

    title = models.CharField(
        max_length=200, blank=True, help_text=_("Leave empty if unknown."), verbose_name=_("title")
    )
    start_year = models.PositiveSmallIntegerField(verbose_name=_("start year"))
    end_year = models.PositiveSmallIntegerField(verbose_name=_("end year"))
    pledged_amount = models.DecimalField(
        _("pledged amount (NOK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The money the Government allocated or announced with the plan, as a source "
            "states it. Leave empty if no source gives it."
        ),
    )
    pledge_source = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Where the pledged amount is stated (a quote)."),
        verbose_name=_("pledge source"),
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["start_year", "end_year"]
        verbose_name = _("plan of action")
        verbose_name_plural = _("plans of action")
        constraints = [
            models.UniqueConstraint(fields=["start_year", "end_year"], name="plan_unique_period"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="plan_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=YEAR_MIN, end_year__lte=YEAR_MAX),
                name="plan_years_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.title or 'Plan of action'} ({self.period})"

    @property
    def period(self):
        return f"{self.start_year}–{self.end_year}"

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {
                    "end_year": _("The plan cannot end (%(end)s) before it starts (%(start)s).")
                    % {"end": self.end_year, "start": self.start_year}
                }
            )


class Goal(NoControlCharacters, models.Model):
    """One of a plan's main goals."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("number"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    source = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Where the goal is stated (document and place)."),
        verbose_name=_("source"),
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_unique_number"),
        ]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return f"Goal {self.number}: {self.title}"


class Ministry(NoControlCharacters, models.Model):
    """A ministry responsible for following up measures."""

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    coordinates = models.BooleanField(
        default=False,
        help_text=_("Chairs the inter-ministerial working group."),
        verbose_name=_("coordinates"),
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("ministries")
        constraints = [
            models.UniqueConstraint(
                fields=["coordinates"], condition=Q(coordinates=True), name="one_coordinator"
            ),
        ]
        verbose_name = _("ministry")

    def __str__(self):
        return self.name


class PlanResponsibility(models.Model):
    """How many of a plan's measures a ministry is responsible for, alone or with others, as a
    source says: the measures themselves may not all be known (the 2007 report gives 16 for the
    Ministry of Foreign Affairs and names 13)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("plan")
    )
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("ministry"),
    )
    measures = models.PositiveSmallIntegerField(_("measures"))
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["plan", "ministry"]
        verbose_name = _("ministry's share of a plan")
        verbose_name_plural = _("ministries' shares of the plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "ministry"], name="one_responsibility"),
        ]

    def __str__(self):
        return f"{self.ministry}: {self.measures} measures of {self.plan}"
