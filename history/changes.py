"""The site-wide list of recent changes: every audited model's history, newest first, read in
a bounded number of queries: one count, one page of keys, then one per model on the page (at
most one per audited model), whatever the number of changes."""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
LABEL_FIELDS = ("name", "title", "number", "year")


def audited_models():
    """The models with a history (django-simple-history), in the app registry's order."""
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def history_permissions():
    """The permissions needed to read every audited model's history."""
    return [
        f"{hm._meta.app_label}.view_{hm._meta.model_name}"
        for hm in map(history_model, audited_models())
    ]


@dataclass
class FieldChange:
    name: str
    old: object
    new: object


@dataclass
class Change:
    model: type
    record: object
    fields: list = field(default_factory=list)

    @property
    def change_type(self):
        return CHANGE_TYPES.get(self.record.history_type, self.record.history_type)

    @property
    def model_name(self):
        return self.model._meta.verbose_name

    @property
    def object_label(self):
        for name in LABEL_FIELDS:
            value = getattr(self.record, name, None)
            if value not in (None, ""):
                return str(value)
        return f"#{self.object_id}"

    @property
    def object_id(self):
        return getattr(self.record, self.model._meta.pk.attname)

    @property
    def admin_url(self):
        """The object's history page in the admin (it exists for deleted objects too)."""
        opts = self.model._meta
        try:
            return reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[self.object_id]
            )
        except NoReverseMatch:
            return None


def _keys(models):
    """One query's worth of (model index, history_id, history_date) over every history table."""
    parts = [
        history_model(model)
        .objects.order_by()
        .annotate(model_index=Value(index, output_field=IntegerField()))
        .values_list("model_index", "history_id", "history_date")
        for index, model in enumerate(models)
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")


def _records(model, history_ids):
    """The historical records `history_ids` of `model`, each with the record before it, in one
    query."""
    hm = history_model(model)
    pk = model._meta.pk.attname
    earlier = hm.objects.filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
        **{pk: OuterRef(pk)},
    ).order_by("-history_date", "-history_id")
    with_previous = hm.objects.annotate(previous_id=Subquery(earlier.values("history_id")[:1]))
    previous_ids = with_previous.filter(history_id__in=history_ids).values("previous_id")
    fetched = {
        r.history_id: r
        for r in with_previous.filter(
            Q(history_id__in=history_ids) | Q(history_id__in=previous_ids)
        ).select_related("history_user")
    }
    return {
        history_id: (fetched[history_id], fetched.get(fetched[history_id].previous_id))
        for history_id in history_ids
    }


def _field_changes(model, record, previous):
    if record.history_type != "~" or previous is None:
        return []
    delta = record.diff_against(previous)
    return [
        FieldChange(model._meta.get_field(c.field).verbose_name, c.old, c.new)
        for c in delta.changes
    ]


def recent_changes(page_number, per_page=50):
    """A page of `Change`s across every audited model, newest first."""
    models = audited_models()
    page = Paginator(_keys(models), per_page).get_page(page_number)
    by_model = {}
    for index, history_id, _date in page.object_list:
        by_model.setdefault(index, []).append(history_id)
    found = {}
    for index, history_ids in by_model.items():
        for history_id, pair in _records(models[index], history_ids).items():
            found[index, history_id] = pair
    changes = []
    for index, history_id, _date in page.object_list:
        model = models[index]
        record, previous = found[index, history_id]
        changes.append(Change(model, record, _field_changes(model, record, previous)))
    page.changes = changes
    return page
