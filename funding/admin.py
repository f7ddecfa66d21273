from django.contrib import admin
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledTabularInline
from projects.admin import AgreementAdmin, AgreementInline, ProjectAdmin
from projects.models import Agreement, Project
from projects.unit_admin import UnitScopedAdmin
from web.formats import nok

from .admin_forms import (
    AgreementVersionForm,
    ClosedYearDeletion,
    YearlyAmountForm,
    YearlyAmountFormSet,
)
from .models import YearlyAmount
from .refresh import facts_refresh


class RefreshesFacts:
    """A ModelAdmin mixin for the records the funding facts are derived from: every save and
    delete rewrites the facts of the agreements it touched (funding.refresh), those an inline
    deleted too. `agreements(queryset)` names them. A revert from the history page saves
    through save_model alone, so save_model refreshes as well as save_related."""

    def agreements(self, queryset):
        raise NotImplementedError

    def touched(self, obj):
        return set(self.agreements(type(obj).objects.filter(pk=obj.pk)))

    def save_model(self, request, obj, form, change):
        form.agreements_before = self.touched(obj) if change else set()
        super().save_model(request, obj, form, change)
        facts_refresh(form.agreements_before | self.touched(obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        facts_refresh(getattr(form, "agreements_before", set()) | self.touched(form.instance))

    def delete_model(self, request, obj):
        before = self.touched(obj)
        super().delete_model(request, obj)
        facts_refresh(before)

    def delete_queryset(self, request, queryset):
        before = set(self.agreements(queryset))
        super().delete_queryset(request, queryset)
        facts_refresh(before)


class YearlyAmountInline(LabelledTabularInline):
    model = YearlyAmount
    form = YearlyAmountForm
    formset = YearlyAmountFormSet
    fields = ["year", "amount", "status", "seen_version"]
    extra = 3


class VersionedAgreementInline(AgreementInline):
    form = AgreementVersionForm
    fields = [*AgreementInline.fields, "seen_version"]


# The project and agreement pages are projects' admins; funding adds their money: a total
# column, and an agreement's yearly amounts inline.
admin.site.unregister(Project)
admin.site.unregister(Agreement)


@admin.register(Project)
class FundedProjectAdmin(RefreshesFacts, ClosedYearDeletion, ProjectAdmin):
    """Links to the one-page entry (funding/entry.py), which adds the yearly amounts."""

    change_list_template = "admin/funding/project/change_list.html"
    change_form_template = "admin/funding/project/change_form.html"
    list_display = [*ProjectAdmin.list_display[:-1], "total_amount", "demo"]
    inlines = [
        VersionedAgreementInline if inline is AgreementInline else inline
        for inline in ProjectAdmin.inlines
    ]

    def agreements(self, queryset):
        return Agreement.objects.filter(project__in=queryset).values_list("pk", flat=True)

    def get_queryset(self, request):
        total = Sum("agreements__amounts__amount")
        return super().get_queryset(request).annotate(total_amount=total)

    @admin.display(description=_("total (NOK)"), ordering="total_amount")
    def total_amount(self, obj):
        return nok(obj.total_amount or 0)


@admin.register(Agreement)
class FundedAgreementAdmin(RefreshesFacts, ClosedYearDeletion, AgreementAdmin):
    form = AgreementVersionForm
    list_display = [*AgreementAdmin.list_display, "total_amount"]
    inlines = [*AgreementAdmin.inlines, YearlyAmountInline]

    def agreements(self, queryset):
        return queryset.values_list("pk", flat=True)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_amount=Sum("amounts__amount"))

    @admin.display(description=_("total (NOK)"), ordering="total_amount")
    def total_amount(self, obj):
        return nok(obj.total_amount or 0)


@admin.register(YearlyAmount)
class YearlyAmountAdmin(UnitScopedAdmin, RefreshesFacts, ClosedYearDeletion, HistoryAdmin):
    form = YearlyAmountForm
    change_list_template = "admin/funding/yearlyamount/change_list.html"
    list_display = ["agreement", "year", "amount_nok", "status"]
    list_filter = ["status", "year", "agreement__unit__kind", "agreement__project__objective"]
    list_select_related = ["agreement__project", "agreement__unit"]
    search_fields = ["agreement__project__title", "agreement__number"]
    autocomplete_fields = ["agreement"]

    def agreements(self, queryset):
        return queryset.values_list("agreement", flat=True)

    @admin.display(description=_("amount (NOK)"), ordering="amount")
    def amount_nok(self, obj):
        return nok(obj.amount)
