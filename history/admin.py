"""The admin base for audited models: django-simple-history's, with a history page that answers
404, not a server error, for an object id its model's key cannot hold (say "1%00")."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(f"No {self.model._meta.verbose_name} has the id {object_id!r}.") from None
        return super().history_view(request, object_id, extra_context)
