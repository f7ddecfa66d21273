"""Who handles the money: partner groups, OECD channel codes, channels (partner organisations)
and administering units (ministry sections, embassies, Norad), with their aliases.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp

from .geography import Alias


class PartnerGroup(models.Model):
    """Norad's "Group of Agreement Partner"."""

    name = models.CharField(max_length=100, unique=True)

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChannelCode(models.Model):
    """An OECD DAC channel-of-delivery code."""

    code = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    parent_code = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "OECD channel code"

    def __str__(self):
        return f"{self.code} {self.name}"


class Channel(models.Model):
    """A partner organisation through which money is channelled."""

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    partner_group = models.ForeignKey(
        PartnerGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="channels"
    )
    oecd_code = models.ForeignKey(
        ChannelCode, on_delete=models.PROTECT, null=True, blank=True, related_name="channels"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = "channel (partner organisation)"
        verbose_name_plural = "channels (partner organisations)"
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")), name="channel_not_own_parent"
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A channel cannot be its own parent or ancestor."})
            ancestor = ancestor.parent


class ChannelAlias(Alias):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "channel aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="channel_alias_unique")]


class AdministeringUnit(models.Model):
    """The ministry section, embassy or Norad department that approves the funding."""

    class Kind(models.TextChoices):
        SECTION = "section", "Ministry section"
        EMBASSY = "embassy", "Embassy"
        NORAD = "norad", "Norad department"
        DELEGATION = "delegation", "Delegation or mission"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UnitAlias(Alias):
    unit = models.ForeignKey(AdministeringUnit, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "administering unit aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="unit_alias_unique")]
