"""The two roles besides superusers, as groups with permissions.

Editors (ministry staff) may add, change, delete and view every record of the apps in
`settings.ROLE_APPS`, histories included, and use the admin (the user's `is_staff`).
Analysts may only view those records (not their histories) and have no admin access.
Unit editors (an embassy's or a section's staff, members of their administering units) may
view what analysts view, use the admin, and add, change and delete the records whose models
name their way to a unit (`UNIT_PATH`), and view their histories; `projects.units` narrows
those rights to the records of their own units. Editors are the coordinating section: they
change everything.

`sync_roles` is called by a migration; call it again from any later migration that adds models
to these apps so that the groups get the new permissions (it only adds, never removes).
"""

from django.apps import apps as global_apps
from django.conf import settings

EDITORS = "Editors"
ANALYSTS = "Analysts"
UNIT_EDITORS = "Unit editors"
ROLES = {"editor": EDITORS, "analyst": ANALYSTS, "unit-editor": UNIT_EDITORS}
ROLE_APPS = tuple(settings.ROLE_APPS)  # each app names itself there, so no app names a higher one
# django-simple-history names each history model "Historical<Model>".
HISTORY_PREFIX = "historical"


def ensure_permissions(apps=global_apps):
    """Create the permissions of every app now, rather than after the last migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's app configs have no models module, which create_permissions requires.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def unit_models():
    """(app label, model name) of the records kept per administering unit: those whose model
    has a `UNIT_PATH` (the real models, even from a migration: it is a class attribute)."""
    return [
        (model._meta.app_label, model._meta.model_name)
        for label in ROLE_APPS
        for model in global_apps.get_app_config(label).get_models()
        if hasattr(model, "UNIT_PATH")
    ]


def sync_roles(apps=global_apps):
    """Create the Editors, Analysts and Unit editors groups if missing; add their permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    ours = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*ours)
    analysts, _ = Group.objects.get_or_create(name=ANALYSTS)
    analysts.permissions.add(
        *ours.filter(codename__startswith="view_").exclude(
            content_type__model__startswith=HISTORY_PREFIX
        )
    )
    unit_editors, _ = Group.objects.get_or_create(name=UNIT_EDITORS)
    unit_editors.permissions.add(*analysts.permissions.all())
    for app_label, model in unit_models():
        for name in (model, HISTORY_PREFIX + model):
            actions = ("view",) if name != model else ("add", "change", "delete")
            unit_editors.permissions.add(
                *ours.filter(
                    content_type__app_label=app_label,
                    content_type__model=name,
                    codename__in=[f"{action}_{name}" for action in actions],
                )
            )
