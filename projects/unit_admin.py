"""The admin's side of `projects.units`: a unit editor reads every record and changes only
their own units' ones, on every path of a model admin — the change and delete pages, the
list's actions and editable columns, the history's revert, and the inline rows of another
record's page. A refused change says why (`units.refusal`)."""

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from .units import change_refusal, limited_to, may_change, refusal, writable

SHOWN_REFUSALS = 5


def checked_form(form_class, user):
    """`form_class`, refusing to save a record `user` may not change (as stored or as posted)."""

    class UnitCheckedForm(form_class):
        def _post_clean(self):
            super()._post_clean()
            if self.instance.pk is None or self.has_changed():
                why = change_refusal(user, self.instance)
                if why:
                    self.add_error(None, why)

    UnitCheckedForm.__name__ = form_class.__name__
    return UnitCheckedForm


def checked_formset(formset_class, user):
    """An inline formset whose rows are checked, and whose deletions too."""

    class UnitCheckedFormSet(formset_class):
        form = checked_form(formset_class.form, user)

        def clean(self):
            super().clean()
            refused = [refusal(user, form.instance) for form in self.deleted_forms]
            refused = [why for why in refused if why]
            if refused:
                raise ValidationError(refused)

    return UnitCheckedFormSet


class UnitScopedAdmin:
    """Mix into the model admin of a record kept per unit (its model has a `UNIT_PATH`)."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change(request.user, obj))

    def get_form(self, request, obj=None, **kwargs):
        return checked_form(super().get_form(request, obj, **kwargs), request.user)

    def get_changelist_form(self, request, **kwargs):
        return checked_form(super().get_changelist_form(request, **kwargs), request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and limited_to(request.user) is not None:
            obj = self.get_object(request, object_id)
            why = obj is not None and refusal(request.user, obj)
            if why:
                messages.info(request, why)
        return super().change_view(request, object_id, form_url, extra_context)

    def response_action(self, request, queryset):
        """An action on rows of which any is another unit's is refused whole, naming them."""
        if limited_to(request.user) is not None:
            chosen = queryset
            if request.POST.get("select_across") != "1":
                chosen = queryset.filter(pk__in=request.POST.getlist(ACTION_CHECKBOX_NAME))
            others = chosen.exclude(pk__in=writable(request.user, chosen).values("pk"))
            refused = [refusal(request.user, row) for row in others[:SHOWN_REFUSALS]]
            if refused:
                messages.error(request, _("Nothing was done: ") + " ".join(refused))
                return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class UnitScopedInline:
    """Mix into an inline of a record kept per unit, shown on another record's page."""

    def get_formset(self, request, obj=None, **kwargs):
        return checked_formset(super().get_formset(request, obj, **kwargs), request.user)
