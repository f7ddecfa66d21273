"""Efforts: what was done under the plan's measures in a year, with or without money."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN, Measure, implausible_year
from projects.models import AdministeringUnit, Channel, Project, Recipient, Region

NO_MEASURE = _("An effort serves at least one measure: choose one or more.")


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

    PROJECT_SUPPORT = "project_support", _("Project support")
    POLITICAL_DIALOGUE = "political_dialogue", _("Political dialogue")
    MULTILATERAL = "multilateral", _("Multilateral negotiation")
    MEETING = "meeting", _("Conference or meeting")
    SECONDMENT = "secondment", _("Secondment or personnel")
    RESEARCH = "research", _("Research or evaluation")
    LEGISLATION = "legislation", _("Legislation or guidance")
    OTHER = "other", _("Other")


class Effort(models.Model):
    """Something done under one or more measures in a year: a project, a dialogue, a meeting…"""

    Kind = EffortKind

    measures = models.ManyToManyField(Measure, related_name="efforts", verbose_name=_("measures"))
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    narrative = models.TextField(
        blank=True,
        help_text=_("What was done, as the report tells it."),
        verbose_name=_("narrative"),
    )
    unit = models.ForeignKey(
        AdministeringUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("administering unit"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("region"),
    )
    countries = models.ManyToManyField(
        Recipient, blank=True, related_name="efforts", verbose_name=_("countries")
    )
    organisation = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        help_text=_("The organisation or forum, from the channel register."),
        verbose_name=_("organisation"),
    )
    projects = models.ManyToManyField(
        Project,
        blank=True,
        related_name="efforts",
        help_text=_("The projects the effort is about."),
        verbose_name=_("projects"),
    )
    source = models.TextField(
        blank=True,
        help_text=_("For example a report section and a quote."),
        verbose_name=_("source"),
    )
    demo = models.BooleanField(
        default=False, help_text=_("Written by load_demo."), verbose_name=_("demo")
    )

    objects = EffortQuerySet.as_manager()

    # The links are history too: which measures, countries and projects an effort had.
    history = HistoricalRecords(bases=[ImportRunStamp], m2m_fields=[measures, countries, projects])

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
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
            errors["year"] = implausible_year(self.year)
        if not (self.title or "").strip():
            errors["title"] = _("An effort needs a title.")
        if self.kind == self.Kind.OTHER and not (self.narrative or "").strip():
            errors["narrative"] = _(
                "Say what was done: an effort of kind “Other” needs a narrative."
            )
        if errors:
            raise ValidationError(errors)
