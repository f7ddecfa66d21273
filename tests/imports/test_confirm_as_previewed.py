"""A confirmation does what its preview showed or nothing (issue 30, row 12): two editors
preview overlapping files and confirm one after the other; the second is refused ("changed
since the preview") instead of silently overwriting the first's amounts."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import ImportRun, YearlyAmount

from .importing import WIDE_HEADER

IMPORT_URL = reverse("admin:funding_yearlyamount_import")
LINE = "Project {n},Norwegian Church Aid,Albania,West Balkans Section,1,{amount},{amount}\n"


@pytest.fixture
def editor_client(client, django_user_model, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path)
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    codenames = ("add_yearlyamount", "view_yearlyamount")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def preview(client, amount, name):
    text = WIDE_HEADER + "".join(LINE.format(n=n, amount=amount) for n in range(3))
    upload = {
        "file": SimpleUploadedFile(name, text.encode()),
        "format": "auto",
        "status": "allocated",
    }
    page = client.post(IMPORT_URL, upload)
    assert page.context["result"].run.amounts_created == 6
    return page.context["token"]


def test_the_second_of_two_overlapping_confirmations_is_refused(editor_client):
    first, second = preview(editor_client, 100, "a.csv"), preview(editor_client, 200, "b.csv")
    assert editor_client.post(IMPORT_URL, {"token": first}).status_code == 302
    page = editor_client.post(IMPORT_URL, {"token": second})
    assert "The records changed since the preview" in page.content.decode()
    assert "Preview again." in page.content.decode()
    assert set(YearlyAmount.objects.values_list("amount", flat=True)) == {Decimal(100)}
    assert not ImportRun.objects.get(file_name="b.csv", dry_run=False).succeeded


def test_a_confirmation_of_what_was_previewed_goes_through(editor_client):
    token = preview(editor_client, 100, "a.csv")
    assert editor_client.post(IMPORT_URL, {"token": token}).status_code == 302
    assert YearlyAmount.objects.count() == 6
