"""International instruments (conventions, protocols, EU acts, action plans, resolutions) and
each state's signature and ratification of them, as the treaty offices' charts record them.
Where a source does not give a date it stays empty: a state the memo lists as having ratified
is `status=ratified` with no dates, and pages show the dates as not recorded."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.models import ImportRunStamp
from history.text import NoControlCharacters
from projects.models import Channel, Recipient
from projects.models.tree import loop_through

from .dates import check_order, order_constraints, written

# (earlier, later): each pair gives a database constraint and a clean() message (dates.py).
INSTRUMENT_DATE_ORDER = [
    ("adopted", "opened_for_signature"),
    ("opened_for_signature", "entered_into_force"),
    ("adopted", "entered_into_force"),
]
STATUS_DATE_ORDER = [
    ("signature", "ratification"),
    ("ratification", "entry_into_force"),
    ("signature", "entry_into_force"),
]


class InstrumentKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    FRAMEWORK_DECISION = "framework_decision", _("Framework decision")
    DIRECTIVE = "directive", _("Directive")
    ACTION_PLAN = "action_plan", _("Action plan")
    RESOLUTION = "resolution", _("Resolution")
    RECOMMENDATION = "recommendation", _("Recommendation")
    DECISION = "decision", _("Decision")


TREATY_KINDS = {InstrumentKind.CONVENTION, InstrumentKind.PROTOCOL}


class InstrumentQuerySet(models.QuerySet):
    def with_counts(self):
        """Each instrument with `signed_only` (signed, not ratified), `ratified` and `in_force`
        (states whose date of entry into force is recorded), counted in one grouped query."""
        return self.annotate(
            signed_only=Count("statuses", filter=Q(statuses__status=Status.SIGNED)),
            ratified=Count("statuses", filter=Q(statuses__status=Status.RATIFIED)),
            in_force=Count("statuses", filter=Q(statuses__entry_into_force__isnull=False)),
        )


class Instrument(NoControlCharacters, models.Model):
    """A convention, protocol, EU act, action plan, resolution, recommendation or decision."""

    DATE_ORDER = INSTRUMENT_DATE_ORDER

    short_name = models.CharField(max_length=100, unique=True, verbose_name=_("short name"))
    title = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Blank if no source gives it."),
        verbose_name=_("title"),
    )
    kind = models.CharField(max_length=20, choices=InstrumentKind.choices, verbose_name=_("kind"))
    adopted_by = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments_adopted",
        verbose_name=_("adopted by"),
    )
    adopted = models.DateField(_("adoption"), null=True, blank=True)
    opened_for_signature = models.DateField(_("opening for signature"), null=True, blank=True)
    entered_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplements",
        verbose_name=_("parent instrument"),
        help_text=_(
            "The instrument this one supplements (the Palermo Protocol: the UN Convention)."
        ),
    )
    monitoring_body = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments_monitored",
        verbose_name=_("monitoring body"),
    )
    source = models.TextField(
        blank=True, help_text=_("Where the facts above come from."), verbose_name=_("source")
    )

    objects = InstrumentQuerySet.as_manager()
    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstrumentKind.values), name="instrument_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")),
                name="instrument_not_own_parent",
            ),
            *order_constraints("instrument", INSTRUMENT_DATE_ORDER),
        ]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.short_name

    def undated_counts_in(self, year):
        """Does a signature or ratification recorded without a date count as made by the end of
        `year`? From the year the instrument was opened for signature (or adopted) on."""
        start = self.opened_for_signature or self.adopted
        return year is None or start is None or start.year <= year

    @property
    def is_treaty(self):
        """Conventions and protocols are opened for signature, signed and ratified by states;
        resolutions, action plans and EU acts are not."""
        return self.kind in TREATY_KINDS

    def clean(self):
        check_order(self, self.DATE_ORDER)
        if path := loop_through(self):
            raise ValidationError({"parent": f"An instrument cannot supplement itself: {path}."})


class Status(models.TextChoices):
    SIGNED = "signed", _("Signed, not ratified")
    RATIFIED = "ratified", _("Ratified")


class RatificationKind(models.TextChoices):
    """How a state consented to be bound (the UN charts mark all but ratification)."""

    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    SUCCESSION = "succession", _("Succession")


class InstrumentStatusQuerySet(models.QuerySet):
    def ratified_as_of(self, instrument, year=None):
        """States that had ratified `instrument` by the end of `year` (None: as recorded): a
        dated ratification in or before the year; an undated one from the year the instrument
        was opened for signature (or adopted; every year if neither is known)."""
        dated = (
            Q(ratification__year__lte=year) if year is not None else Q(ratification__isnull=False)
        )
        if instrument.undated_counts_in(year):
            dated |= Q(ratification__isnull=True)
        return self.filter(dated, instrument=instrument, status=Status.RATIFIED)

    def signed_as_of(self, instrument, year=None):
        """States that had signed `instrument` by the end of `year` (None: as recorded): a dated
        signature in or before the year; an undated one of a state recorded as signed only, as
        an undated ratification counts (a ratified state without a signature date acceded)."""
        dated = Q(signature__year__lte=year) if year is not None else Q(signature__isnull=False)
        if instrument.undated_counts_in(year):
            dated |= Q(signature__isnull=True, status=Status.SIGNED)
        return self.filter(dated, instrument=instrument)

    def sorted_by(self, field, descending=False):
        """The chart ordered by one field, dates not recorded last, then by state."""
        key = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
        return self.order_by(key, "country__name")


class InstrumentStatus(NoControlCharacters, models.Model):
    """A state's signature and ratification of an instrument, as of a date, from a source."""

    Status = Status
    DATE_ORDER = STATUS_DATE_ORDER

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("instrument")
    )
    country = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Recipient.Kind.COUNTRY},
        related_name="instrument_statuses",
        verbose_name=_("state"),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        help_text=_("Ratified covers accession, acceptance, approval and succession too."),
        verbose_name=_("status"),
    )
    signature = models.DateField(null=True, blank=True, verbose_name=_("signature"))
    ratification = models.DateField(null=True, blank=True, verbose_name=_("ratification"))
    ratification_kind = models.CharField(
        _("kind of ratification"),
        max_length=12,
        choices=RatificationKind.choices,
        blank=True,
        help_text=_("Blank where the source does not say."),
    )
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("The date the source's information holds as of."),
    )
    source = models.TextField(blank=True, verbose_name=_("source"))

    objects = InstrumentStatusQuerySet.as_manager()
    history = HistoricalRecords(bases=[ImportRunStamp])

    class Meta:
        ordering = ["instrument", "country__name"]
        verbose_name = _("state's signature or ratification")
        verbose_name_plural = _("states' signatures and ratifications")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "country"], name="instrument_status_one_per_state"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="instrument_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ratification_kind__in=["", *RatificationKind.values]),
                name="instrument_status_ratification_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SIGNED)
                | Q(ratification__isnull=True, entry_into_force__isnull=True, ratification_kind=""),
                name="instrument_status_signed_has_no_ratification",
            ),
            *order_constraints("instrument_status", STATUS_DATE_ORDER),
        ]

    def __str__(self):
        return f"{self.country} – {self.instrument}"

    def clean(self):
        check_order(self, self.DATE_ORDER)
        errors = {}
        if self.country_id and self.country.kind != Recipient.Kind.COUNTRY:
            errors["country"] = _("%(country)s is not a state (it is a regional recipient).") % {
                "country": self.country
            }
        if self.status == Status.SIGNED and (
            self.ratification or self.entry_into_force or self.ratification_kind
        ):
            errors["status"] = _(
                "A state with a ratification or an entry into force has ratified, not only signed."
            )
        if self.instrument_id and not self.instrument.is_treaty:
            errors["instrument"] = not_signed(self.instrument)
        elif self.instrument_id:
            errors.update(self.instrument_date_errors())
        if errors:
            raise ValidationError(errors)

    def instrument_date_errors(self):
        """Dates that cannot be, given the instrument's own dates."""
        instrument, errors = self.instrument, {}
        opened = instrument.opened_for_signature or instrument.adopted
        if opened and self.signature and self.signature < opened:
            errors["signature"] = _(
                "The signature (%(signature)s) cannot come before the instrument was opened "
                "for signature or adopted (%(opened)s)."
            ) % {"signature": written(self.signature), "opened": written(opened)}
        in_force = instrument.entered_into_force
        if in_force and self.entry_into_force and self.entry_into_force < in_force:
            errors["entry_into_force"] = _(
                "The entry into force for the state (%(state)s) cannot come before the "
                "instrument's own (%(own)s)."
            ) % {"state": written(self.entry_into_force), "own": written(in_force)}
        return errors


def not_signed(instrument):
    kind = instrument.get_kind_display().lower()
    # In Norwegian both read "av typen «…»" (of the kind …).
    a_kind = (_("an %(kind)s") if kind[0] in "aeiou" else _("a %(kind)s")) % {"kind": kind}
    return _("States sign and ratify conventions and protocols; %(instrument)s is %(a_kind)s.") % {
        "instrument": instrument,
        "a_kind": a_kind,
    }
