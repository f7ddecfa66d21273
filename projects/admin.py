from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin, LabelledTabularInline, ReferenceImportExport, link_list
from measures.admin import MeasureAdmin
from measures.models import Measure

from .forms import AgreementFormSet, MeasureShareFormSet
from .models import (
    AdministeringUnit,
    Agreement,
    Channel,
    ChannelAlias,
    ChannelCode,
    EarlierName,
    PartnerGroup,
    Project,
    ProjectMeasure,
    Recipient,
    RecipientAlias,
    Region,
    UnitAlias,
)
from .purpose_codes import purpose_code_warning
from .resources import (
    AdministeringUnitResource,
    ChannelCodeResource,
    ChannelResource,
    PartnerGroupResource,
    RecipientResource,
)
from .unit_admin import UnitScopedAdmin, UnitScopedInline


@admin.register(Region)
class RegionAdmin(HistoryAdmin):
    ordering = ["-geographic", "name"]
    list_display = ["name", "name_nb", "geographic", "recipient_count"]
    search_fields = ["name", "name_nb"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipient_count=Count("recipients"))

    @admin.display(description=_("recipients"), ordering="recipient_count")
    def recipient_count(self, obj):
        return obj.recipient_count


class RecipientAliasInline(LabelledTabularInline):
    model = RecipientAlias
    extra = 1


class EarlierNameInline(LabelledTabularInline):
    """The names a country or an organisation had before (a report of an earlier year prints
    them)."""

    model = EarlierName
    extra = 0
    fields = ["name", "until", "source"]


@admin.register(Recipient)
class RecipientAdmin(ReferenceImportExport, HistoryAdmin):
    resource_classes = [RecipientResource]
    list_display = ["name", "name_nb", "kind", "iso2", "iso3", "region"]
    list_filter = ["kind", "region"]
    list_select_related = ["region"]
    search_fields = ["name", "name_nb", "=iso2", "=iso3", "aliases__name"]
    inlines = [RecipientAliasInline, EarlierNameInline]


@admin.register(PartnerGroup)
class PartnerGroupAdmin(ReferenceImportExport, HistoryAdmin):
    resource_classes = [PartnerGroupResource]
    ordering = ["name"]
    list_display = ["name", "name_nb", "channel_count"]
    search_fields = ["name", "name_nb"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(channel_count=Count("channels"))

    @admin.display(description=_("channels"), ordering="channel_count")
    def channel_count(self, obj):
        return obj.channel_count


@admin.register(ChannelCode)
class ChannelCodeAdmin(ReferenceImportExport, HistoryAdmin):
    resource_classes = [ChannelCodeResource]
    list_display = ["code", "name", "parent_code"]
    search_fields = ["=code", "name"]


class ChannelAliasInline(LabelledTabularInline):
    model = ChannelAlias
    extra = 1


@admin.register(Channel)
class ChannelAdmin(ReferenceImportExport, HistoryAdmin):
    """The organisation register; a funding channel is an organisation with projects."""

    resource_classes = [ChannelResource]
    ordering = ["name"]
    list_display = [
        "name",
        "name_nb",
        "acronym",
        "kind",
        "parent",
        "partner_group",
        "oecd_code",
        "child_count",
    ]
    list_filter = ["kind", "partner_group", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["partner_group", "oecd_code", "parent"]
    search_fields = ["name", "name_nb", "acronym", "aliases__name"]
    autocomplete_fields = ["partner_group", "oecd_code", "parent"]
    fields = [
        ("name", "name_nb"), "acronym", "kind", "parent", "sub_organisations", "partner_group",
        "oecd_code", "website", "description", "source",
    ]  # fmt: skip
    readonly_fields = ["sub_organisations"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ChannelAliasInline, EarlierNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(child_count=Count("children"))

    @admin.display(description=_("sub-organisations"), ordering="child_count")
    def child_count(self, obj):
        return obj.child_count

    @admin.display(description=_("sub-organisations"))
    def sub_organisations(self, obj):
        children = obj.children.order_by("name") if obj.pk else []
        if not children:
            return _("None.")
        return link_list(
            (reverse("admin:projects_channel_change", args=[c.pk]), c, "") for c in children
        )


class UnitAliasInline(LabelledTabularInline):
    model = UnitAlias
    extra = 1


@admin.register(AdministeringUnit)
class AdministeringUnitAdmin(ReferenceImportExport, HistoryAdmin):
    resource_classes = [AdministeringUnitResource]
    list_display = ["name", "name_nb", "kind", "agreement_count"]
    ordering = ["name"]
    list_filter = ["kind"]
    search_fields = ["name", "name_nb", "aliases__name"]
    inlines = [UnitAliasInline]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


class ProjectMeasureInline(LabelledTabularInline):
    model = ProjectMeasure
    formset = MeasureShareFormSet
    autocomplete_fields = ["measure"]
    extra = 1


class AgreementInline(UnitScopedInline, LabelledTabularInline):
    model = Agreement
    formset = AgreementFormSet
    fields = ["number", "unit", "first_year", "last_year"]
    autocomplete_fields = ["unit"]
    show_change_link = True
    extra = 1


@admin.register(Project)
class ProjectAdmin(UnitScopedAdmin, HistoryAdmin):
    """A project with its measure shares and agreements; funding's admin adds the money."""

    ordering = ["title"]
    list_display = ["title", "channel", "recipient", "objective", "purpose_code", "demo"]
    # A blank purpose code as a value would be an empty link (axe: link-name): "empty or not".
    list_filter = [
        "objective", ("purpose_code", admin.EmptyFieldListFilter), "recipient__region",
        "channel__partner_group", "demo",
    ]  # fmt: skip
    list_select_related = ["channel", "recipient"]
    search_fields = ["title", "channel__name", "channel__acronym", "recipient__name"]
    autocomplete_fields = ["channel", "recipient"]
    inlines = [ProjectMeasureInline, AgreementInline]

    def save_model(self, request, obj, form, change):
        """Saves; a withdrawn purpose code (which the field accepts) is saved with a warning."""
        super().save_model(request, obj, form, change)
        warning = purpose_code_warning(obj.purpose_code)
        if warning:
            messages.warning(request, warning)


@admin.register(Agreement)
class AgreementAdmin(UnitScopedAdmin, HistoryAdmin):
    """An agreement and its period; funding's admin adds its yearly amounts."""

    ordering = ["project__title", "first_year"]
    list_display = ["__str__", "number", "channel", "recipient", "unit", "period"]
    list_filter = ["unit__kind", "unit", "project__objective", "first_year"]
    list_select_related = ["project__channel", "project__recipient", "unit"]
    search_fields = ["number", "project__title", "project__channel__name", "unit__name"]
    autocomplete_fields = ["project", "unit"]

    @admin.display(description=_("channel"), ordering="project__channel__name")
    def channel(self, obj):
        return obj.project.channel

    @admin.display(description=_("recipient"), ordering="project__recipient__name")
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

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj):
        return obj.project_count

    @admin.display(description=_("projects serving this measure"))
    def projects_served(self, obj):
        shares = obj.project_shares.select_related("project").order_by("project__title")
        if not shares:
            return _("None yet.")
        return link_list(
            (
                reverse("admin:projects_project_change", args=[s.project_id]),
                s.project,
                f"{s.share} %",
            )
            for s in shares
        )
