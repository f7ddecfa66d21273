from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from history.locking import Versioned
from history.models import bulk_history
from measures.models import YEAR_MAX, YEAR_MIN, implausible_year
from projects.models import Agreement
from web.formats import nok

ORE = Decimal("0.01")  # one øre: amounts in NOK are kept to the øre


class YearlyAmountQuerySet(models.QuerySet):
    def for_years(self, first=None, last=None):
        """Amounts of the years from `first` to `last`, both included (either may be None)."""
        qs = self
        if first is not None:
            qs = qs.filter(year__gte=first)
        if last is not None:
            qs = qs.filter(year__lte=last)
        return qs


class AmountStatus(models.TextChoices):
    """The stage money has reached; `YearlyAmount.Status` everywhere else."""

    PLANNED = "planned", _("Planned")
    ALLOCATED = "allocated", _("Allocated")
    DISBURSED = "disbursed", _("Disbursed (paid)")


class YearlyAmount(Versioned, models.Model):
    """The money of one agreement in one year, at the stage it has reached.

    Planned, allocated and disbursed are stages of the same money, never added to one another.
    """

    UNIT_PATH = "agreement__unit"  # whose it is (projects.units)

    Status = AmountStatus

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    amount = models.DecimalField(
        _("amount (NOK)"), max_digits=15, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ALLOCATED, verbose_name=_("status")
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        db_default=1,
        editable=False,
        help_text=_(
            "Counts the saves of this amount, so that two editors cannot overwrite each "
            "other unawares (funding/admin_forms.py); the importer adds one when it changes it."
        ),
    )

    objects = YearlyAmountQuerySet.as_manager()

    history = bulk_history("agreement")

    class Meta:
        ordering = ["agreement", "year"]
        verbose_name = _("yearly amount")
        verbose_name_plural = _("yearly amounts")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="amount_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="amount_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="amount_year_in_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AmountStatus.values),
                name="amount_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["year", "agreement"], name="amount_year_agreement")]

    def __str__(self):
        amount = nok(self.amount, code=True)
        return f"{self.year}: {amount} ({self.get_status_display().lower()})"

    @property
    def conflict_message(self):
        """Why a save from an older version was refused, naming the value saved meanwhile."""
        return gettext(
            "Someone else saved this amount while you edited it: it is now %(amount)s "
            "(%(status)s) for %(year)s. Your change was not saved; check it against theirs "
            "and save again to replace it."
        ) % {
            "amount": nok(self.amount, code=True),
            "status": self.get_status_display().lower(),
            "year": self.year,
        }

    def clean(self):
        errors = {}
        if self.amount is not None:
            if self.amount < 0:
                errors["amount"] = _("An amount cannot be negative (NOK %(amount)s).") % {
                    "amount": self.amount
                }
            self.amount = self.amount.quantize(ORE)
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            errors["year"] = implausible_year(self.year)
        elif self.year is not None and (agreement := getattr(self, "agreement", None)):
            period = (agreement.first_year, agreement.last_year)
            if None not in period and not period[0] <= self.year <= period[1]:
                errors["year"] = _(
                    "%(year)s lies outside the agreement's period (%(period)s); "
                    "extend the period first."
                ) % {"year": self.year, "period": agreement.period}
        if errors:
            raise ValidationError(errors)


class ImportRun(models.Model):
    """One run of the project-list importer (command line or admin), kept as an audit record."""

    class Format(models.TextChoices):
        WIDE = "wide", _("Project list, wide (one column per year)")
        LONG = "long", _("Project list, long (one row per year)")
        NORAD = "norad", _("Norad aid-statistics extract")
        RECORDS = "records", _("In-memory records")

    file_name = models.CharField(max_length=255, verbose_name=_("file name"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
        verbose_name=_("user"),
    )
    started = models.DateTimeField(verbose_name=_("started"))
    finished = models.DateTimeField(null=True, blank=True, verbose_name=_("finished"))
    format = models.CharField(
        max_length=10, choices=Format.choices, blank=True, verbose_name=_("format")
    )
    dry_run = models.BooleanField(default=False, verbose_name=_("dry run"))
    succeeded = models.BooleanField(default=False, verbose_name=_("succeeded"))
    rows = models.PositiveIntegerField(_("data rows read"), default=0)
    projects_created = models.PositiveIntegerField(default=0, verbose_name=_("projects created"))
    projects_updated = models.PositiveIntegerField(default=0, verbose_name=_("projects updated"))
    projects_unchanged = models.PositiveIntegerField(
        default=0, verbose_name=_("projects unchanged")
    )
    agreements_created = models.PositiveIntegerField(
        default=0, verbose_name=_("agreements created")
    )
    agreements_updated = models.PositiveIntegerField(
        default=0, verbose_name=_("agreements updated")
    )
    agreements_unchanged = models.PositiveIntegerField(
        default=0, verbose_name=_("agreements unchanged")
    )
    amounts_created = models.PositiveIntegerField(default=0, verbose_name=_("amounts created"))
    amounts_updated = models.PositiveIntegerField(default=0, verbose_name=_("amounts updated"))
    amounts_unchanged = models.PositiveIntegerField(default=0, verbose_name=_("amounts unchanged"))
    channels_created = models.JSONField(
        default=list, blank=True, verbose_name=_("channels created")
    )
    units_created = models.JSONField(default=list, blank=True, verbose_name=_("units created"))
    errors = models.JSONField(default=list, blank=True, verbose_name=_("errors"))
    changes = models.JSONField(
        default=list,
        blank=True,
        help_text=_("What changed: old → new for updated records."),
        verbose_name=_("changes"),
    )

    class Meta:
        ordering = ["-started"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        mode = "dry run" if self.dry_run else "import"
        started = timezone.localtime(self.started)  # the site's time, as the admin's fields
        return f"{self.file_name} ({mode}, {started:%Y-%m-%d %H:%M})"
