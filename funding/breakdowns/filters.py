"""The analysts' filters over yearly amounts, all in the query string.

Many-valued relations (a project's measures) filter with Exists(), never by joining, so that a
filtered sum counts every amount once.
"""

import django_filters
from django.db.models import Exists, OuterRef

from funding.models import YearlyAmount
from projects.filters import (
    ByNameFilter,
    PeriodForm,
    RecipientKeyFilter,
    YearFilter,
    channel_family_ids,
    measure_filter,
    model_filter,
    objective_filter,
    plan_filter,
    status_filter,
)
from projects.models import (
    AdministeringUnit,
    Channel,
    PartnerGroup,
    ProjectMeasure,
    Recipient,
    Region,
)

# Query-string parameters that choose how a page shows its data rather than which data.
DISPLAY_PARAMS = ("format", "sort", "by", "page")


class FundingFilter(django_filters.FilterSet):
    year_from = YearFilter(field_name="year", lookup_expr="gte", label="From year")
    year_to = YearFilter(field_name="year", lookup_expr="lte", label="To year")
    status = status_filter("status")
    objective = objective_filter("agreement__project__objective")
    region = model_filter("agreement__project__recipient__region", Region.objects.all(), "Region")
    country = RecipientKeyFilter(
        field_name="agreement__project__recipient",
        lookup_expr="exact",
        queryset=Recipient.objects.all(),
        label="Recipient country or region",
    )
    channel = model_filter("agreement__project__channel", Channel.objects.all(), "Channel")
    channel_family = ByNameFilter(
        field_name="agreement__project__channel",
        lookup_expr="in",
        queryset=Channel.objects.all(),
        to_field_name="name",
        label="Channel with its sub-organisations",
        method="filter_channel_family",
    )
    partner_group = model_filter(
        "agreement__project__channel__partner_group", PartnerGroup.objects.all(), "Partner group"
    )
    unit = model_filter("agreement__unit", AdministeringUnit.objects.all(), "Administering unit")
    measure = measure_filter("agreement__project__measure_shares__measure")
    plan = plan_filter("agreement__project__measure_shares__measure__plan")

    class Meta:
        model = YearlyAmount
        fields = []
        form = PeriodForm

    def filter_channel_family(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__in": channel_family_ids(value)})

    def filter_measure(self, queryset, name, value):
        if not value:
            return queryset
        shares = ProjectMeasure.objects.filter(
            project=OuterRef("agreement__project"), measure__in=value
        )
        return queryset.filter(Exists(shares))

    def filter_plan(self, queryset, name, value):
        if not value:
            return queryset
        shares = ProjectMeasure.objects.filter(
            project=OuterRef("agreement__project"), measure__plan=value
        )
        return queryset.filter(Exists(shares))

    def applied(self):
        """The filters in use, as {name: value or [values]} from the query string."""
        applied = {}
        for name in self.filters:
            values = [value for value in self.data.getlist(name) if value != ""]
            if values:
                applied[name] = values if len(values) > 1 or name in MULTI else values[0]
        return applied

    def query_string(self):
        """The filters in use, URL-encoded, so a link reproduces them."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name, value in self.applied().items():
            query.setlist(name, value if isinstance(value, list) else [value])
        return query.urlencode()


MULTI = {
    name
    for name, f in FundingFilter.base_filters.items()
    if isinstance(f, django_filters.MultipleChoiceFilter | django_filters.ModelMultipleChoiceFilter)
}


def funding_filter(data):
    """The FundingFilter for `data` (a QueryDict) over every yearly amount."""
    return FundingFilter(data, queryset=YearlyAmount.objects.all())
