from django import forms
from django.contrib import admin
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledFormSetMixin, LabelledTabularInline
from measures.models import Measure
from projects.admin import MeasureWithProjectsAdmin
from projects.unit_admin import UnitScopedAdmin

from .models import NO_MEASURE, Effort, ReportHeading, ReportText
from .review_admin import REVIEW_FIELDS, ReviewAdmin

FIELDS = [
    "measures", "reported_in", "order", "heading", "kind", "title", "narrative", "start", "end",
    "unit", "region", "countries", "organisation", "projects", "source", "editorial_note", "demo",
]  # fmt: skip


class EffortForm(forms.ModelForm):
    class Meta:
        model = Effort
        fields = FIELDS
        error_messages = {"measures": {"required": NO_MEASURE}}


class LabelledChangelistFormSet(LabelledFormSetMixin, BaseModelFormSet):
    """The changelist's order inputs, each named with its row (axe's `label` rule)."""


@admin.register(Effort)
class EffortAdmin(ReviewAdmin, UnitScopedAdmin, HistoryAdmin):
    form = EffortForm
    ordering = ["-reported_in", "order", "title"]
    list_display = [
        "title", "reported_in", "order", "heading", "kind", "measure_numbers", "unit",
        "organisation", "review_state",
    ]  # fmt: skip
    list_editable = ["order"]  # editors set the report's order from the list
    list_filter = ["reported_in", "measures", "kind", "unit", "region", "demo"]
    list_select_related = ["unit", "organisation", "heading__parent"]
    search_fields = ["title", "narrative", "source", "organisation__name"]
    autocomplete_fields = [
        "measures", "countries", "organisation", "projects", "unit", "region", "heading",
    ]  # fmt: skip
    fields = [*FIELDS, *REVIEW_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("measures")

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, formset=LabelledChangelistFormSet, **kwargs)

    @admin.display(description=_("measures"))
    def measure_numbers(self, obj):
        return ", ".join(str(measure.number) for measure in obj.measures.all())


class EffortInline(LabelledTabularInline):
    """The efforts recorded under a measure; new ones are added with the + of the effort box."""

    model = Effort.measures.through
    extra = 0
    autocomplete_fields = ["effort"]
    verbose_name = _("effort")
    verbose_name_plural = _("efforts recorded under this measure")


# A measure's page is the measures app's (already extended by projects): add its efforts.
admin.site.unregister(Measure)


@admin.register(Measure)
class MeasureWithEffortsAdmin(MeasureWithProjectsAdmin):
    inlines = [*MeasureWithProjectsAdmin.inlines, EffortInline]


@admin.register(ReportHeading)
class ReportHeadingAdmin(HistoryAdmin):
    list_display = ["__str__", "label_nb", "kind", "recipient", "organisation"]
    list_filter = ["kind"]
    list_select_related = ["parent__parent", "recipient", "organisation"]
    search_fields = ["label", "label_nb", "parent__label", "recipient__name", "organisation__name"]
    autocomplete_fields = ["parent", "region", "recipient", "organisation"]


@admin.register(ReportText)
class ReportTextAdmin(ReviewAdmin, HistoryAdmin):
    list_display = ["__str__", "year", "place", "order", "language", "review_state"]
    list_filter = ["year", "place", "language", "demo"]
    search_fields = ["title", "body"]
