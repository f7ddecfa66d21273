from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AdministeringUnit,
    Agreement,
    Channel,
    ChannelAlias,
    ChannelCode,
    PartnerGroup,
    Project,
    ProjectMeasure,
    Recipient,
    RecipientAlias,
    Region,
    UnitAlias,
)


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    ordering = ["-geographic", "name"]
    list_display = ["name", "geographic", "recipient_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipient_count=Count("recipients"))

    @admin.display(description="recipients", ordering="recipient_count")
    def recipient_count(self, obj):
        return obj.recipient_count


class RecipientAliasInline(admin.TabularInline):
    model = RecipientAlias
    extra = 1


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "iso2", "iso3", "region"]
    list_filter = ["kind", "region"]
    list_select_related = ["region"]
    search_fields = ["name", "=iso2", "=iso3", "aliases__name"]
    inlines = [RecipientAliasInline]


@admin.register(PartnerGroup)
class PartnerGroupAdmin(SimpleHistoryAdmin):
    ordering = ["name"]
    list_display = ["name", "channel_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(channel_count=Count("channels"))

    @admin.display(description="channels", ordering="channel_count")
    def channel_count(self, obj):
        return obj.channel_count


@admin.register(ChannelCode)
class ChannelCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent_code"]
    search_fields = ["=code", "name"]


class ChannelAliasInline(admin.TabularInline):
    model = ChannelAlias
    extra = 1


@admin.register(Channel)
class ChannelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "partner_group", "oecd_code", "parent"]
    list_filter = ["partner_group"]
    list_select_related = ["partner_group", "oecd_code", "parent"]
    search_fields = ["name", "acronym", "aliases__name"]
    autocomplete_fields = ["partner_group", "oecd_code", "parent"]
    inlines = [ChannelAliasInline]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(AdministeringUnit)
class AdministeringUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "agreement_count"]
    ordering = ["name"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    inlines = [UnitAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description="agreements", ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


class MeasureShareFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        shares = [
            form.cleaned_data["share"]
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("share") is not None
        ]
        if shares and sum(shares) != Decimal(100):
            raise ValidationError(
                f"The measure shares add up to {sum(shares).normalize():f} %; "
                "they must add up to exactly 100 %."
            )


class ProjectMeasureInline(admin.TabularInline):
    model = ProjectMeasure
    formset = MeasureShareFormSet
    autocomplete_fields = ["measure"]
    extra = 1


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ["number", "unit", "first_year", "last_year"]
    autocomplete_fields = ["unit"]
    show_change_link = True
    extra = 1


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    ordering = ["title"]
    list_display = ["title", "channel", "recipient", "objective", "total_amount", "demo"]
    list_filter = ["objective", "recipient__region", "channel__partner_group", "demo"]
    list_select_related = ["channel", "recipient"]
    search_fields = ["title", "channel__name", "channel__acronym", "recipient__name"]
    autocomplete_fields = ["channel", "recipient"]
    inlines = [ProjectMeasureInline, AgreementInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(total_amount=Sum("agreements__amounts__amount"))
        )

    @admin.display(description="total (NOK)", ordering="total_amount")
    def total_amount(self, obj):
        return f"{obj.total_amount or 0:,.0f}".replace(",", "\u00a0")
