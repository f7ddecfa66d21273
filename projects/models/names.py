"""Earlier names of countries and organisations, with the last year each was used: a report
for a year prints the names of that year ("Macedonia" in 2007, "North Macedonia" since 2019),
the pages today's names."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters

from .geography import Recipient
from .partners import Channel


class EarlierName(NoControlCharacters, models.Model):
    """A name a recipient or an organisation had until the end of `until`."""

    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="earlier_names",
        verbose_name=_("country or region"),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="earlier_names",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("earlier name"), max_length=200)
    until = models.PositiveSmallIntegerField(
        _("used until"), help_text=_("The last year the name was in use (inclusive).")
    )
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["until"]
        verbose_name = _("earlier name")
        verbose_name_plural = _("earlier names")
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False, channel__isnull=True)
                | Q(recipient__isnull=True, channel__isnull=False),
                name="earlier_name_of_one_record",
            ),
        ]

    def __str__(self):
        return f"{self.name} (until {self.until})"
