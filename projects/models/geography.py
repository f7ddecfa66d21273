"""Where the money goes: regions, recipient countries and regional recipients, with the
aliases imports may use for them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters
from measures.bilingual import Bilingual

from .naming import name_in


class Region(Bilingual, NoControlCharacters, models.Model):
    """One of Norad's main regions, or "Not geographically allocated"."""

    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    name_nb = models.CharField(
        max_length=100, blank=True, verbose_name=_("name in Norwegian"),
        help_text=_("Blank where no Norwegian name is known: the English one is shown."),
    )  # fmt: skip
    geographic = models.BooleanField(
        default=True,
        help_text=_("Counts in the geographically allocated total (shares' base)."),
        verbose_name=_("geographic"),
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["-geographic", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.in_language()


class Recipient(Bilingual, NoControlCharacters, models.Model):
    """Where a project's money goes: a country (ISO 3166) or a regional or global recipient."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGIONAL = "regional", _("Regional or global")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    name_nb = models.CharField(
        max_length=200, blank=True, verbose_name=_("name in Norwegian"),
        help_text=_("Blank where no Norwegian name is known: the English one is shown."),
    )  # fmt: skip
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.COUNTRY, verbose_name=_("kind")
    )
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True, null=True, blank=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True, null=True, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="recipients", verbose_name=_("region")
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = _("recipient country or region")
        verbose_name_plural = _("recipient countries and regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="country", iso2__isnull=False)
                | Q(kind="regional", iso2__isnull=True, iso3__isnull=True),
                name="recipient_country_has_iso_code",
            ),
        ]

    def __str__(self):
        return self.in_language()

    def name_in(self, year):
        """The name it had in `year` (its earlier names: projects.models.names)."""
        return name_in(self, year)

    @property
    def key(self):
        """The stable key breakdowns use: ISO alpha-2 for countries, the name otherwise."""
        return self.iso2 or self.name

    def clean(self):
        self.iso2 = (self.iso2 or "").upper() or None
        self.iso3 = (self.iso3 or "").upper() or None
        if self.kind == self.Kind.COUNTRY and not self.iso2:
            raise ValidationError({"iso2": _("A country needs its ISO 3166 alpha-2 code.")})
        if self.kind == self.Kind.REGIONAL and (self.iso2 or self.iso3):
            raise ValidationError({"iso2": _("Only countries have ISO codes.")})


class Alias(NoControlCharacters, models.Model):
    """Another name under which imports may refer to a record."""

    name = models.CharField(max_length=200, verbose_name=_("name"))

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class RecipientAlias(Alias):
    recipient = models.ForeignKey(
        Recipient, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("recipient")
    )

    class Meta(Alias.Meta):
        verbose_name_plural = _("recipient aliases")
        constraints = [models.UniqueConstraint(Lower("name"), name="recipient_alias_unique")]
        verbose_name = _("recipient alias")
