from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp, bulk_history
from measures.models import YEAR_MAX, YEAR_MIN, Measure


class Region(models.Model):
    """One of Norad's main regions, or "Not geographically allocated"."""

    name = models.CharField(max_length=100, unique=True)
    geographic = models.BooleanField(
        default=True, help_text="Counts in the geographically allocated total (shares' base)."
    )

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["-geographic", "name"]

    def __str__(self):
        return self.name


class Recipient(models.Model):
    """Where a project's money goes: a country (ISO 3166) or a regional or global recipient."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGIONAL = "regional", "Regional or global"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNTRY)
    iso2 = models.CharField("ISO alpha-2", max_length=2, unique=True, null=True, blank=True)
    iso3 = models.CharField("ISO alpha-3", max_length=3, unique=True, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="recipients")

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["name"]
        verbose_name = "recipient country or region"
        verbose_name_plural = "recipient countries and regions"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="country", iso2__isnull=False)
                | Q(kind="regional", iso2__isnull=True, iso3__isnull=True),
                name="recipient_country_has_iso_code",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def key(self):
        """The stable key breakdowns use: ISO alpha-2 for countries, the name otherwise."""
        return self.iso2 or self.name

    def clean(self):
        self.iso2 = (self.iso2 or "").upper() or None
        self.iso3 = (self.iso3 or "").upper() or None
        if self.kind == self.Kind.COUNTRY and not self.iso2:
            raise ValidationError({"iso2": "A country needs its ISO 3166 alpha-2 code."})
        if self.kind == self.Kind.REGIONAL and (self.iso2 or self.iso3):
            raise ValidationError({"iso2": "Only countries have ISO codes."})


class Alias(models.Model):
    """Another name under which imports may refer to a record."""

    name = models.CharField(max_length=200)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class RecipientAlias(Alias):
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "recipient aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="recipient_alias_unique")]


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


class Project(models.Model):
    """A project a partner runs for a recipient, serving one or more measures."""

    class Objective(models.TextChoices):
        MAIN = "main", "Main objective"
        SUBSIDIARY = "subsidiary", "Subsidiary objective"

    class Demo(models.TextChoices):
        NO = "", "Not demo data"
        NARRATIVE = "narrative", "Demo: named in the report"
        FILLER = "filler", "Demo: filler"

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="projects")
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="projects")
    objective = models.CharField(
        max_length=10,
        choices=Objective.choices,
        default=Objective.MAIN,
        help_text="Is fighting human trafficking the project's main or a subsidiary objective?",
    )
    measures = models.ManyToManyField(Measure, through="ProjectMeasure", related_name="projects")
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the record comes from, e.g. a report section."
    )
    demo = models.CharField(max_length=10, choices=Demo.choices, default=Demo.NO, blank=True)

    history = bulk_history("channel", "recipient")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "channel", "recipient"], name="project_unique_natural_key"
            ),
        ]

    def __str__(self):
        return self.title


class ProjectMeasure(models.Model):
    """The share of a project that serves one measure; a project's shares add up to 100."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measure_shares")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="project_shares")
    share = models.DecimalField("share (%)", max_digits=5, decimal_places=2, default=Decimal(100))

    history = bulk_history("project", "measure")

    class Meta:
        ordering = ["measure"]
        verbose_name = "measure served"
        verbose_name_plural = "measures served (shares add up to 100 %)"
        constraints = [
            models.UniqueConstraint(fields=["project", "measure"], name="project_measure_unique"),
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=100), name="project_measure_share_range"
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.measure} ({self.share} %)"

    def clean(self):
        if self.share is not None and not Decimal(0) < self.share <= Decimal(100):
            raise ValidationError({"share": "A share is a percentage above 0 and at most 100."})


class Agreement(models.Model):
    """Funding for one project approved by one administering unit, for one or more years."""

    number = models.CharField("agreement number", max_length=50, unique=True, null=True, blank=True)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreements")
    unit = models.ForeignKey(
        AdministeringUnit,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name="administering unit",
    )
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()

    history = bulk_history("number", "project", "unit")

    class Meta:
        ordering = ["project__title", "first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "unit"],
                condition=Q(number__isnull=True),
                name="agreement_unique_natural_key",
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="agreement_last_after_first"
            ),
            models.CheckConstraint(
                condition=Q(first_year__gte=YEAR_MIN, last_year__lte=YEAR_MAX),
                name="agreement_years_in_range",
            ),
        ]

    def __str__(self):
        label = f"{self.project} – {self.unit} ({self.period})"
        return f"{self.number}: {label}" if self.number else label

    @property
    def period(self):
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def multi_year(self):
        return self.last_year > self.first_year

    def clean(self):
        self.number = (self.number or "").strip() or None
        errors = {}
        for field in ("first_year", "last_year"):
            year = getattr(self, field)
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                errors[field] = f"{year} is not a plausible year ({YEAR_MIN}–{YEAR_MAX})."
        if (
            not errors
            and self.first_year is not None
            and self.last_year is not None
            and self.last_year < self.first_year
        ):
            errors["last_year"] = (
                f"The last year ({self.last_year}) cannot come before the first year "
                f"({self.first_year})."
            )
        if errors:
            raise ValidationError(errors)
