from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from history.admin import HistoryAdmin
from measures.admin import MeasureAdmin
from measures.models import Measure

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
class RegionAdmin(HistoryAdmin):
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
class RecipientAdmin(HistoryAdmin):
    list_display = ["name", "kind", "iso2", "iso3", "region"]
    list_filter = ["kind", "region"]
    list_select_related = ["region"]
    search_fields = ["name", "=iso2", "=iso3", "aliases__name"]
    inlines = [RecipientAliasInline]


@admin.register(PartnerGroup)
class PartnerGroupAdmin(HistoryAdmin):
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
class ChannelAdmin(HistoryAdmin):
    """The organisation register; a funding channel is an organisation with projects."""

    ordering = ["name"]
    list_display = [
        "name",
        "acronym",
        "kind",
        "parent",
        "partner_group",
        "oecd_code",
        "child_count",
    ]
    list_filter = ["kind", "partner_group", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["partner_group", "oecd_code", "parent"]
    search_fields = ["name", "acronym", "aliases__name"]
    autocomplete_fields = ["partner_group", "oecd_code", "parent"]
    fields = [
        "name", "acronym", "kind", "parent", "sub_organisations", "partner_group", "oecd_code",
        "website", "description", "source",
    ]  # fmt: skip
    readonly_fields = ["sub_organisations"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ChannelAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(child_count=Count("children"))

    @admin.display(description="sub-organisations", ordering="child_count")
    def child_count(self, obj):
        return obj.child_count

    @admin.display(description="sub-organisations")
    def sub_organisations(self, obj):
        children = obj.children.order_by("name") if obj.pk else []
        if not children:
            return "None."
        links = ((reverse("admin:projects_channel_change", args=[c.pk]), c) for c in children)
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', links)
        )


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(AdministeringUnit)
class AdministeringUnitAdmin(HistoryAdmin):
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
class ProjectAdmin(HistoryAdmin):
    """A project with its measure shares and agreements; funding's admin adds the money."""

    ordering = ["title"]
    list_display = ["title", "channel", "recipient", "objective", "demo"]
    list_filter = ["objective", "recipient__region", "channel__partner_group", "demo"]
    list_select_related = ["channel", "recipient"]
    search_fields = ["title", "channel__name", "channel__acronym", "recipient__name"]
    autocomplete_fields = ["channel", "recipient"]
    inlines = [ProjectMeasureInline, AgreementInline]


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    """An agreement and its period; funding's admin adds its yearly amounts."""

    ordering = ["project__title", "first_year"]
    list_display = ["__str__", "number", "channel", "recipient", "unit", "period"]
    list_filter = ["unit__kind", "unit", "project__objective", "first_year"]
    list_select_related = ["project__channel", "project__recipient", "unit"]
    search_fields = ["number", "project__title", "project__channel__name", "unit__name"]
    autocomplete_fields = ["project", "unit"]

    @admin.display(description="channel", ordering="project__channel__name")
    def channel(self, obj):
        return obj.project.channel

    @admin.display(description="recipient", ordering="project__recipient__name")
    def recipient(self, obj):
        return obj.project.recipient


# A measure's page is the measures app's; this app adds the projects that serve the measure.
admin.site.unregister(Measure)


@admin.register(Measure)
class MeasureWithProjectsAdmin(MeasureAdmin):
    list_display = [*MeasureAdmin.list_display, "project_count"]
    readonly_fields = [*MeasureAdmin.readonly_fields, "projects_served"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("project_shares"))

    @admin.display(description="projects", ordering="project_count")
    def project_count(self, obj):
        return obj.project_count

    @admin.display(description="projects serving this measure")
    def projects_served(self, obj):
        shares = obj.project_shares.select_related("project").order_by("project__title")
        if not shares:
            return "None yet."
        links = (
            (reverse("admin:projects_project_change", args=[s.project_id]), s.project, s.share)
            for s in shares
        )
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({} %)</li>', links)
        )
