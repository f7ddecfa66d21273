"""The headings the yearly report groups a measure's efforts under, as editors record them: a
region, then a country, a regional group, an organisation, or "General efforts" / "Global
efforts", up to three levels ("Global efforts", "UN", "The Human Rights Council")."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from measures.bilingual import Bilingual
from projects.models import Channel, Recipient, Region

MAX_DEPTH = 3


class HeadingKind(models.TextChoices):
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")
    GROUP = "group", _("Regional or sub-regional group")
    ORGANISATION = "organisation", _("Organisation")
    GENERAL = "general", _("General efforts")
    GLOBAL = "global", _("Global efforts")


class ReportHeading(Bilingual, models.Model):
    """A heading of the report's measure sections. A country heading prints its country's name
    as of the report's year (Recipient.name_in); any other prints its label."""

    Kind = HeadingKind

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(
        _("label"), max_length=200, help_text=_("As the report prints it, e.g. “Latin America”.")
    )
    label_nb = models.CharField(
        _("label in Norwegian"),
        max_length=200,
        blank=True,
        help_text=_("As the Norwegian report prints it; blank: the English label is shown."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For a country: its name as of the report's year is printed."),
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        Channel, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )

    translated = "label"

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["parent__label", "label"]
        verbose_name = _("report heading")
        verbose_name_plural = _("report headings")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "label"], name="heading_label_unique_under_parent"
            ),
            models.UniqueConstraint(
                fields=["label"], condition=Q(parent__isnull=True), name="heading_root_unique"
            ),
            models.CheckConstraint(condition=~Q(label=""), name="heading_has_label"),
            models.CheckConstraint(
                condition=Q(kind__in=HeadingKind.values), name="heading_kind_valid"
            ),
        ]

    def __str__(self):
        return " › ".join(heading.label for heading in self.path())

    def path(self):
        """The headings from the top down to this one (a loop stops where it would repeat)."""
        path, heading = [], self
        while heading is not None and heading not in path and len(path) < MAX_DEPTH:
            path.insert(0, heading)
            heading = heading.parent
        return path

    def named(self):
        """The record whose name the heading prints: its country; its region when the label is
        the region's English name and no Norwegian label is recorded; else the heading."""
        if self.recipient_id is not None:
            return self.recipient
        if self.region_id is not None and not self.label_nb and self.label == self.region.name:
            return self.region
        return self

    def text_in(self, year):
        """What the report of `year` prints, in the active language."""
        if self.recipient_id is not None:
            return self.recipient.name_in(year)
        return self.named().in_language()
