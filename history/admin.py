"""The admin bases every app shares: `HistoryAdmin` for audited models (django-simple-history's,
with a history page that answers 404, not a server error, for an object id its model's key
cannot hold, say "1%00"), and `ReferenceImportExport`, the import and export of reference
tables (django-import-export): CSV and XLSX, editors only for import (add and change
permission; by default any staff user could import), whoever may view the records for
export, uploads within the limits of history.upload_limits (`LimitedImportForm`, which the
ratification chart's import uses too); and `LabelledTabularInline`, the tabular inline every
app's admin uses, whose inputs have a name for assistive technology: a tabular inline shows
each field's label once, as a column heading, so its inputs have no <label> (WCAG 1.3.1 and
4.1.2; axe: `label`, critical); each input of a row is given an aria-label naming the field and
the row, "Share, row 2"."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from .upload_limits import UploadRefused, check_upload


class HistoryAdmin(SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(f"No {self.model._meta.verbose_name} has the id {object_id!r}.") from None
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert is a change: refused to whoever may not change the record (simple-history
        lets anyone who may view it revert it)."""
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class LimitedImportForm(ImportForm):
    """django-import-export's upload form, refusing a file beyond the upload limits
    (history.upload_limits) before the library reads it: the limit is the file's error."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        data = super().clean()
        upload, chosen = data.get("import_file"), data.get("format")
        if upload is not None and chosen not in (None, ""):
            try:
                check_upload(upload, xlsx=self.formats[int(chosen)]().is_binary())
            except UploadRefused as refused:
                self.add_error("import_file", str(refused))
        return data


class ReferenceImportExport(ImportExportMixin):
    """Mix into a model admin and set `resource_classes` to its `ReferenceResource`."""

    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = LimitedImportForm
    import_formats = formats
    export_formats = formats
    from_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        """At confirm, a file that no longer passes (the records changed since the preview) was
        rolled back: say so rather than django-import-export's "Import finished"."""
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: the file no longer passes its checks against the "
                    "records. Upload it again to see why."
                ),
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


def label_row(form, index):
    """Give every visible input of an inline row an aria-label: the field's label and row."""
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        label = capfirst(field.label or name)
        if index is None:  # the blank row the admin's "Add another" copies
            text = label
        else:
            text = _("%(field)s, row %(row)s") % {"field": label, "row": index + 1}
        # The admin wraps a related field's widget; its copy's attrs are the inner widget's.
        widget = getattr(field.widget, "widget", field.widget)
        widget.attrs["aria-label"] = text


class LabelledFormSetMixin:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        label_row(form, index)


class LabelledTabularInline(admin.TabularInline):
    """A TabularInline whose inputs are named (see the module's docstring)."""

    def get_formset(self, request, obj=None, **kwargs):
        base = kwargs.get("formset", self.formset)
        kwargs["formset"] = type(f"Labelled{base.__name__}", (LabelledFormSetMixin, base), {})
        return super().get_formset(request, obj, **kwargs)


def link_list(links):
    """A read-only admin field's list of links: (url, label, note or "") each."""
    return render_to_string("admin/_link_list.html", {"links": list(links)})
