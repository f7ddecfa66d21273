from django.contrib import admin
from django.db.models import Sum
from simple_history.admin import SimpleHistoryAdmin

from projects.models import Agreement

from . import admin_import
from .models import ImportRun, YearlyAmount


def nok(value):
    return f"{value or 0:,.0f}".replace(",", "\u00a0")


class YearlyAmountInline(admin.TabularInline):
    model = YearlyAmount
    fields = ["year", "amount", "status"]
    extra = 3


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    ordering = ["project__title", "first_year"]
    list_display = ["__str__", "number", "channel", "recipient", "unit", "period", "total_amount"]
    list_filter = ["unit__kind", "unit", "project__objective", "first_year"]
    list_select_related = ["project__channel", "project__recipient", "unit"]
    search_fields = ["number", "project__title", "project__channel__name", "unit__name"]
    autocomplete_fields = ["project", "unit"]
    inlines = [YearlyAmountInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_amount=Sum("amounts__amount"))

    @admin.display(description="channel", ordering="project__channel__name")
    def channel(self, obj):
        return obj.project.channel

    @admin.display(description="recipient", ordering="project__recipient__name")
    def recipient(self, obj):
        return obj.project.recipient

    @admin.display(description="total (NOK)", ordering="total_amount")
    def total_amount(self, obj):
        return nok(obj.total_amount)


@admin.register(YearlyAmount)
class YearlyAmountAdmin(SimpleHistoryAdmin):
    change_list_template = "admin/funding/yearlyamount/change_list.html"
    list_display = ["agreement", "year", "amount_nok", "status"]
    list_filter = ["status", "year", "agreement__unit__kind", "agreement__project__objective"]
    list_select_related = ["agreement__project", "agreement__unit"]
    search_fields = ["agreement__project__title", "agreement__number"]
    autocomplete_fields = ["agreement"]

    @admin.display(description="amount (NOK)", ordering="amount")
    def amount_nok(self, obj):
        return nok(obj.amount)

    def get_urls(self):
        return admin_import.urls(self) + super().get_urls()


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only record of every import run."""

    list_display = [
        "file_name",
        "started",
        "user",
        "format",
        "dry_run",
        "succeeded",
        "rows",
        "amounts_created",
        "amounts_updated",
        "amounts_unchanged",
    ]
    list_filter = ["succeeded", "dry_run", "format"]
    list_select_related = ["user"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "started"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
