"""Closed years in the admin: superusers close a year (the add form) and reopen it (a page of
its own that asks the reason); both go through funding/closing.py and leave a historical
record. Editors may look; nobody edits or deletes a closed year's record directly.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding.models import ClosedYear
from history.admin import HistoryAdmin

from .closing import REASON_MAX, ClosingError, reopen_year, save_closing


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the year reopened?"),
        widget=forms.Textarea,
        max_length=REASON_MAX,
    )


@admin.register(ClosedYear)
class ClosedYearAdmin(HistoryAdmin):
    list_display = ["year", "closed_by", "closed_at", "note"]
    list_select_related = ["closed_by"]
    search_fields = ["note"]
    fields = ["year", "note"]
    readonly_fields = ["closed_by", "closed_at", "snapshot"]
    change_form_template = "admin/funding/closedyear/change_form.html"

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else [*self.fields, *self.readonly_fields]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # reopening asks for a reason: reopen_page

    def save_model(self, request, obj, form, change):
        save_closing(obj, request.user)

    def get_urls(self):
        reopen = self.admin_site.admin_view(self.reopen_page)
        urls = super().get_urls()
        return [path("<int:object_id>/reopen/", reopen, name="funding_closedyear_reopen"), *urls]

    def reopen_page(self, request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        closed = get_object_or_404(ClosedYear, pk=object_id)
        form = ReopenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                reopen_year(closed.year, user=request.user, reason=form.cleaned_data["reason"])
            except ClosingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Reopened %(year)s.") % {"year": closed.year})
            return redirect(reverse("admin:funding_closedyear_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reopen %(year)s") % {"year": closed.year},
            "closed": closed,
            "form": form,
        }
        return TemplateResponse(request, "admin/funding/closedyear/reopen.html", context)
