from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from .models import Goal, Measure, Ministry, Plan

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


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
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
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "coordinates"]
    search_fields = ["name"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    ordering = ["plan", "number"]
    list_display = ["number", "title_or_missing", "plan", "goal", "lead_ministry", "project_count"]
    list_display_links = ["number", "title_or_missing"]
    list_filter = ["plan", TitleListFilter, "goal", "lead_ministry", "responsible_ministries"]
    list_select_related = ["plan", "goal", "lead_ministry"]
    search_fields = ["title", "=number"]
    autocomplete_fields = ["goal", "lead_ministry"]
    filter_horizontal = ["responsible_ministries"]
    readonly_fields = ["projects_served"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("project_shares"))

    @admin.display(description="title", ordering="title")
    def title_or_missing(self, obj):
        return obj.title or TITLE_MISSING

    @admin.display(description="projects", ordering="project_count")
    def project_count(self, obj):
        return obj.project_count

    @admin.display(description="projects serving this measure")
    def projects_served(self, obj):
        shares = obj.project_shares.select_related("project").order_by("project__title")
        if not shares:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({} %)</li>',
                (
                    (
                        reverse("admin:projects_project_change", args=[s.project_id]),
                        s.project,
                        s.share,
                    )
                    for s in shares
                ),
            ),
        )
