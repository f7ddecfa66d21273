"""The cells of a reference-table file (django-import-export widgets and fields): text, whole
numbers, choices, other records by their natural keys, and a record's aliases. Each reads a cell
strictly and names the value it refuses; history.resources uses them."""

from django.conf import settings
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from import_export import fields, widgets

from .spreadsheets import escape, unescape


def text(value):
    """A cell as clean text: formula escape undone, spaces collapsed, 12.0 read as 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unescape(str(value)).split())


def folded(value):
    """A natural key as compared: case and dash style ignored (a hyphen = an en dash)."""
    return text(value).lower().replace("–", "-")


class Text(widgets.Widget):
    """Text; a blank cell is "" or, for a nullable field (`null=True`), None."""

    def __init__(self, null=False):
        super().__init__()
        self.null = null

    def clean(self, value, row=None, **kwargs):
        return text(value) or (None if self.null else "")

    def render(self, value, obj=None, **kwargs):
        return escape(value or "")


class Whole(widgets.Widget):
    """A whole number; blank is None."""

    def clean(self, value, row=None, **kwargs):
        cell = text(value)
        if not cell:
            return None
        if not cell.isdigit():
            raise ValueError(_("%(cell)s is not a whole number.") % {"cell": repr(cell)})
        return int(cell)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class Choice(widgets.Widget):
    """One of a model field's choices, by its stored value or its label (any case) in any of
    the site's languages. The labels are read when a file is imported, not when the module is
    imported: read then, they would be in whichever language happened to be active."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices

    @cached_property
    def words(self):
        words = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                words |= {folded(label): value for value, label in self.choices}
        return words | {folded(value): value for value, label in self.choices}

    def clean(self, value, row=None, **kwargs):
        cell = text(value)
        if not cell:
            return ""
        if folded(cell) not in self.words:
            allowed = ", ".join(value for value, label in self.choices)
            raise ValueError(
                _("%(cell)s is not one of: %(allowed)s.") % {"cell": repr(cell), "allowed": allowed}
            )
        return self.words[folded(cell)]

    def render(self, value, obj=None, **kwargs):
        return value or ""


class NaturalKey(widgets.Widget):
    """Another record by its natural key (`key(record)`, compared as `folded`), read once per
    import by `load`; a record created earlier in the same file is found too."""

    def __init__(self, model, key=lambda record: record.name, label=None):
        super().__init__()
        self.model, self.key = model, key
        self.label = label or model._meta.verbose_name
        self.records = {}

    def load(self):
        self.records = {folded(self.key(record)): record for record in self.model.objects.all()}

    def add(self, record):
        self.records[folded(self.key(record))] = record

    def clean(self, value, row=None, **kwargs):
        cell = text(value)
        if not cell:
            return None
        found = self.records.get(folded(cell))
        if found is None:
            raise ValueError(
                _("Unknown %(kind)s %(cell)s.") % {"kind": self.label, "cell": repr(cell)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return escape(str(self.key(value))) if value is not None else ""


class Aliases(fields.Field):
    """A record's aliases in one cell, separated by ";". The file's list replaces the recorded
    one; without the column, the aliases stay as they are."""

    def __init__(self, owner_field):
        super().__init__(attribute="aliases", column_name="Aliases", widget=Text())
        self.owner_field = owner_field

    def clean(self, row, **kwargs):
        names = [text(name) for name in text(row[self.column_name]).split(";")]
        return list(dict.fromkeys(name for name in names if name))

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.imported_aliases = self.clean(row)

    @staticmethod
    def recorded(instance):
        return [alias.name for alias in instance.aliases.all()] if instance.pk else []

    def export(self, instance, **kwargs):
        return escape("; ".join(self.recorded(instance)))
