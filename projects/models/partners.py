"""Who handles the money: partner groups, OECD channel codes, the organisation register (model
`Channel`: funding channels are organisations) and administering units (ministry sections,
embassies, Norad), with their aliases.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp

from .geography import Alias
from .tree import loop_through


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

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["code"]
        verbose_name = "OECD channel code"

    def __str__(self):
        return f"{self.code} {self.name}"


class OrganisationKind(models.TextChoices):
    """What kind of body an organisation is (the register's first grouping)."""

    UN_ENTITY = "un_entity", "UN entity"
    MULTILATERAL = "multilateral", "Other multilateral"
    REGIONAL_IGO = "regional_igo", "Regional intergovernmental organisation"
    EU_BODY = "eu_body", "EU institution or agency"
    PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly", "Parliamentary assembly"
    MONITORING_BODY = "monitoring_body", "Monitoring body"
    INTERNATIONAL_NGO = "international_ngo", "International NGO"
    NORWEGIAN_NGO = "norwegian_ngo", "Norwegian NGO"
    LOCAL_NGO = "local_ngo", "Local NGO"
    RESEARCH = "research", "Research institution"
    PUBLIC_SECTOR = "public_sector", "Public sector"


class Channel(models.Model):
    """An organisation or body: the register of every organisation the sources name, whether or
    not money goes through it. A funding channel is an organisation with projects; one without
    projects is still in the register (a monitoring body, an assembly, a forum).
    """

    Kind = OrganisationKind

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(
        max_length=24,
        choices=OrganisationKind.choices,
        blank=True,
        help_text="Blank where no source says.",
    )
    partner_group = models.ForeignKey(
        PartnerGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="channels"
    )
    oecd_code = models.ForeignKey(
        ChannelCode, on_delete=models.PROTECT, null=True, blank=True, related_name="channels"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    website = models.URLField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True, help_text="Where the facts above come from.")

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")), name="channel_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["", *OrganisationKind.values]), name="channel_kind_valid"
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def clean(self):
        if path := loop_through(self):
            raise ValidationError(
                {"parent": f"An organisation cannot be its own ancestor: {path}."}
            )


class ChannelAlias(Alias):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "organisation aliases"
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
