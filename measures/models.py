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


class MeasureQuerySet(models.QuerySet):
    def untitled(self):
        """Measures whose title no source has given yet."""
        return self.filter(title="")


class Measure(NoControlCharacters, models.Model):
    """A numbered measure of a plan of action."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="measures", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("number"))
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("As the plan words it. Empty until a source gives it."),
        verbose_name=_("title"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal"),
    )
    lead_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_measures",
        verbose_name=_("lead ministry"),
    )
    responsible_ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="measures",
        help_text=_("Every ministry responsible for the measure, alone or with others."),
        verbose_name=_("responsible ministries"),
    )

    objects = MeasureQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="measure_number_positive"),
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return f"Measure {self.number}: {self.title or _('(title missing)')}"

    def clean(self):
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            raise ValidationError(
                {"goal": _("The goal must belong to the same plan as the measure.")}
            )


class FollowUpStatus(models.TextChoices):
    """How far a measure had come in a year; `MeasureStatus.Status` everywhere else."""

    NOT_STARTED = "not_started", _("Not started")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    ONGOING = "ongoing", _("Ongoing")
    DISCONTINUED = "discontinued", _("Discontinued")


class MeasureStatusQuerySet(models.QuerySet):
    def for_year(self, year):
        """The statuses recorded for `year`."""
        return self.filter(year=year)


class MeasureStatus(NoControlCharacters, models.Model):
    """How far a measure had come in a year, as staff recorded it; a blank status is unknown."""

    Status = FollowUpStatus

    NOT_RECORDED = _("Not recorded")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("measure")
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave blank if unknown."),
        verbose_name=_("status"),
    )
    summary = models.CharField(max_length=500, blank=True, verbose_name=_("summary"))

    objects = MeasureStatusQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["measure", "year"]
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="measure_status_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="measure_status_year_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=FollowUpStatus.values),
                name="measure_status_valid",
            ),
        ]

    def __str__(self):
        return f"Measure {self.measure.number}, {self.year}: {self.label}"

    @property
    def label(self):
        """The status as people read it; "Not recorded" when blank, never a guess."""
        return self.get_status_display() if self.status else self.NOT_RECORDED

    def clean(self):
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValidationError({"year": implausible_year(self.year)})
