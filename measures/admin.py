from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledTabularInline, ReferenceImportExport

from .models import Goal, Measure, MeasureStatus, Ministry, Plan, PlanResponsibility
from .resources import MeasureResource


class TitleListFilter(admin.SimpleListFilter):
    title = _("title")
    parameter_name = "title"

    def lookups(self, request, model_admin):
        return [("given", _("Given")), ("missing", _("Missing"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.untitled()
        if self.value() == "given":
            return queryset.exclude(title="")
        return queryset


class GoalInline(LabelledTabularInline):
    model = Goal
    extra = 0


class MeasureStatusInline(LabelledTabularInline):
    """A measure's status by year, on the measure's page."""

    model = MeasureStatus
    extra = 0
    ordering = ["year"]


class ResponsibilityInline(LabelledTabularInline):
    model = PlanResponsibility
    extra = 0
    fields = ["ministry", "measures", "source"]


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    ordering = ["start_year", "end_year"]
    list_display = ["__str__", "start_year", "end_year", "pledged_amount", "measure_count"]
    search_fields = ["title"]
    fields = ["title", "start_year", "end_year", "pledged_amount", "pledge_source"]
    inlines = [GoalInline, ResponsibilityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_count=Count("measures"))

    @admin.display(description=_("measures"), ordering="measure_count")
    def measure_count(self, obj):
        return obj.measure_count


@admin.register(Goal)
class GoalAdmin(HistoryAdmin):
    list_display = ["number", "title", "plan", "source"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


@admin.register(Ministry)
class MinistryAdmin(HistoryAdmin):
    list_display = ["name", "coordinates"]
    search_fields = ["name"]


@admin.register(Measure)
class MeasureAdmin(ReferenceImportExport, HistoryAdmin):
    """A measure of a plan; the projects app adds the projects that serve it. Import and
    export read and write titles, goals and lead ministries."""

    resource_classes = [MeasureResource]
    ordering = ["plan", "number"]
    list_display = ["number", "title_or_missing", "title_nb", "plan", "goal", "lead_ministry"]
    list_display_links = ["number", "title_or_missing"]
    list_filter = ["plan", TitleListFilter, "goal", "lead_ministry", "responsible_ministries"]
    list_select_related = ["plan", "goal", "lead_ministry"]
    search_fields = ["title", "title_nb", "=number"]
    search_help_text = _("A number (11, Measure 11, Tiltak 11), a plan (2006-2009) or title words.")
    autocomplete_fields = ["goal", "lead_ministry"]
    inlines = [MeasureStatusInline]

    def get_search_results(self, request, queryset, search_term):
        """The list's search box and the autocompletes of other forms (the effort's measures)
        find measures by number, plan and title in the forms people type them."""
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """The responsible ministries as checkboxes: a short list, and the admin's two-list
        widget (filter_horizontal) names a span that has no role (axe: aria-prohibited-attr)."""
        if db_field.name == "responsible_ministries":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("title"), ordering="title")
    def title_or_missing(self, obj):
        return obj.title or format_html('<em class="missing">{}</em>', _("title missing"))


@admin.register(MeasureStatus)
class MeasureStatusAdmin(HistoryAdmin):
    ordering = ["measure__plan", "measure__number", "year"]
    list_display = ["measure", "year", "status_label", "summary"]
    list_filter = ["year", "status", "measure__plan"]
    list_select_related = ["measure"]
    search_fields = ["summary", "measure__title", "=measure__number"]
    autocomplete_fields = ["measure"]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return obj.label
