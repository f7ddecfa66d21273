"""Dates that must come in order (adopted before in force, signed before ratified): one list of
pairs per model gives both its database constraints and its `clean()` messages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q


def written(day):
    """A date as people read it in the messages: 16 May 2005."""
    return f"{day.day} {day:%B %Y}"


def order_constraints(prefix, pairs):
    """A CheckConstraint per (earlier, later) pair: the later date, when both are known, is not
    before the earlier one."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{earlier}__isnull": True})
            | Q(**{f"{later}__isnull": True})
            | Q(**{f"{later}__gte": F(earlier)}),
            name=f"{prefix}_{later}_not_before_{earlier}",
        )
        for earlier, later in pairs
    ]


def check_order(instance, pairs):
    """Raise a ValidationError naming both dates for every pair in the wrong order."""
    errors = {}
    for earlier, later in pairs:
        first, then = getattr(instance, earlier), getattr(instance, later)
        if first and then and then < first and later not in errors:
            errors[later] = (
                f"The {label(instance, later)} ({written(then)}) cannot come before the "
                f"{label(instance, earlier)} ({written(first)})."
            )
    if errors:
        raise ValidationError(errors)


def label(instance, field_name):
    return instance._meta.get_field(field_name).verbose_name
