from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp

YEAR_MIN, YEAR_MAX = 1990, 2100


class Plan(models.Model):
    """A Government plan of action against human trafficking."""

    title = models.CharField(max_length=200, blank=True, help_text="Leave empty if unknown.")
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    pledged_amount = models.DecimalField(
        "pledged amount (NOK)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The money the Government allocated or announced with the plan, as a source "
        "states it. Leave empty if no source gives it.",
    )
    pledge_source = models.CharField(
        max_length=500, blank=True, help_text="Where the pledged amount is stated (a quote)."
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["start_year", "end_year"]
        verbose_name = "plan of action"
        verbose_name_plural = "plans of action"
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
                    "end_year": f"The plan cannot end ({self.end_year}) before it starts "
                    f"({self.start_year})."
                }
            )


class Goal(models.Model):
    """One of a plan's main goals."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    source = models.CharField(
        max_length=500, blank=True, help_text="Where the goal is stated (document and place)."
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_unique_number"),
        ]

    def __str__(self):
        return f"Goal {self.number}: {self.title}"


class Ministry(models.Model):
    """A ministry responsible for following up measures."""

    name = models.CharField(max_length=200, unique=True)
    coordinates = models.BooleanField(
        default=False, help_text="Chairs the inter-ministerial working group."
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "ministries"
        constraints = [
            models.UniqueConstraint(
                fields=["coordinates"], condition=Q(coordinates=True), name="one_coordinator"
            ),
        ]

    def __str__(self):
        return self.name


class MeasureQuerySet(models.QuerySet):
    def untitled(self):
        """Measures whose title no source has given yet."""
        return self.filter(title="")


class Measure(models.Model):
    """A numbered measure of a plan of action."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="measures")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(
        max_length=300, blank=True, help_text="As the plan words it. Empty until a source gives it."
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    lead_ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="led_measures"
    )
    responsible_ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="measures",
        help_text="Every ministry responsible for the measure, alone or with others.",
    )

    objects = MeasureQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="measure_number_positive"),
        ]

    def __str__(self):
        return f"Measure {self.number}: {self.title or '(title missing)'}"

    def clean(self):
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            raise ValidationError({"goal": "The goal must belong to the same plan as the measure."})


class FollowUpStatus(models.TextChoices):
    """How far a measure had come in a year; `MeasureStatus.Status` everywhere else."""

    NOT_STARTED = "not_started", "Not started"
    UNDER_WAY = "under_way", "Under way"
    COMPLETED = "completed", "Completed"
    ONGOING = "ongoing", "Ongoing"
    DISCONTINUED = "discontinued", "Discontinued"


class MeasureStatusQuerySet(models.QuerySet):
    def for_year(self, year):
        """The statuses recorded for `year`."""
        return self.filter(year=year)


class MeasureStatus(models.Model):
    """How far a measure had come in a year, as staff recorded it; a blank status is unknown."""

    Status = FollowUpStatus

    NOT_RECORDED = "Not recorded"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="statuses")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=Status.choices, blank=True, help_text="Leave blank if unknown."
    )
    summary = models.CharField(max_length=500, blank=True)

    objects = MeasureStatusQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["measure", "year"]
        verbose_name = "measure status"
        verbose_name_plural = "measure statuses"
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
            raise ValidationError(
                {"year": f"{self.year} is not a plausible year ({YEAR_MIN}–{YEAR_MAX})."}
            )
