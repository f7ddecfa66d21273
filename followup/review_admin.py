"""The review in the admin (followup/models/review.py): the state shown and filtered on, the
moves as list actions (a return takes the comment typed beside the action), and an edit of an
approved record's content sending it back to submitted."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Move

REVIEW_FIELDS = ["review_state", "review_comment"]


class ReviewActionForm(ActionForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment (for a return)"), required=False, max_length=2000
    )


class ReviewAdmin:
    """Mix into the admin of a reviewed model (an effort, a report text)."""

    action_form = ReviewActionForm
    actions = ["submit", "approve", "send_back"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REVIEW_FIELDS]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "review_state"]

    def save_model(self, request, obj, form, change):
        """The state moves only by review(): a save keeps the stored one (a revert from the
        history too), and an edit of an approved record's content sends it back."""
        if change:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            changed = set(form.changed_data) | {
                f.name
                for f in obj._meta.concrete_fields
                if f.name in form.fields and f.value_from_object(stored) != f.value_from_object(obj)
            }
            obj.review_state, obj.review_comment = stored.review_state, stored.review_comment
            obj.reopen_if_approved(changed)
        super().save_model(request, obj, form, change)

    def move(self, request, queryset, move):
        comment = request.POST.get("comment", "")
        try:
            with transaction.atomic():
                for record in queryset:
                    record.review(move, by=request.user, comment=comment)
        except ValidationError as refused:
            messages.error(request, _("Nothing was changed: ") + " ".join(refused.messages))
            return
        messages.success(
            request,
            _("%(move)s: done for %(count)s.") % {"move": Move(move).label, "count": len(queryset)},
        )

    @admin.action(description=gettext_lazy("Submit for review"), permissions=["change"])
    def submit(self, request, queryset):
        self.move(request, queryset, Move.SUBMIT)

    @admin.action(
        description=gettext_lazy("Approve (coordinating section)"), permissions=["change"]
    )
    def approve(self, request, queryset):
        self.move(request, queryset, Move.APPROVE)

    @admin.action(
        description=gettext_lazy("Return with the comment (coordinating section)"),
        permissions=["change"],
    )
    def send_back(self, request, queryset):
        self.move(request, queryset, Move.RETURN)
