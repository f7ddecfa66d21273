"""The admin bases every app shares: `HistoryAdmin` for audited models (django-simple-history's,
with a history page that answers 404, not a server error, for an object id its model's key
cannot hold, say "1%00"), and `ReferenceImportExport`, the import and export of reference
tables (django-import-export): CSV and XLSX, editors only for import (add and change
permission; by default any staff user could import), whoever may view the records for
export."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(f"No {self.model._meta.verbose_name} has the id {object_id!r}.") from None
        return super().history_view(request, object_id, extra_context)


class ReferenceImportExport(ImportExportMixin):
    """Mix into a model admin and set `resource_classes` to its `ReferenceResource`."""

    formats = [base_formats.CSV, base_formats.XLSX]
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
