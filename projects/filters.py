"""Filters for the projects list, and the filter parts the funding breakdowns share.

Every filter lives in the query string; recipients, regions, channels, partner groups and units
are named by name (countries by ISO alpha-2), so a link reproduces a view in any database.
"""

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Sum
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from measures.models import YEAR_MAX, YEAR_MIN, Measure, Plan

from .models import (
    AdministeringUnit,
    Agreement,
    Channel,
    PartnerGroup,
    Project,
    ProjectMeasure,
    Recipient,
    Region,
)

STATUS_CHOICES = [
    ("planned", "Planned"),
    ("allocated", "Allocated"),
    ("disbursed", "Disbursed (paid)"),
]


class YearFilter(django_filters.NumberFilter):
    """A whole year between YEAR_MIN and YEAR_MAX."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


class RecipientKeyField(forms.ModelMultipleChoiceField):
    """Recipients given by their key: ISO alpha-2 for a country, the name otherwise."""

    def _check_values(self, value):
        keys = [str(key).strip() for key in value]
        found = {}
        upper = [key.upper() for key in keys]
        for recipient in self.queryset.filter(Q(iso2__in=upper) | Q(name__in=keys)):
            found[recipient.name.lower()] = found[(recipient.iso2 or "").lower()] = recipient
        unknown = [key for key in keys if key.lower() not in found]
        if unknown:
            raise ValidationError(f"Unknown recipient: {', '.join(map(repr, unknown))}.")
        return self.queryset.filter(pk__in=[found[key.lower()].pk for key in keys])

    def prepare_value(self, value):
        if isinstance(value, Recipient):
            return value.key
        if isinstance(value, list | tuple):
            return [self.prepare_value(item) for item in value]
        return value


class RecipientKeyFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RecipientKeyField


def channel_family_ids(channels):
    """The ids of `channels` and of every channel below them (Channel.parent), in one query."""
    children = {}
    for pk, parent in Channel.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    ids, todo = set(), [channel.pk for channel in channels]
    while todo:
        pk = todo.pop()
        if pk not in ids:
            ids.add(pk)
            todo.extend(children.get(pk, []))
    return ids


class QuickSelectMixin:
    """Renders the options in Python: Django's template per option takes ~60 ms for the ~800
    options of the filter form, which a breakdown page would spend on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class PeriodForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget = QuickSelectMultiple(choices=field.widget.choices)
            elif isinstance(field.widget, forms.Select):
                field.widget = QuickSelect(choices=field.widget.choices)

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            raise ValidationError(f"The first year ({first}) comes after the last year ({last}).")
        return data


class ByNameFilter(django_filters.ModelMultipleChoiceFilter):
    """Records chosen by name in the query string, filtered by primary key in SQL."""

    def get_filter_predicate(self, v):
        name = self.field_name
        if self.lookup_expr != "exact":
            name = f"{name}__{self.lookup_expr}"
        return {name: v}


def model_filter(field_name, queryset, label, to_field_name="name"):
    return ByNameFilter(
        field_name=field_name,
        lookup_expr="exact",
        queryset=queryset,
        to_field_name=to_field_name,
        label=label,
    )


class MeasureField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.period}, measure {obj.number}" + (f": {obj.title}" if obj.title else "")


class MeasureFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = MeasureField


def status_filter(field_name):
    return django_filters.MultipleChoiceFilter(
        field_name=field_name, lookup_expr="exact", choices=STATUS_CHOICES, label="Status"
    )


def objective_filter(field_name):
    return django_filters.ChoiceFilter(
        field_name=field_name,
        lookup_expr="exact",
        choices=Project.Objective.choices,
        label="Objective",
    )


def measure_filter(field_name):
    return MeasureFilter(
        field_name=field_name,
        lookup_expr="in",
        queryset=Measure.objects.select_related("plan"),
        label="Measure",
        method="filter_measure",
    )


def plan_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        lookup_expr="exact",
        queryset=Plan.objects.all(),
        label="Plan of action",
        method="filter_plan",
    )


class ProjectFilter(django_filters.FilterSet):
    """Projects by their dimensions; year and status select projects with such an amount."""

    q = django_filters.CharFilter(label="Search", method="filter_text")
    year_from = YearFilter(
        field_name="agreements__amounts__year", lookup_expr="gte", label="From year"
    )
    year_to = YearFilter(field_name="agreements__amounts__year", lookup_expr="lte", label="To year")
    status = status_filter("agreements__amounts__status")
    objective = objective_filter("objective")
    region = model_filter("recipient__region", Region.objects.all(), "Region")
    country = RecipientKeyFilter(
        field_name="recipient", lookup_expr="exact", queryset=Recipient.objects.all(),
        label="Recipient country or region",
    )  # fmt: skip
    channel = model_filter("channel", Channel.objects.all(), "Channel")
    channel_family = model_filter(
        "channel", Channel.objects.all(), "Channel with its sub-organisations"
    )
    partner_group = model_filter(
        "channel__partner_group", PartnerGroup.objects.all(), "Partner group"
    )
    unit = model_filter("agreements__unit", AdministeringUnit.objects.all(), "Administering unit")
    measure = measure_filter("measure_shares__measure")
    plan = plan_filter("measure_shares__measure__plan")

    AMOUNT_FILTERS = ("year_from", "year_to", "status")

    class Meta:
        model = Project
        fields = []
        form = PeriodForm

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.AMOUNT_FILTERS and name not in ("channel_family", "unit"):
                queryset = self.filters[name].filter(queryset, value)
        if data.get("channel_family"):
            queryset = queryset.filter(channel__in=channel_family_ids(data["channel_family"]))
        if data.get("unit"):
            agreements = Agreement.objects.filter(project=OuterRef("pk"), unit__in=data["unit"])
            queryset = queryset.filter(Exists(agreements))
        if conditions := self.amount_conditions():
            yearly_amount = apps.get_model("funding", "YearlyAmount")
            amounts = yearly_amount.objects.filter(agreement__project=OuterRef("pk"), **conditions)
            queryset = queryset.filter(Exists(amounts))
        return queryset

    def amount_conditions(self, prefix=""):
        """The year and status filters as lookups on yearly amounts."""
        data, conditions = self.form.cleaned_data, {}
        if data.get("year_from") is not None:
            conditions[f"{prefix}year__gte"] = data["year_from"]
        if data.get("year_to") is not None:
            conditions[f"{prefix}year__lte"] = data["year_to"]
        if data.get("status"):
            conditions[f"{prefix}status__in"] = data["status"]
        return conditions

    def with_totals(self):
        """The filtered projects, each with `total`: its amounts within the year/status filter."""
        within = Q(**self.amount_conditions("agreements__amounts__"))
        return self.qs.annotate(total=Sum("agreements__amounts__amount", filter=within))

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(channel__name__icontains=value)
            | Q(channel__acronym__iexact=value)
            | Q(recipient__name__icontains=value)
        )

    def filter_measure(self, queryset, name, value):
        if not value:
            return queryset
        shares = ProjectMeasure.objects.filter(project=OuterRef("pk"), measure__in=value)
        return queryset.filter(Exists(shares))

    def filter_plan(self, queryset, name, value):
        if not value:
            return queryset
        shares = ProjectMeasure.objects.filter(project=OuterRef("pk"), measure__plan=value)
        return queryset.filter(Exists(shares))
