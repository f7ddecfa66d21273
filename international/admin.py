from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm

from history.admin import HistoryAdmin, LabelledTabularInline, LimitedImportForm, link_list
from history.text import no_control_characters
from projects.admin import ChannelAdmin
from projects.models import Channel

from .models import Instrument, InstrumentStatus
from .resources import ChartResource


class InstrumentStatusInline(LabelledTabularInline):
    model = InstrumentStatus
    fields = [
        "country", "status", "signature", "ratification", "ratification_kind",
        "entry_into_force", "as_of", "source",
    ]  # fmt: skip
    autocomplete_fields = ["country"]
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(HistoryAdmin):
    ordering = ["short_name"]
    list_display = [
        "short_name", "kind", "adopted_by", "adopted", "opened_for_signature",
        "entered_into_force", "parent", "monitoring_body",
    ]  # fmt: skip
    list_filter = ["kind", ("adopted_by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["adopted_by", "parent", "monitoring_body"]
    search_fields = ["short_name", "title"]
    autocomplete_fields = ["adopted_by", "parent", "monitoring_body"]
    inlines = [InstrumentStatusInline]


class ChartImportForm(LimitedImportForm):
    instrument = forms.ModelChoiceField(Instrument.objects.all())
    source = forms.CharField(
        max_length=500,
        validators=[no_control_characters],
        help_text=_(
            "The chart's origin, e.g. “Council of Europe Treaty Office, chart of "
            "signatures and ratifications of Treaty 197, read 2010-03-01”."
        ),
    )
    as_of = forms.DateField(
        label=_("As of"), help_text=_("The date the chart's information holds as of (YYYY-MM-DD).")
    )


class ChartConfirmForm(ConfirmImportForm):
    instrument = forms.ModelChoiceField(Instrument.objects.all(), widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput)
    as_of = forms.DateField(widget=forms.HiddenInput)


CHART_FIELDS = ["instrument", "source", "as_of"]


@admin.register(InstrumentStatus)
class InstrumentStatusAdmin(ImportMixin, HistoryAdmin):
    """Each state's signature and ratification; "Import" reads a treaty office's chart."""

    ordering = ["instrument__short_name", "country__name"]
    list_display = [
        "country", "instrument", "status", "signature", "ratification", "ratification_kind",
        "entry_into_force", "as_of",
    ]  # fmt: skip
    list_filter = ["instrument", "status", "ratification_kind"]
    list_select_related = ["country", "instrument"]
    search_fields = ["country__name", "country__iso2", "instrument__short_name"]
    autocomplete_fields = ["instrument", "country"]
    resource_classes = [ChartResource]
    import_formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = ChartImportForm
    confirm_form_class = ChartConfirmForm

    def has_import_permission(self, request):
        """Only who may add and change statuses (by default any staff user could import)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_form_initial(self, request):
        return {"as_of": timezone.localdate()}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            data = import_form.cleaned_data
            initial |= {"instrument": data["instrument"].pk, "source": data["source"]}
            initial["as_of"] = data["as_of"]
        return initial

    def process_result(self, result, request):
        """At confirm, a chart that no longer passes (the records changed since the preview)
        was rolled back: say so rather than django-import-export's "Import finished"."""
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: the chart no longer passes its checks against the "
                    "records. Upload it again to see why."
                ),
            )
            return HttpResponseRedirect(reverse("admin:international_instrumentstatus_import"))
        return super().process_result(result, request)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        data = getattr(form, "cleaned_data", None) or {}
        return {name: data[name] for name in CHART_FIELDS if name in data}


# The organisation page is the projects app's; this app adds the instruments it adopted or
# monitors.
admin.site.unregister(Channel)


@admin.register(Channel)
class OrganisationWithInstrumentsAdmin(ChannelAdmin):
    fields = [*ChannelAdmin.fields, "instruments"]
    readonly_fields = [*ChannelAdmin.readonly_fields, "instruments"]

    @admin.display(description=_("instruments adopted or monitored"))
    def instruments(self, obj):
        if obj.pk is None:
            return _("None.")
        found = Instrument.objects.filter(Q(adopted_by=obj) | Q(monitoring_body=obj))
        if not found:
            return _("None.")
        links = (
            (reverse("admin:international_instrument_change", args=[i.pk]), i, role)
            for i in found
            for role in [adopted_or_monitored(i, obj)]
        )
        return link_list(links)


def adopted_or_monitored(instrument, organisation):
    roles = [
        name
        for name, pk in [
            (_("adopted"), instrument.adopted_by_id),
            (_("monitors"), instrument.monitoring_body_id),
        ]
        if pk == organisation.pk
    ]
    return _(" and ").join(str(role) for role in roles)
