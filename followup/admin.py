from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledTabularInline
from measures.models import Measure
from projects.admin import MeasureWithProjectsAdmin

from .models import NO_MEASURE, Effort

FIELDS = [
    "measures", "year", "kind", "title", "narrative", "unit", "region", "countries",
    "organisation", "projects", "source", "demo",
]  # fmt: skip


class EffortForm(forms.ModelForm):
    class Meta:
        model = Effort
        fields = FIELDS
        error_messages = {"measures": {"required": NO_MEASURE}}


@admin.register(Effort)
class EffortAdmin(HistoryAdmin):
    form = EffortForm
    ordering = ["-year", "title"]
    list_display = ["title", "year", "kind", "measure_numbers", "unit", "region", "organisation"]
    list_filter = ["year", "measures", "kind", "unit", "region", "demo"]
    list_select_related = ["unit", "region", "organisation"]
    search_fields = ["title", "narrative", "source", "organisation__name"]
    autocomplete_fields = ["measures", "countries", "organisation", "projects", "unit", "region"]
    fields = FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("measures")

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
