"""The admin's yearly-amount forms: closed years refused, and two editors kept from
overwriting each other (optimistic locking on YearlyAmount.version).

Each form carries the version it was built from (`seen_version`, hidden). On save the row is
read again under a row lock (the admin's change view runs in one transaction): if its version
moved on, someone saved it meanwhile, and the form is refused with that person's values shown;
otherwise the save is UPDATE … WHERE version = seen, adding one (YearlyAmount.save()).
Submitting the refused form again (it now carries the new version) saves it deliberately.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from history.locking import SeenVersionForm
from projects.models import Agreement

from .models import ClosedYear, YearlyAmount, refusal


class YearlyAmountForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = YearlyAmount
        fields = ["agreement", "year", "amount", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A past version being reverted to (simple-history's revert page) replaces the current
        # one deliberately: no version to compare, only the count goes up.
        self.reverting = hasattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME)
        current = self.instance.pk and not self.reverting
        self.fields["seen_version"].initial = self.instance.version if current else None

    def clean(self):
        data = super().clean()
        if not (self.has_changed() or self.reverting):
            return data
        old_year = self.instance.year if self.instance.pk else None
        if message := refusal(data.get("year"), old_year):
            raise ValidationError(message, code="closed_year")
        if self.instance.pk:
            self.check_version(data.get("seen_version"))
        return data

    def check_version(self, seen):
        rows = YearlyAmount.objects.filter(pk=self.instance.pk)
        if connection.in_atomic_block:  # the admin's views: held until the save commits
            rows = rows.select_for_update()
        current = rows.first()
        if current is None:
            raise ValidationError(
                _("Someone else deleted this amount while you edited it; nothing was saved.")
            )
        if seen is not None and seen != current.version:
            self.data = self.data.copy()  # the form shown again carries the version now saved
            self.data[self.add_prefix("seen_version")] = current.version
            raise ValidationError(current.conflict_message, code="edit_conflict")
        self.instance.seen_version = current.version  # save(): UPDATE … WHERE version = it


class AgreementVersionForm(SeenVersionForm):
    """An agreement in the admin (its page, and a row of its project's page) with the version
    it was shown at (history/locking.py)."""

    class Meta:
        model = Agreement
        fields = ["project", "number", "unit", "first_year", "last_year"]


class YearlyAmountFormSet(forms.BaseInlineFormSet):
    """An agreement's yearly amounts: deleting one of a closed year is refused."""

    def clean(self):
        super().clean()
        deleted = [form.instance.year for form in self.deleted_forms if form.instance.pk]
        if message := refusal(*deleted):
            raise ValidationError(message, code="closed_year")


# Deleting through the admin (an amount, or the agreement or project it belongs to, alone or
# in a bulk action) lists the amounts of closed years as protected, which blocks the deletion.
AMOUNTS_OF = {
    "yearlyamount": "pk__in",
    "agreement": "agreement_id__in",
    "project": "agreement__project_id__in",
}


def closed_amounts(objs):
    """The protected-objects lines for the amounts of closed years among `objs`' amounts."""
    objs = list(objs)
    if not objs:
        return []
    closed = {c.year: c for c in ClosedYear.objects.all()}
    if not closed:
        return []
    lookup = AMOUNTS_OF[objs[0]._meta.model_name]
    amounts = YearlyAmount.objects.filter(**{lookup: [o.pk for o in objs], "year__in": closed})
    return [
        f"{amount.agreement}, {amount}: {closed[amount.year].message}"
        for amount in amounts.select_related("agreement__project", "agreement__unit")
    ]


class ClosedYearDeletion:
    """A ModelAdmin mixin: deletions that would take amounts of closed years are refused."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *closed_amounts(objs)]
