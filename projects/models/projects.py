"""Projects, the measures each serves (with its share), and the agreements that fund them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from history.locking import Versioned
from history.models import bulk_history
from history.text import NoControlCharacters
from measures.models import YEAR_MAX, YEAR_MIN, Measure, implausible_year

from ..purpose_codes import validate_purpose_code
from .geography import Recipient
from .partners import AdministeringUnit, Channel


class Project(NoControlCharacters, models.Model):
    """A project a partner runs for a recipient, serving one or more measures."""

    UNIT_PATH = "agreements__unit"  # whose it is (projects.units)

    class Objective(models.TextChoices):
        MAIN = "main", _("Main objective")
        SUBSIDIARY = "subsidiary", _("Subsidiary objective")

    class Demo(models.TextChoices):
        NO = "", _("Not demo data")
        NARRATIVE = "narrative", _("Demo: named in the report")
        FILLER = "filler", _("Demo: filler")

    title = models.CharField(max_length=300, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="projects", verbose_name=_("channel")
    )
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="projects", verbose_name=_("recipient")
    )
    objective = models.CharField(
        max_length=10,
        choices=Objective.choices,
        default=Objective.MAIN,
        help_text=_("Is fighting human trafficking the project's main or a subsidiary objective?"),
        verbose_name=_("objective"),
    )
    measures = models.ManyToManyField(
        Measure, through="ProjectMeasure", related_name="projects", verbose_name=_("measures")
    )
    purpose_code = models.CharField(
        _("DAC purpose code"),
        max_length=5,
        blank=True,
        default="",
        db_default="",  # the importer's INSERT leaves it out
        validators=[validate_purpose_code],  # a code of fixtures/reference/purpose_codes.csv
        help_text=_(
            "The OECD DAC 5-digit purpose code (the IATI sector), e.g. 15190 (migration, "
            "including trafficking) or 15180 (ending violence against women and girls). "
            "Blank until someone decides; the IATI export reports projects without one."
        ),
    )
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the record comes from, e.g. a report section."),
        verbose_name=_("source"),
    )
    demo = models.CharField(
        max_length=10, choices=Demo.choices, default=Demo.NO, blank=True, verbose_name=_("demo")
    )

    history = bulk_history("channel", "recipient")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "channel", "recipient"], name="project_unique_natural_key"
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title


class ProjectMeasure(models.Model):
    """The share of a project that serves one measure; a project's shares add up to 100."""

    UNIT_PATH = "project__agreements__unit"  # whose it is (projects.units)

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="measure_shares", verbose_name=_("project")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="project_shares", verbose_name=_("measure")
    )
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )

    history = bulk_history("project", "measure")

    class Meta:
        ordering = ["measure"]
        verbose_name = _("measure served")
        verbose_name_plural = _("measures served (shares add up to 100 %)")
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
            raise ValidationError({"share": _("A share is a percentage above 0 and at most 100.")})


class Agreement(Versioned, NoControlCharacters, models.Model):
    """Funding for one project approved by one administering unit, for one or more years."""

    UNIT_PATH = "unit"  # whose it is (projects.units)

    number = models.CharField(
        _("agreement number"), max_length=50, unique=True, null=True, blank=True
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("project")
    )
    unit = models.ForeignKey(
        AdministeringUnit,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("administering unit"),
    )
    first_year = models.PositiveSmallIntegerField(verbose_name=_("first year"))
    last_year = models.PositiveSmallIntegerField(verbose_name=_("last year"))
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        db_default=1,
        editable=False,
        help_text=_(
            "Counts the saves of this agreement, so that two editors cannot overwrite each "
            "other unawares (history/locking.py); the importer adds one when it widens it."
        ),
    )

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
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        label = f"{self.project} – {self.unit} ({self.period})"
        return f"{self.number}: {label}" if self.number else label

    @property
    def period(self):
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def conflict_message(self):
        """Why a save from an older version was refused, naming the values saved meanwhile."""
        return gettext(
            "Someone else saved this agreement while you edited it: it is now %(agreement)s. "
            "Your change was not saved; check it against theirs and save again to replace it."
        ) % {"agreement": self}

    @property
    def multi_year(self):
        return self.last_year > self.first_year

    def clean(self):
        self.number = (self.number or "").strip() or None
        errors = {}
        for field in ("first_year", "last_year"):
            year = getattr(self, field)
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                errors[field] = implausible_year(year)
        if (
            not errors
            and self.first_year is not None
            and self.last_year is not None
            and self.last_year < self.first_year
        ):
            errors["last_year"] = _(
                "The last year (%(last)s) cannot come before the first year (%(first)s)."
            ) % {"last": self.last_year, "first": self.first_year}
        if errors:
            raise ValidationError(errors)
