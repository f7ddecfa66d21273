"""The analysts' filters over yearly amounts, all in the query string.

AmountFilters are the yearly amount's own (year from/to, status); FundingFilter adds the
project's dimensions through the amount's agreement. The projects list extends projects'
ProjectFilter with AmountFilters (funding/project_pages.py). Many-valued relations (a project's
measures) filter with Exists(), never by joining, so that a filtered sum counts every amount once.
"""

import django_filters
from django.http import QueryDict

from funding.models import YearlyAmount
from projects.filters import (
    channel_family_filter,
    measure_filter,
    objective_filter,
    plan_filter,
    recipient_filter,
)
from projects.models import AdministeringUnit, Channel, OrganisationKind, PartnerGroup, Region
from web.filters import PeriodForm, YearFilter, model_filter

PROJECT = "agreement__project"


def status_filter(field_name):
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        lookup_expr="exact",
        choices=YearlyAmount.Status.choices,
        label="Status",
    )


class AmountFilters(django_filters.FilterSet):
    """The year and status of yearly amounts."""

    year_from = YearFilter(field_name="year", lookup_expr="gte", label="From year")
    year_to = YearFilter(field_name="year", lookup_expr="lte", label="To year")
    status = status_filter("status")

    NAMES = ("year_from", "year_to", "status")

    class Meta:
        model = YearlyAmount
        fields = []
        form = PeriodForm

    def amount_conditions(self, prefix=""):
        """The year and status filters as lookups on yearly amounts (at the path `prefix`)."""
        data, conditions = self.form.cleaned_data, {}
        if data.get("year_from") is not None:
            conditions[f"{prefix}year__gte"] = data["year_from"]
        if data.get("year_to") is not None:
            conditions[f"{prefix}year__lte"] = data["year_to"]
        if data.get("status"):
            conditions[f"{prefix}status__in"] = data["status"]
        return conditions


class FundingFilter(AmountFilters):
    objective = objective_filter(f"{PROJECT}__objective")
    region = model_filter(f"{PROJECT}__recipient__region", Region.objects.all(), "Region")
    country = recipient_filter(f"{PROJECT}__recipient")
    channel = model_filter(f"{PROJECT}__channel", Channel.objects.all(), "Channel")
    channel_family = channel_family_filter(f"{PROJECT}__channel")
    channel_kind = django_filters.MultipleChoiceFilter(
        field_name=f"{PROJECT}__channel__kind",
        lookup_expr="exact",
        choices=OrganisationKind.choices,
        label="Organisation kind",
    )
    partner_group = model_filter(
        f"{PROJECT}__channel__partner_group", PartnerGroup.objects.all(), "Partner group"
    )
    unit = model_filter("agreement__unit", AdministeringUnit.objects.all(), "Administering unit")
    measure = measure_filter(PROJECT)
    plan = plan_filter(PROJECT)

    def applied(self):
        """The filters in use, as {name: value or [values]} from the query string."""
        applied = {}
        for name, f in self.filters.items():
            values = [value for value in self.data.getlist(name) if value != ""]
            if values:
                applied[name] = values if len(values) > 1 or many(f) else values[0]
        return applied

    def query_string(self):
        """The filters in use, URL-encoded, so a link reproduces them."""
        query = QueryDict(mutable=True)
        for name, value in self.applied().items():
            query.setlist(name, value if isinstance(value, list) else [value])
        return query.urlencode()


def many(f):
    """Does the filter take several values?"""
    return isinstance(
        f, django_filters.MultipleChoiceFilter | django_filters.ModelMultipleChoiceFilter
    )


def funding_filter(data):
    """The FundingFilter for `data` (a QueryDict) over every yearly amount."""
    return FundingFilter(data, queryset=YearlyAmount.objects.all())
