"""The import page after an error: it speaks of its checkbox, not the command's flag; it keeps the
uploaded file (by its signed token) for a retry with other choices; the import run's title
and fields tell the same time (the site's)."""

import datetime

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import ImportRun, YearlyAmount

from .importing import snapshot

IMPORT_URL = reverse("admin:funding_yearlyamount_import")
UNKNOWN_PARTNER = (
    b"Project,Partner,Country,Unit,2007\nA,A brand new partner,Albania,West Balkans Section,5\n"
)


def login_editor(client, django_user_model):
    user = django_user_model.objects.create_user("staff", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_yearlyamount", "view_yearlyamount"])
    )
    client.force_login(user)
    return client


def first_try(client):
    upload = SimpleUploadedFile("list.csv", UNKNOWN_PARTNER)
    return client.post(IMPORT_URL, {"file": upload, "format": "auto", "status": "allocated"})


def test_an_unknown_partner_points_to_the_pages_checkbox_not_the_flag(client, django_user_model):
    page = first_try(login_editor(client, django_user_model)).content.decode()
    assert "unknown partner" in page and "A brand new partner" in page
    assert "--create-missing" not in page
    assert "tick “Create unknown partners (channels) and administering units”" in page


def test_after_an_error_the_file_is_kept_for_a_retry_with_the_box_ticked(client, django_user_model):
    client = login_editor(client, django_user_model)
    page = first_try(client)
    form = page.context["form"]
    assert form.kept_name == "list.csv" and form.initial["kept"] == page.context["token"]
    assert "The file “list.csv” is kept" in page.content.decode()
    retry = {"kept": form.initial["kept"], "format": "auto", "status": "allocated"}
    preview = client.post(IMPORT_URL, {**retry, "create_missing": "on"})
    assert preview.context["result"].ok and b"Confirm import" in preview.content
    assert snapshot()["projects"] == 0  # still only a preview
    client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert YearlyAmount.objects.get().amount == 5


def test_a_retry_without_a_file_or_with_a_forged_token_asks_for_the_file(client, django_user_model):
    client = login_editor(client, django_user_model)
    none = client.post(IMPORT_URL, {"format": "auto", "status": "allocated"})
    assert none.context["form"].errors["file"] == ["This field is required."]
    forged = client.post(IMPORT_URL, {"kept": "x:y:z", "format": "auto", "status": "allocated"})
    assert forged.context["form"].errors["file"] == [
        "The preview has expired; upload the file again."
    ]
    assert ImportRun.objects.count() == 0


def test_the_import_runs_title_shows_the_sites_time(db, settings):
    settings.TIME_ZONE = "Europe/Oslo"
    started = datetime.datetime(2026, 12, 7, 17, 5, tzinfo=datetime.UTC)
    run = ImportRun.objects.create(file_name="list.csv", started=started, dry_run=True)
    assert str(run) == "list.csv (dry run, 2026-12-07 18:05)"  # Oslo is UTC+1 in December
