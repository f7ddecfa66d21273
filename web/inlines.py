"""Admin inlines whose inputs have a name for assistive technology.

A tabular inline shows each field's label once, as a column heading, so its inputs have no
<label> (WCAG 1.3.1 and 4.1.2; axe: `label`, critical). Each input of a row is given an
aria-label naming the field and the row: "Share, row 2".
"""

from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext


def label_row(form, index):
    """Give every visible input of an inline row an aria-label: the field's label and row."""
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        label = capfirst(field.label or name)
        if index is None:  # the blank row the admin's "Add another" copies
            text = label
        else:
            text = gettext("%(field)s, row %(row)s") % {"field": label, "row": index + 1}
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
