"""Numbered measures and their follow-up status per year."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters

from ..bilingual import Bilingual
from .plans import YEAR_MAX, YEAR_MIN, Goal, Ministry, Plan, implausible_year

# Words people put before a measure's number: "Measure 11", "Tiltak 11", "no. 11".
NUMBER_WORDS = {"measure", "tiltak", "number", "nummer", "nr", "no", "#"}
PERIOD = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


class MeasureQuerySet(models.QuerySet):
    def untitled(self):
        """Measures whose title no source has given yet."""
        return self.filter(title="")

    def matching(self, text):
        """Measures found by what people type: a number ("11", "Measure 11", "Tiltak 11"), a
        plan (its period "2006-2009", a year in it, or words of its title), words of the
        measure's title, or these together ("2006-2009 tiltak 11 victims")."""
        found = self
        for start, end in PERIOD.findall(text):
            found = found.filter(plan__start_year=int(start), plan__end_year=int(end))
        for word in PERIOD.sub(" ", text).replace(".", " ").split():
            if word.casefold() in NUMBER_WORDS:
                continue
            if word.lstrip("#").isdigit() and len(word.lstrip("#")) == 4:
                year = int(word.lstrip("#"))
                found = found.filter(plan__start_year__lte=year, plan__end_year__gte=year)
            elif word.lstrip("#").isdigit():
                found = found.filter(number=int(word.lstrip("#")))
            else:
                found = found.filter(Q(title__icontains=word) | Q(plan__title__icontains=word))
        return found


class Measure(Bilingual, NoControlCharacters, models.Model):
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
    title_nb = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Our sources give the titles in English only: a Norwegian title written here is a "
            "translation to check. Blank: the English title is shown."
        ),
        verbose_name=_("title in Norwegian"),
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

    translated = "title"

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
        number = gettext("Measure %(number)s") % {"number": self.number}
        return f"{number}: {self.in_language() or gettext('(title missing)')}"

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
