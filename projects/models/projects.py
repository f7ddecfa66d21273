"""Projects, the measures each serves (with its share), and the agreements that fund them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from history.models import bulk_history
from measures.models import YEAR_MAX, YEAR_MIN, Measure

from .geography import Recipient
from .partners import AdministeringUnit, Channel


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
    purpose_code = models.CharField(
        "DAC purpose code",
        max_length=5,
        blank=True,
        default="",
        db_default="",  # the importer's INSERT leaves it out
        validators=[RegexValidator(r"^[0-9]{5}$", "A DAC purpose code has five digits.")],
        help_text=(
            "The OECD DAC 5-digit purpose code (the IATI sector), e.g. 15190 (migration, "
            "including trafficking) or 15180 (ending violence against women and girls). "
            "Blank until someone decides; the IATI export reports projects without one."
        ),
    )
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
