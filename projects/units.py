"""Whose records a user may change: the coordinating section everything, a unit editor only
the records of their own administering units.

The coordinating section is the Editors group (and superusers): it kept every right it had.
A unit editor is a member of the Unit editors group and of one or more administering units
(`AdministeringUnit.members`). The records kept per unit name their way to their units in
their model's `UNIT_PATH` ("agreement__unit"): an agreement is its unit's, an amount its agreement's
unit's, a project (and its measure shares) every unit's that has an agreement for it, an effort
its unit's. A record that belongs to no unit (a project without agreements, an effort without
a unit) is the coordinating section's. Everything else a unit editor may only read.

Every write path asks here: the admin (`projects.unit_admin`), the one-page entry
(funding.views) and the importer (imports.services).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AdministeringUnit
from .roles import EDITORS, UNIT_EDITORS

NOT_YOURS = gettext_lazy(
    "“%(record)s” belongs to %(owners)s; you may change only the records of your own "
    "units (%(mine)s)."
)
NO_UNIT = gettext_lazy(
    "“%(record)s” belongs to no administering unit yet; only the coordinating section may "
    "change it. Give it one of your units (%(mine)s)."
)


def group_names(user):
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def is_coordinator(user):
    """The coordinating section (the Editors group) or a superuser: may change everything."""
    return user.is_active and (user.is_superuser or EDITORS in group_names(user))


def unit_ids(user):
    """The ids of the units a user belongs to (cached on the user for the request)."""
    if not hasattr(user, "_unit_ids"):
        user._unit_ids = frozenset(user.units.values_list("pk", flat=True))
    return user._unit_ids


def limited_to(user):
    """None if nothing limits the user's writes (nobody, a command, the coordinating section),
    else the ids of the units whose records they may change (perhaps none)."""
    if user is None or not user.is_authenticated or is_coordinator(user):
        return None
    if UNIT_EDITORS not in group_names(user):
        return frozenset()
    return unit_ids(user)


def writable(user, queryset):
    """The rows of `queryset` the user may change or delete."""
    units = limited_to(user)
    if units is None:
        return queryset
    path = getattr(queryset.model, "UNIT_PATH", None)
    if path is None or not units:
        return queryset.none()
    mine = queryset.model._default_manager.filter(**{f"{path}__in": units}).values("pk")
    return queryset.filter(pk__in=mine)


def owners(record):
    """The ids of the units `record` belongs to, from its current (perhaps unsaved) values;
    None while it cannot tell (a new project, whose agreements are checked one by one)."""
    records = [record]
    *steps, last = record.UNIT_PATH.split("__")
    for step in steps:
        following = []
        for item in records:
            field = item._meta.get_field(step)
            if field.many_to_one:  # set, or an unsaved record set on it (a formset's parent)
                if getattr(item, field.attname) is not None or field.is_cached(item):
                    following.append(getattr(item, step))
            elif item.pk is None:
                return None
            else:
                following.extend(getattr(item, field.get_accessor_name()).all())
        records = following
    return {getattr(item, f"{last}_id") for item in records} - {None}


def label(record):
    """The record's name, or its kind while it is too incomplete to have one."""
    try:
        return str(record)
    except ObjectDoesNotExist:
        return _("this new %(kind)s") % {"kind": record._meta.verbose_name}


def names(ids):
    return ", ".join(AdministeringUnit.objects.filter(pk__in=ids).values_list("name", flat=True))


def refusal(user, record):
    """Why `user` may not change `record` as it now stands, or "" if they may."""
    units = limited_to(user)
    if units is None:
        return ""
    path = getattr(type(record), "UNIT_PATH", None)
    if path is None:
        message = _("Unit editors may only read “%(record)s”: the coordinating section changes it.")
        return message % {"record": label(record)}
    belongs = owners(record)
    if belongs is None or belongs & units:
        return ""
    mine = names(units) or _("none: ask the coordinating section to add you to your unit")
    if not belongs:
        return NO_UNIT % {"record": label(record), "mine": mine}
    return NOT_YOURS % {"record": label(record), "owners": names(belongs), "mine": mine}


def change_refusal(user, record):
    """Why `user` may not save `record`: as it is stored (whose it was) or as it would be."""
    if record.pk is not None:
        stored = type(record)._default_manager.filter(pk=record.pk).first()
        if stored is not None and (why := refusal(user, stored)):
            return why
    return refusal(user, record)


def may_change(user, record):
    return not refusal(user, record)


def unit_choices(user, queryset):
    """The administering units a user may give a record: all, or their own."""
    units = limited_to(user)
    return queryset if units is None else queryset.filter(pk__in=units)
