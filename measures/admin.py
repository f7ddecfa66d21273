from django.contrib import admin
from django.db.models import Count
from django.utils.safestring import mark_safe

from history.admin import HistoryAdmin

from .models import Goal, Measure, MeasureStatus, Ministry, Plan

TITLE_MISSING = mark_safe('<em class="missing">title missing</em>')


class TitleListFilter(admin.SimpleListFilter):
    title = "title"
    parameter_name = "title"

    def lookups(self, request, model_admin):
        return [("given", "Given"), ("missing", "Missing")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.untitled()
        if self.value() == "given":
            return queryset.exclude(title="")
        return queryset


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class MeasureStatusInline(admin.TabularInline):
    """A measure's status by year, on the measure's page."""

    model = MeasureStatus
    extra = 0
    ordering = ["year"]


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    ordering = ["start_year", "end_year"]
    list_display = ["__str__", "start_year", "end_year", "measure_count"]
    search_fields = ["title"]
    inlines = [GoalInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_count=Count("measures"))

    @admin.display(description="measures", ordering="measure_count")
    def measure_count(self, obj):
        return obj.measure_count


@admin.register(Goal)
class GoalAdmin(HistoryAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


@admin.register(Ministry)
class MinistryAdmin(HistoryAdmin):
    list_display = ["name", "coordinates"]
    search_fields = ["name"]


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    """A measure of a plan; the projects app adds the projects that serve it."""

    ordering = ["plan", "number"]
    list_display = ["number", "title_or_missing", "plan", "goal", "lead_ministry"]
    list_display_links = ["number", "title_or_missing"]
    list_filter = ["plan", TitleListFilter, "goal", "lead_ministry", "responsible_ministries"]
    list_select_related = ["plan", "goal", "lead_ministry"]
    search_fields = ["title", "=number"]
    autocomplete_fields = ["goal", "lead_ministry"]
    filter_horizontal = ["responsible_ministries"]
    inlines = [MeasureStatusInline]

    @admin.display(description="title", ordering="title")
    def title_or_missing(self, obj):
        return obj.title or TITLE_MISSING


@admin.register(MeasureStatus)
class MeasureStatusAdmin(HistoryAdmin):
    ordering = ["measure__plan", "measure__number", "year"]
    list_display = ["measure", "year", "status_label", "summary"]
    list_filter = ["year", "status", "measure__plan"]
    list_select_related = ["measure"]
    search_fields = ["summary", "measure__title", "=measure__number"]
    autocomplete_fields = ["measure"]

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return obj.label
