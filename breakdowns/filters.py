"""The analysts' filters over yearly amounts, all in the query string.

AmountFilters (funding/filters.py) are the yearly amount's own (year from/to, status);
FundingFilter filters the funding facts (funding.models.facts: each yearly amount with its
agreement's keys) by them and by the project's dimensions, the years and stages through
FactQuerySet.within(), so that the facts count each agreement once. The projects list extends
projects' ProjectFilter with AmountFilters (funding/project_pages.py). Many-valued relations (a
project's measures) filter with Exists(), never by joining, so that a filtered sum counts every
amount once.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from funding.filters import AmountFilters
from funding.models import Fact, FactPart, YearlyAmount
from international.models import TREATY_KINDS, Instrument, InstrumentStatus
from projects.filters import (
    channel_family_filter,
    measure_filter,
    objective_filter,
    plan_filter,
    recipient_filter,
)
from projects.models import AdministeringUnit, Channel, OrganisationKind, PartnerGroup, Region
from web.filters import AppliedFilters, PeriodForm, YearFilter, model_filter

PROJECT = "project"  # the fact's project
RATIFIED = [("yes", _("Ratified")), ("signed", _("Signed, not ratified")), ("no", _("Neither"))]
RATIFICATION_PARTS = ("instrument", "ratified", "ratified_by")


class FundingForm(PeriodForm):
    """The filter form, which also asks for the instrument and the answer together."""

    def clean(self):
        data = super().clean()
        given = {name for name in RATIFICATION_PARTS if data.get(name) not in (None, "")}
        if given and not {"instrument", "ratified"} <= given:
            raise ValidationError(
                _(
                    "To filter by ratification, choose an instrument and whether the recipient "
                    "has ratified it (yes, signed only or neither); the year is optional."
                )
            )
        return data


def ratification(instrument, answer, year, recipient):
    """Amounts whose recipient (at the path `recipient`) had, by the end of `year`, ratified
    `instrument` ("yes"), signed it only ("signed"), or neither ("no"): three conditions that
    split any set of amounts, each an EXISTS, so no amount is counted twice."""
    statuses = InstrumentStatus.objects.filter(country=OuterRef(recipient))
    ratified = Exists(statuses.ratified_as_of(instrument, year))
    signed = Exists(statuses.signed_as_of(instrument, year))
    return {"yes": ratified, "signed": signed & ~ratified, "no": ~signed & ~ratified}[answer]


class FundingFilter(AppliedFilters, AmountFilters):
    objective = objective_filter("objective")
    region = model_filter("recipient__region", Region.objects.all(), _("Region"))
    country = recipient_filter("recipient")
    channel = model_filter("channel", Channel.objects.all(), _("Channel"))
    channel_family = channel_family_filter("channel")
    channel_kind = django_filters.MultipleChoiceFilter(
        field_name="channel__kind",
        lookup_expr="exact",
        choices=OrganisationKind.choices,
        label=_("Organisation kind"),
        distinct=False,
    )
    partner_group = model_filter(
        "channel__partner_group", PartnerGroup.objects.all(), _("Partner group")
    )
    unit = model_filter("unit", AdministeringUnit.objects.all(), _("Administering unit"))
    measure = measure_filter(PROJECT)
    plan = plan_filter(PROJECT)
    instrument = django_filters.ModelChoiceFilter(
        field_name="recipient",
        lookup_expr="exact",
        queryset=Instrument.objects.filter(kind__in=TREATY_KINDS),
        to_field_name="short_name",
        label=_("Instrument"),
        method="filter_ratified",
    )
    ratified = django_filters.ChoiceFilter(
        field_name="recipient",
        lookup_expr="exact",
        choices=RATIFIED,
        label=_("Recipient has ratified it"),
        method="filter_ratified",
    )
    ratified_by = YearFilter(
        field_name="recipient",
        lookup_expr="exact",
        label=_("… by the end of year"),
        method="filter_ratified",
    )

    class Meta(AmountFilters.Meta):
        model = Fact
        form = FundingForm

    def filter_queryset(self, queryset):
        """The facts that pass, counted by the years and stages chosen (FactQuerySet.within)."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.NAMES:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.within(data.get("year_from"), data.get("year_to"), data.get("status"))

    def parts(self):
        """The measure parts (FactPart) of the facts that pass, filtered the same way."""
        self.is_valid()  # the form's cleaned data, as .qs has it
        return self.filter_queryset(FactPart.objects.all())

    def facts(self, dimension):
        """What a breakdown by `dimension` groups: the facts that pass, or their parts."""
        return self.parts() if dimension.parts else self.qs

    def amounts(self):
        """The yearly amounts that pass (the facts' primary keys are theirs)."""
        return YearlyAmount.objects.filter(pk__in=self.qs.values("pk"))

    def filter_ratified(self, queryset, name, value):
        """The three ratification filters act as one, on the instrument's turn."""
        if not isinstance(value, Instrument):
            return queryset
        data = self.form.cleaned_data
        year = data.get("ratified_by") or data.get("year_to")
        return queryset.filter(ratification(value, data["ratified"], year, "recipient"))


def funding_filter(data):
    """The FundingFilter for `data` (a QueryDict) over every funding fact."""
    return FundingFilter(data, queryset=Fact.objects.all())
