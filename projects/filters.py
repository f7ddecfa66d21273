"""Filters over projects' own records, and ProjectFilter, a filter set of projects by them.

Recipients, regions, channels, partner groups and units are named by name (countries by ISO
alpha-2), so a link reproduces a view in any database. Each filter here takes the path from
the filtered model to its project (or channel, recipient), so any filter set over records that
belong to projects can use it. Many-valued relations (a project's measures, its agreements'
units) filter with Exists(), never by joining, so a filtered list or sum counts each record once.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.models import Measure, Plan
from web.filters import AppliedFilters, ByNameFilter, PeriodForm, model_filter

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, distinct=False, **kwargs)  # a key: no row comes twice


def recipient_filter(field_name):
    return RecipientKeyFilter(
        field_name=field_name,
        lookup_expr="exact",
        queryset=Recipient.objects.all(),
        label=_("Recipient country or region"),
    )


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


class ChannelFamilyFilter(ByNameFilter):
    """Channels chosen by name, each with every channel below it."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": channel_family_ids(value)})


def channel_family_filter(field_name):
    return ChannelFamilyFilter(
        field_name=field_name,
        queryset=Channel.objects.all(),
        to_field_name="name",
        label=_("Channel with its sub-organisations"),
    )


ALL_OBJECTIVES = "all"


def by_objective(queryset, name, value):
    """One objective, or both for `all` (the funding pages default to the main objective, so a
    link that wants both says so)."""
    return queryset if value == ALL_OBJECTIVES else queryset.filter(**{name: value})


def objective_filter(field_name):
    return django_filters.ChoiceFilter(
        field_name=field_name,
        lookup_expr="exact",
        choices=[*Project.Objective.choices, (ALL_OBJECTIVES, _("All objectives"))],
        label=_("Objective"),
        method=by_objective,
    )


class MeasureField(forms.ModelMultipleChoiceField):
    """Measures by id; an id no database column can hold is refused before the query (SQLite
    raises OverflowError on integers beyond 64 bits)."""

    MAX_ID = 2**63 - 1

    def _check_values(self, value):
        for key in value:
            text = str(key).strip()
            if not text.isascii() or not text.isdigit() or int(text) > self.MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:40]},
                )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        label = gettext("%(period)s, measure %(number)s") % {
            "period": obj.plan.period,
            "number": obj.number,
        }
        title = obj.in_language()
        return f"{label}: {title}" if title else label


class MeasureFilter(django_filters.ModelMultipleChoiceFilter):
    """Projects serving any of the chosen measures; `field_name` is the path to the project."""

    field_class = MeasureField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(serving(self.field_name, measure__in=value))


class PlanFilter(django_filters.ModelChoiceFilter):
    """Projects serving a measure of the chosen plan; `field_name` is the path to the project."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(serving(self.field_name, measure__plan=value))


def serving(project, **lookups):
    """Whether the project at the path `project` has a measure share matching `lookups`."""
    return Exists(ProjectMeasure.objects.filter(project=OuterRef(project), **lookups))


def measure_filter(project):
    return MeasureFilter(
        field_name=project, queryset=Measure.objects.select_related("plan"), label=_("Measure")
    )


def plan_filter(project):
    return PlanFilter(field_name=project, queryset=Plan.objects.all(), label=_("Plan of action"))


class ProjectFilter(AppliedFilters, django_filters.FilterSet):
    """Projects by their own records: search, objective, recipient, channel, unit, measures."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    objective = objective_filter("objective")
    region = model_filter("recipient__region", Region.objects.all(), _("Region"))
    country = recipient_filter("recipient")
    channel = model_filter("channel", Channel.objects.all(), _("Channel"))
    channel_family = channel_family_filter("channel")
    partner_group = model_filter(
        "channel__partner_group", PartnerGroup.objects.all(), _("Partner group")
    )
    unit = ByNameFilter(
        queryset=AdministeringUnit.objects.all(),
        to_field_name="name",
        label=_("Administering unit"),
        method="filter_unit",
    )
    measure = measure_filter("pk")
    plan = plan_filter("pk")

    class Meta:
        model = Project
        fields = []
        form = PeriodForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(channel__name__icontains=value)
            | Q(channel__acronym__iexact=value)
            | Q(recipient__name__icontains=value)
        )

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        agreements = Agreement.objects.filter(project=OuterRef("pk"), unit__in=value)
        return queryset.filter(Exists(agreements))
