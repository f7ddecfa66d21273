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
