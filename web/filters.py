"""The filter parts every filtered page shares: the filter form (a period whose first year comes
before its last), whole-year filters and records chosen by name.

`web` knows Django (and measures) only: filters over projects' own records live in
projects/filters.py, filters over yearly amounts in funding/filters.py and breakdowns/filters.py.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from measures.models import YEAR_MAX, YEAR_MIN


class YearFilter(django_filters.NumberFilter):
    """A whole year between YEAR_MIN and YEAR_MAX."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


class ListedChoices(forms.models.ModelChoiceIterator):
    """A model field's choices from one plain query: the reference lists are small, and
    Django's iterator() reads each through a server-side cursor on PostgreSQL (three round
    trips, the rows materialised WITH HOLD outside a transaction: 30 ms for the filter form's
    nine lists at a million facts, a fifth of a breakdown page's own work)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class PeriodForm(forms.Form):
    """The filter sets' form: `year_from` no later than `year_to`. The search box and the period
    come first, the other filters after them as declared."""

    field_order = ("q", "year_from", "year_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = ListedChoices
                field.widget.choices = field.choices

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            raise ValidationError(
                _("The first year (%(first)s) comes after the last year (%(last)s).")
                % {"first": first, "last": last}
            )
        return data


class ByNameFilter(django_filters.ModelMultipleChoiceFilter):
    """Records chosen by name in the query string, filtered by primary key in SQL: a key of the
    rows filtered, so no row can come twice and no DISTINCT is asked for (it would make every
    sum over them a sum over a subquery)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, distinct=False, **kwargs)

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


class AppliedFilters:
    """A FilterSet mixin: the filters in use, for the filter panel and for links."""

    def applied(self):
        """The filters in use, as {name: value or [values]} from the query string."""
        applied = {}
        for name, f in self.filters.items():
            values = [value for value in self.data.getlist(name) if value != ""]
            if values:
                many = isinstance(f, django_filters.MultipleChoiceFilter)
                applied[name] = values if len(values) > 1 or many else values[0]
        return applied

    def query_string(self):
        """The filters in use, URL-encoded, so a link reproduces them."""
        query = QueryDict(mutable=True)
        for name, value in self.applied().items():
            query.setlist(name, value if isinstance(value, list) else [value])
        return query.urlencode()
