"""The yearly amount's own filters (year from/to, status), which the projects list and the
breakdowns' filters (breakdowns/filters.py) share."""

import django_filters
from django.utils.translation import gettext_lazy as _

from web.filters import PeriodForm, YearFilter

from .models import YearlyAmount


def status_filter(field_name):
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        lookup_expr="exact",
        choices=YearlyAmount.Status.choices,
        label=_("Status"),
        distinct=False,
    )


class AmountFilters(django_filters.FilterSet):
    """The year and status of yearly amounts."""

    year_from = YearFilter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_to = YearFilter(field_name="year", lookup_expr="lte", label=_("To year"))
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
