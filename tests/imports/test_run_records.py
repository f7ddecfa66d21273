"""Import runs and the history are read-only in the admin for everyone (issue 30, row 10)."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from funding.models import ImportRun


@pytest.fixture
def run(db):
    return ImportRun.objects.create(file_name="list.csv", started=timezone.now(), succeeded=True)


def test_not_even_a_superuser_deletes_an_import_run(superuser_client, run):
    url = reverse("admin:funding_importrun_delete", args=[run.pk])
    assert superuser_client.get(url).status_code == 403
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:funding_importrun_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [run.pk], "post": "yes"}
    superuser_client.post(changelist, bulk)
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_not_even_a_superuser_adds_or_changes_an_import_run(superuser_client, run):
    assert superuser_client.get(reverse("admin:funding_importrun_add")).status_code == 403
    change = reverse("admin:funding_importrun_change", args=[run.pk])
    assert superuser_client.post(change, {"file_name": "other.csv"}).status_code == 403
    assert ImportRun.objects.get(pk=run.pk).file_name == "list.csv"


def test_no_history_table_is_an_admin_page():
    historical = [m.__name__ for m in admin.site._registry if m.__name__.startswith("Historical")]
    assert historical == []
