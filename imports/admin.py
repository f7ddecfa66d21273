"""The importer in the admin: the upload page beside the yearly amounts, and the import runs."""

from django.contrib import admin

from funding.admin import YearlyAmountAdmin
from funding.models import ImportRun, YearlyAmount

from . import upload

admin.site.unregister(YearlyAmount)


@admin.register(YearlyAmount)
class ImportingYearlyAmountAdmin(YearlyAmountAdmin):
    """The yearly amounts' admin with the project-list import and its downloads."""

    def get_urls(self):
        return upload.urls(self) + super().get_urls()


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only record of every import run, for everyone: the history rows of what a run
    wrote point at it (issue 30, row 10), so nobody adds, changes or deletes one here."""

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

    def has_delete_permission(self, request, obj=None):
        return False
