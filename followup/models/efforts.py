"""Efforts: what was done under the plan's measures, with or without money, as the yearly
report of the year they are reported in tells it."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN, Measure, implausible_year
from projects.models import AdministeringUnit, Channel, Project, Recipient, Region

from .review import Reviewed, ReviewedQuerySet

NO_MEASURE = _("An effort serves at least one measure: choose one or more.")


PARTIAL_DATE = RegexValidator(
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
    _("Write a date as precisely as it is known: 2008, 2008-03 or 2008-03-12."),
)


class EffortQuerySet(ReviewedQuerySet):
    def for_year(self, year):
        """The efforts reported in `year`."""
        return self.filter(reported_in=year)

    def for_report(self):
        """With everything a report or page shows of each effort, in a fixed number of queries."""
        return self.select_related(
            "unit", "region", "organisation", "heading__recipient"
        ).prefetch_related(
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


class Effort(Reviewed):
    """Something done under one or more measures in a year: a project, a dialogue, a meeting…"""

    UNIT_PATH = "unit"  # whose it is (projects.units)

    Kind = EffortKind

    measures = models.ManyToManyField(Measure, related_name="efforts", verbose_name=_("measures"))
    reported_in = models.PositiveSmallIntegerField(
        _("reported in"), help_text=_("The year of the report that tells of it.")
    )
    start = models.CharField(
        _("from"),
        max_length=10,
        blank=True,
        validators=[PARTIAL_DATE],
        help_text=_("When it began or took place, as precisely as known: 2006, 2008-03."),
    )
    end = models.CharField(
        _("until"),
        max_length=10,
        blank=True,
        validators=[PARTIAL_DATE],
        help_text=_("When it ended or will end, as precisely as known; empty for one day."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, blank=True, help_text=_("Its place under its measure in the report.")
    )
    heading = models.ForeignKey(
        "ReportHeading",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        help_text=_("Where the report tells of it: a region, country, group or organisation."),
        verbose_name=_("heading"),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    narrative = models.TextField(
        blank=True,
        help_text=_(
            "What was done, as the report tells it: paragraphs separated by a blank line, list "
            "items starting with “- ”."
        ),
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
        help_text=_("For example a report section and a quote (shown in the draft only)."),
        verbose_name=_("source"),
    )
    editorial_note = models.TextField(
        blank=True,
        help_text=_("Notes for the editors about the sources or gaps (shown in the draft only)."),
        verbose_name=_("editorial note"),
    )
    demo = models.BooleanField(
        default=False, help_text=_("Written by load_demo."), verbose_name=_("demo")
    )

    objects = EffortQuerySet.as_manager()

    # The links are history too: which measures, countries and projects an effort had.
    history = HistoricalRecords(bases=[ImportRunStamp], m2m_fields=[measures, countries, projects])

    class Meta:
        ordering = ["reported_in", "order", "pk"]
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        constraints = [
            models.CheckConstraint(
                condition=Q(reported_in__gte=YEAR_MIN, reported_in__lte=YEAR_MAX),
                name="effort_year_in_range",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="effort_has_title"),
            models.CheckConstraint(
                condition=Q(kind__in=EffortKind.values), name="effort_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.reported_in}: {self.title}"

    @property
    def when(self):
        """When it happened, as the records know it: "2006-2009" (with an en dash), "2008-03"."""
        if self.start and self.end and self.end != self.start:
            return f"{self.start}–{self.end}"
        return self.start or self.end

    def clean(self):
        errors = {}
        if self.reported_in is not None and not YEAR_MIN <= self.reported_in <= YEAR_MAX:
            errors["reported_in"] = implausible_year(self.reported_in)
        if self.start and self.end and self.end[: len(self.start)] < self.start[: len(self.end)]:
            errors["end"] = _("It cannot end (%(end)s) before it began (%(start)s).") % {
                "end": self.end,
                "start": self.start,
            }
        if not (self.title or "").strip():
            errors["title"] = _("An effort needs a title.")
        if self.kind == self.Kind.OTHER and not (self.narrative or "").strip():
            errors["narrative"] = _(
                "Say what was done: an effort of kind “Other” needs a narrative."
            )
        if errors:
            raise ValidationError(errors)
