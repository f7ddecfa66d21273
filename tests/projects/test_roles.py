import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from projects.roles import ANALYSTS, EDITORS, ROLE_APPS, UNIT_EDITORS, sync_roles


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def our_models():
    return [m for label in ROLE_APPS for m in apps.get_app_config(label).get_models()]


@pytest.mark.django_db
def test_editors_may_add_change_delete_and_view_every_record_and_its_history():
    granted = codenames(EDITORS)
    for model in our_models():
        for action in ("add", "change", "delete", "view"):
            assert f"{model._meta.app_label}.{action}_{model._meta.model_name}" in granted
    assert "projects.view_historicalproject" in granted
    assert "funding.change_historicalyearlyamount" in granted


@pytest.mark.django_db
def test_analysts_may_only_view_records_and_not_their_history():
    granted = codenames(ANALYSTS)
    expected = {
        f"{m._meta.app_label}.view_{m._meta.model_name}"
        for m in our_models()
        if not m._meta.model_name.startswith("historical")
    }
    assert granted == expected
    assert "projects.view_project" in granted


@pytest.mark.django_db
def test_no_role_gets_rights_outside_the_tracker_apps():
    for group in (EDITORS, ANALYSTS, UNIT_EDITORS):
        assert {name.split(".")[0] for name in codenames(group)} <= set(ROLE_APPS)


@pytest.mark.django_db
def test_syncing_the_roles_again_changes_nothing():
    before = (codenames(EDITORS), codenames(ANALYSTS))
    sync_roles()
    assert (codenames(EDITORS), codenames(ANALYSTS)) == before
    assert Group.objects.filter(name__in=[EDITORS, ANALYSTS, UNIT_EDITORS]).count() == 3


@pytest.mark.django_db
def test_unit_editors_read_what_analysts_read_and_write_only_the_records_kept_per_unit():
    granted = codenames(UNIT_EDITORS)
    assert codenames(ANALYSTS) <= granted
    writes = {name for name in granted if not name.split(".")[1].startswith("view_")}
    assert writes == {
        f"{app}.{action}_{model}"
        for app, model in (
            ("projects", "project"),
            ("projects", "projectmeasure"),
            ("projects", "agreement"),
            ("funding", "yearlyamount"),
            ("followup", "effort"),
        )
        for action in ("add", "change", "delete")
    }
    assert "followup.view_historicaleffort" in granted
    assert "measures.change_measure" not in granted
