"""Who handles the money: partner groups, OECD channel codes, the organisation register (model
`Channel`: funding channels are organisations) and administering units (ministry sections,
embassies, Norad), with their aliases.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters
from measures.bilingual import Bilingual

from .geography import Alias
from .naming import name_in
from .tree import loop_through


class PartnerGroup(Bilingual, NoControlCharacters, models.Model):
    """Norad's "Group of Agreement Partner"."""

    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    name_nb = models.CharField(
        max_length=100, blank=True, verbose_name=_("name in Norwegian"),
        help_text=_("Blank where no Norwegian name is known: the English one is shown."),
    )  # fmt: skip

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner group")
        verbose_name_plural = _("partner groups")

    def __str__(self):
        return self.in_language()


class ChannelCode(NoControlCharacters, models.Model):
    """An OECD DAC channel-of-delivery code."""

    code = models.PositiveIntegerField(primary_key=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    parent_code = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("parent code"))

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["code"]
        verbose_name = _("OECD channel code")
        verbose_name_plural = _("OECD channel codes")

    def __str__(self):
        return f"{self.code} {self.name}"


class OrganisationKind(models.TextChoices):
    """What kind of body an organisation is (the register's first grouping)."""

    UN_ENTITY = "un_entity", _("UN entity")
    MULTILATERAL = "multilateral", _("Other multilateral")
    REGIONAL_IGO = "regional_igo", _("Regional intergovernmental organisation")
    EU_BODY = "eu_body", _("EU institution or agency")
    PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly", _("Parliamentary assembly")
    MONITORING_BODY = "monitoring_body", _("Monitoring body")
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    NORWEGIAN_NGO = "norwegian_ngo", _("Norwegian NGO")
    LOCAL_NGO = "local_ngo", _("Local NGO")
    RESEARCH = "research", _("Research institution")
    PUBLIC_SECTOR = "public_sector", _("Public sector")


class Channel(Bilingual, NoControlCharacters, models.Model):
    """An organisation or body: the register of every organisation the sources name, whether or
    not money goes through it. A funding channel is an organisation with projects; one without
    projects is still in the register (a monitoring body, an assembly, a forum).
    """

    Kind = OrganisationKind

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    name_nb = models.CharField(
        max_length=200, blank=True, verbose_name=_("name in Norwegian"),
        help_text=_("Blank where no Norwegian name is known: the English one is shown."),
    )  # fmt: skip
    acronym = models.CharField(max_length=30, blank=True, verbose_name=_("acronym"))
    kind = models.CharField(
        max_length=24,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("Blank where no source says."),
        verbose_name=_("kind"),
    )
    partner_group = models.ForeignKey(
        PartnerGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="channels",
        verbose_name=_("partner group"),
    )
    oecd_code = models.ForeignKey(
        ChannelCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="channels",
        verbose_name=_("oecd code"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    website = models.URLField(max_length=300, blank=True, verbose_name=_("website"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    source = models.TextField(
        blank=True, help_text=_("Where the facts above come from."), verbose_name=_("source")
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")), name="channel_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["", *OrganisationKind.values]), name="channel_kind_valid"
            ),
        ]

    def __str__(self):
        name = self.in_language()
        return f"{name} ({self.acronym})" if self.acronym and self.acronym != name else name

    def name_in(self, year):
        """The name it had in `year` (its earlier names: projects.models.names)."""
        return name_in(self, year)

    def clean(self):
        if path := loop_through(self):
            raise ValidationError(
                {
                    "parent": _("An organisation cannot be its own ancestor: %(path)s.")
                    % {"path": path}
                }
            )


class ChannelAlias(Alias):
    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("channel")
    )

    class Meta(Alias.Meta):
        verbose_name_plural = _("organisation aliases")
        constraints = [models.UniqueConstraint(Lower("name"), name="channel_alias_unique")]
        verbose_name = _("channel alias")


class AdministeringUnit(Bilingual, NoControlCharacters, models.Model):
    """The ministry section, embassy or Norad department that approves the funding."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Ministry section")
        EMBASSY = "embassy", _("Embassy")
        NORAD = "norad", _("Norad department")
        DELEGATION = "delegation", _("Delegation or mission")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    name_nb = models.CharField(
        max_length=200, blank=True, verbose_name=_("name in Norwegian"),
        help_text=_("Blank where no Norwegian name is known: the English one is shown."),
    )  # fmt: skip
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="units",
        help_text=_(
            "The users who enter this unit's records; as unit editors they may change "
            "the projects, agreements, amounts and efforts of their own units only."
        ),
        verbose_name=_("members"),
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = _("administering unit")
        verbose_name_plural = _("administering units")

    def __str__(self):
        return self.in_language()


class UnitAlias(Alias):
    unit = models.ForeignKey(
        AdministeringUnit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("unit")
    )

    class Meta(Alias.Meta):
        verbose_name_plural = _("administering unit aliases")
        constraints = [models.UniqueConstraint(Lower("name"), name="unit_alias_unique")]
        verbose_name = _("unit alias")
