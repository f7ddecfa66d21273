from django.contrib import admin
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledTabularInline
from projects.admin import AgreementAdmin, ProjectAdmin
from projects.models import Agreement, Project
from web.formats import nok

from .admin_forms import ClosedYearDeletion, YearlyAmountForm, YearlyAmountFormSet
from .models import YearlyAmount


class YearlyAmountInline(LabelledTabularInline):
    model = YearlyAmount
    form = YearlyAmountForm
    formset = YearlyAmountFormSet
    fields = ["year", "amount", "status", "seen_version"]
    extra = 3


# The project and agreement pages are projects' admins; funding adds their money: a total
# column, and an agreement's yearly amounts inline.
admin.site.unregister(Project)
admin.site.unregister(Agreement)


@admin.register(Project)
class FundedProjectAdmin(ClosedYearDeletion, ProjectAdmin):
    """Links to the one-page entry (funding/entry.py), which adds the yearly amounts."""

    change_list_template = "admin/funding/project/change_list.html"
    change_form_template = "admin/funding/project/change_form.html"
    list_display = [*ProjectAdmin.list_display[:-1], "total_amount", "demo"]

    def get_queryset(self, request):
        total = Sum("agreements__amounts__amount")
        return super().get_queryset(request).annotate(total_amount=total)

    @admin.display(description=_("total (NOK)"), ordering="total_amount")
    def total_amount(self, obj):
        return nok(obj.total_amount or 0)


@admin.register(Agreement)
class FundedAgreementAdmin(ClosedYearDeletion, AgreementAdmin):
    list_display = [*AgreementAdmin.list_display, "total_amount"]
    inlines = [*AgreementAdmin.inlines, YearlyAmountInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_amount=Sum("amounts__amount"))

    @admin.display(description=_("total (NOK)"), ordering="total_amount")
    def total_amount(self, obj):
        return nok(obj.total_amount or 0)


@admin.register(YearlyAmount)
class YearlyAmountAdmin(ClosedYearDeletion, HistoryAdmin):
    form = YearlyAmountForm
    change_list_template = "admin/funding/yearlyamount/change_list.html"
    list_display = ["agreement", "year", "amount_nok", "status"]
    list_filter = ["status", "year", "agreement__unit__kind", "agreement__project__objective"]
    list_select_related = ["agreement__project", "agreement__unit"]
    search_fields = ["agreement__project__title", "agreement__number"]
    autocomplete_fields = ["agreement"]

    @admin.display(description=_("amount (NOK)"), ordering="amount")
    def amount_nok(self, obj):
        return nok(obj.amount)
