"""The parts of a yearly report that the Section writes itself rather than records: the
introduction, the form and channels of the efforts (2.1), prose before and after the figures
of 2.2, the evaluation (2.3), a closing text. The figures of 2.2 are generated from the records
(followup/summary)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN

from .review import Reviewed, ReviewedQuerySet

LANGUAGES = [("en", _("English")), ("nb", _("Norwegian (bokmål)"))]


class TextPlace(models.TextChoices):
    """Where a text goes, in the report's order."""

    INTRODUCTION = "introduction", _("1. Introduction")
    FORM = "form", _("2.1 The form of and channels for the efforts")
    FIGURES_BEFORE = "figures_before", _("2.2, before the figures")
    FIGURES_AFTER = "figures_after", _("2.2, after the figures")
    FIGURES_NOTE = "figures_note", _("2.2, a footnote to the figures")
    EVALUATION = "evaluation", _("2.3 Evaluation")
    END = "end", _("After the measures")


class ReportText(Reviewed):
    """A text of the report of `year`. The body takes simple formatting: paragraphs separated by
    a blank line, list items starting with "- ", footnotes as [^1] in the text and "[^1]: …" at
    the end; {measures}, {ministry_measures}, {plan} and {year} are filled in from the records.
    The report in a language prints the texts written in it (a translation is a second text at
    the same place and order in the other language)."""

    Place = TextPlace

    year = models.PositiveSmallIntegerField(_("report year"))
    place = models.CharField(_("place"), max_length=20, choices=Place.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    language = models.CharField(_("written in"), max_length=2, choices=LANGUAGES, default="en")
    editorial_note = models.TextField(
        _("editorial note"), blank=True, help_text=_("For the editors (shown in the draft only).")
    )
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Written by load_demo."))

    objects = ReviewedQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["-year", "place", "order"]
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "place", "order", "language"], name="report_text_place_language"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="report_text_year"
            ),
            models.CheckConstraint(condition=Q(place__in=TextPlace.values), name="text_place"),
        ]

    def __str__(self):
        return f"{self.year}, {self.get_place_display()}: {self.title or self.body[:40]}"
