"""Efforts: what was done under the plan's measures in a year, with or without money."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN, Measure
from projects.models import AdministeringUnit, Channel, Project, Recipient, Region

NO_MEASURE = "An effort serves at least one measure: choose one or more."


class EffortQuerySet(models.QuerySet):
    def for_year(self, year):
        """The efforts of `year`."""
        return self.filter(year=year)

    def for_report(self):
        """With everything a report or page shows of each effort, in a fixed number of queries."""
        return self.select_related("unit", "region", "organisation").prefetch_related(
            "measures",
            "countries",
            "projects__recipient",
            "projects__channel",
        )


class EffortKind(models.TextChoices):
    """What kind of thing an effort is; `Effort.Kind` everywhere else."""

    PROJECT_SUPPORT = "project_support", "Project support"
    POLITICAL_DIALOGUE = "political_dialogue", "Political dialogue"
    MULTILATERAL = "multilateral", "Multilateral negotiation"
    MEETING = "meeting", "Conference or meeting"
    SECONDMENT = "secondment", "Secondment or personnel"
    RESEARCH = "research", "Research or evaluation"
    LEGISLATION = "legislation", "Legislation or guidance"
    OTHER = "other", "Other"


class Effort(models.Model):
    """Something done under one or more measures in a year: a project, a dialogue, a meeting…"""

    Kind = EffortKind

    measures = models.ManyToManyField(Measure, related_name="efforts")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    narrative = models.TextField(blank=True, help_text="What was done, as the report tells it.")
    unit = models.ForeignKey(
        AdministeringUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name="administering unit",
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="efforts"
    )
    countries = models.ManyToManyField(Recipient, blank=True, related_name="efforts")
    organisation = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        help_text="The organisation or forum, from the channel register.",
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="efforts", help_text="The projects the effort is about."
    )
    source = models.TextField(blank=True, help_text="For example a report section and a quote.")
    demo = models.BooleanField(default=False, help_text="Written by load_demo.")

    objects = EffortQuerySet.as_manager()

    # The links are history too: which measures, countries and projects an effort had.
    history = HistoricalRecords(bases=[ImportRunStamp], m2m_fields=[measures, countries, projects])

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = "effort"
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="effort_year_in_range"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="effort_has_title"),
            models.CheckConstraint(
                condition=Q(kind__in=EffortKind.values), name="effort_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def clean(self):
        errors = {}
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            errors["year"] = f"{self.year} is not a plausible year ({YEAR_MIN}–{YEAR_MAX})."
        if not (self.title or "").strip():
            errors["title"] = "An effort needs a title."
        if self.kind == self.Kind.OTHER and not (self.narrative or "").strip():
            errors["narrative"] = "Say what was done: an effort of kind “Other” needs a narrative."
        if errors:
            raise ValidationError(errors)
