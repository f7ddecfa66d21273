from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from audit.history import ImportRunStamp
from measures.models import YEAR_MAX, YEAR_MIN
from projects.models import Agreement

ORE = Decimal("0.01")


class YearlyAmountQuerySet(models.QuerySet):
    def for_years(self, first=None, last=None):
        """Amounts of the years from `first` to `last`, both included (either may be None)."""
        qs = self
        if first is not None:
            qs = qs.filter(year__gte=first)
        if last is not None:
            qs = qs.filter(year__lte=last)
        return qs

    def total(self):
        """The sum of the amounts, in NOK (0 when there are none)."""
        return self.aggregate(total=Sum("amount", default=Decimal(0)))["total"].quantize(ORE)


class YearlyAmount(models.Model):
    """The money of one agreement in one year, at the stage it has reached.

    Planned, allocated and disbursed are stages of the same money, never added to one another.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ALLOCATED = "allocated", "Allocated"
        DISBURSED = "disbursed", "Disbursed (paid)"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(
        "amount (NOK)", max_digits=15, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALLOCATED)

    objects = YearlyAmountQuerySet.as_manager()

    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["agreement", "year"]
        verbose_name = "yearly amount"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="amount_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="amount_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="amount_year_in_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "allocated", "disbursed"]),
                name="amount_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["year", "agreement"], name="amount_year_agreement")]

    def __str__(self):
        return f"{self.year}: NOK {self.amount:,.2f} ({self.get_status_display().lower()})"

    def clean(self):
        errors = {}
        if self.amount is not None:
            if self.amount < 0:
                errors["amount"] = f"An amount cannot be negative (NOK {self.amount})."
            self.amount = self.amount.quantize(ORE)
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            errors["year"] = f"{self.year} is not a plausible year ({YEAR_MIN}–{YEAR_MAX})."
        elif self.year is not None and (agreement := getattr(self, "agreement", None)):
            period = (agreement.first_year, agreement.last_year)
            if None not in period and not period[0] <= self.year <= period[1]:
                errors["year"] = (
                    f"{self.year} lies outside the agreement's period ({agreement.period}); "
                    "extend the period first."
                )
        if errors:
            raise ValidationError(errors)
