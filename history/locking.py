"""Optimistic locking: two editors of one record kept from overwriting each other unawares.

A versioned model (`Versioned`, with a `version` field) saves and deletes from a form as
`UPDATE … WHERE version = shown`, adding one, when the form set `seen_version` on the instance;
otherwise it raises `EditConflict`. `SeenVersionForm` carries the version a form showed
(hidden) and refuses a stale save in clean(), naming the values saved meanwhile
(`conflict_message` of the record as it is now)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone else saved (or deleted) the record since the version a form showed: `current`
    is the record as it is now (None when deleted)."""

    def __init__(self, record, current):
        super().__init__(f"{record._meta.label} {record.pk}: version {record.seen_version} is old")
        self.amount = self.record = record
        self.current = current


class Versioned:
    """Mix into a model with a `version` field, before models.Model (see the module)."""

    seen_version = None

    def save(self, *args, **kwargs):
        if self.pk is None or self.seen_version is None:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self.claim()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.seen_version is None:
            return super().delete(*args, **kwargs)
        with transaction.atomic():
            self.claim()
            return super().delete(*args, **kwargs)

    def claim(self):
        """Take the row at the version it was shown with, adding one, or raise EditConflict."""
        seen, self.seen_version = self.seen_version, None
        rows = type(self)._default_manager.filter(pk=self.pk)
        if not rows.filter(version=seen).update(version=seen + 1):
            raise EditConflict(self, rows.first())
        self.version = seen + 1


def deleted_meanwhile():
    return _("Someone else deleted this record while you edited it; nothing was saved.")


class SeenVersionForm(forms.ModelForm):
    """A model form of a Versioned model that carries the version it showed."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.has_changed():
            self.check_version(data.get("seen_version"))
        return data

    def check_version(self, seen):
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if connection.in_atomic_block:  # the admin's views: held until the save commits
            rows = rows.select_for_update()
        current = rows.first()
        if current is None:
            raise ValidationError(deleted_meanwhile(), code="edit_conflict")
        if seen is not None and seen != current.version:
            self.data = self.data.copy()  # shown again with the version now saved
            self.data[self.add_prefix("seen_version")] = current.version
            raise ValidationError(current.conflict_message, code="edit_conflict")
        # A post without the version (never the rendered form) saves over the current one,
        # as the admin's amount form always has.
        self.instance.seen_version = current.version if seen is None else seen
