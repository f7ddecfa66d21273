"""The filter parts every filtered page shares: the filter form (quick <select>s, a period whose
first year comes before its last), whole-year filters and records chosen by name.

`web` knows Django (and measures) only: filters over projects' own records live in
projects/filters.py, filters over yearly amounts in funding/breakdowns/filters.py.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from measures.models import YEAR_MAX, YEAR_MIN

from .caching import computing_at


class YearFilter(django_filters.NumberFilter):
    """A whole year between YEAR_MIN and YEAR_MAX."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def option_parts(value, label):
    """An <option>'s markup before and after its " selected" mark, each text escaped."""
    return f'<option value="{conditional_escape(value)}"', f">{conditional_escape(label)}</option>"


class QuickSelectMixin:
    """Renders the options in Python: Django's template per option takes ~60 ms for the ~800
    options of the filter form, which a breakdown page would spend on every request; and
    escapes each label and value rather than calling format_html per option, a third of the
    rest (the remembered lists below come escaped already)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        options = self.choices.options(selected)  # RememberedChoices (PeriodForm)
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(attrs), mark_safe(options)
        )


def marked(parts, selected):
    """The <option>s of `parts` (value, and option_parts()), those in `selected` marked."""
    return "".join(
        f"{head}{' selected' if value in selected else ''}{tail}" for value, head, tail in parts
    )


class ListedChoices(forms.models.ModelChoiceIterator):
    """A model field's choices from one plain query: the reference lists are small, and
    Django's iterator() would read each through a server-side cursor (three round trips and,
    outside a transaction, the rows materialised WITH HOLD: 12 ms for the filter form's nine
    lists at the benchmark)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


# The filter forms' lists at one data version: (namespace, version) → {field: Listed}.
_lists = {}


class Listed:
    """A field's choices as (value, label) strings, as (value, and option_parts()), and their
    markup with none selected, joined when first asked for (most lists select nothing)."""

    def __init__(self, labels):
        self.labels = labels
        self.parts = [(value, *option_parts(value, label)) for value, label in labels]
        self.unselected = None


class RememberedChoices(BaseChoiceIterator):
    """A choice field's choices as (value, label) strings, read when the form is rendered. While
    a page is computed at a known data version (web.caching), they are kept in this process's
    memory for that version, in each language: every breakdown shows the same lists (about 570
    records, 25 ms a page to read and label), and any change to the records starts a new
    version."""

    def __init__(self, form, name, field):
        self.field = field
        queryset = getattr(field, "queryset", None)  # a model's records, or choices in the code
        model = queryset.model._meta.label if queryset is not None else None
        self.key = (type(form).__name__, name, model, getattr(field, "to_field_name", None))
        self.own = {}

    def __iter__(self):
        return iter(self.listed().labels)

    def options(self, selected):
        """The <option>s' markup, the values in `selected` (strings) marked."""
        listed = self.listed()
        if selected:
            return marked(listed.parts, selected)
        if listed.unselected is None:
            listed.unselected = marked(listed.parts, ())
        return listed.unselected

    def listed(self):
        at = computing_at.get()
        lists = _lists.get(at) if at is not None else self.own  # read once per form
        if lists is None:
            _lists.clear()
            lists = _lists[at] = {}
        key = (*self.key, get_language())
        if key not in lists:
            lists[key] = Listed([(str(value), str(label)) for value, label in self.field.choices])
        return lists[key]


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickInputMixin:
    """Renders a one-line <input> in Python, as Django's template writes it (attributes in their
    order, the value as text): the template engine took about 0.3 ms for each of the form's
    year boxes."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
        written = "".join(
            f" {conditional_escape(key)}"
            + ("" if item is True else f'="{conditional_escape(str(item))}"')
            for key, item in widget["attrs"].items()
            if item is not False
        )
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(name)}"{shown}{written}>'
        )


class QuickNumberInput(QuickInputMixin, forms.NumberInput):
    pass


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


QUICK_INPUTS = {forms.NumberInput: QuickNumberInput, forms.TextInput: QuickTextInput}


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class PeriodForm(forms.Form):
    """The filter sets' form: quick <select>s, and `year_from` no later than `year_to`. The search
    box and the period come first, the other filters after them as declared."""

    field_order = ("q", "year_from", "year_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = ListedChoices
            if isinstance(field, forms.ChoiceField):  # model choices too
                choices = field.widget.choices = RememberedChoices(self, name, field)
                if isinstance(field.widget, forms.SelectMultiple):
                    field.widget = QuickSelectMultiple(choices=choices)
                elif isinstance(field.widget, forms.Select):
                    field.widget = QuickSelect(choices=choices)
            elif type(field.widget) in QUICK_INPUTS:
                field.widget = QUICK_INPUTS[type(field.widget)](attrs=field.widget.attrs)

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            # An unused model filter's value is an empty queryset, and django-filter's `if not
            # value` would compile its SQL to find it empty (2 ms a page for nine of them).
            if isinstance(value, QuerySet) and value.query.is_empty():
                data[name] = []
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            raise ValidationError(
                _("The first year (%(first)s) comes after the last year (%(last)s).")
                % {"first": first, "last": last}
            )
        return data


class ByNameFilter(django_filters.ModelMultipleChoiceFilter):
    """Records chosen by name in the query string, filtered by primary key in SQL."""

    def get_filter_predicate(self, v):
        name = self.field_name
        if self.lookup_expr != "exact":
            name = f"{name}__{self.lookup_expr}"
        return {name: v}


def model_filter(field_name, queryset, label, to_field_name="name"):
    return ByNameFilter(
        field_name=field_name,
        lookup_expr="exact",
        queryset=queryset,
        to_field_name=to_field_name,
        label=label,
    )
