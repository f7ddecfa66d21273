"""Formsets over a project's children, shared by the admin's project page and the one-page
project entry (funding/entry.py): each checks what no single row can."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _


def kept_forms(formset):
    """The formset's filled-in rows that are not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() and not (formset.can_delete and formset._should_delete_form(form))
    ]


class MeasureShareFormSet(BaseInlineFormSet):
    """A project's measure shares: they add up to exactly 100 %."""

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
                _("The measure shares add up to %(total)s %%; they must add up to exactly 100 %%.")
                % {"total": f"{sum(shares).normalize():f}"}
            )


class AgreementFormSet(BaseInlineFormSet):
    """A project's agreements: one unit funds a project once unless the agreements are told
    apart by their numbers (the database's conditional unique constraint, shown on the field
    instead of failing on save)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in kept_forms(self):
            unit, number = form.cleaned_data.get("unit"), form.cleaned_data.get("number")
            if unit is None or number:
                continue
            if unit.pk in seen:
                form.add_error(
                    "unit",
                    _(
                        "%(unit)s already funds this project under an agreement without a "
                        "number; give each agreement its number."
                    )
                    % {"unit": unit},
                )
            seen.add(unit.pk)
