"""The ratification chart import in the admin: upload → preview → confirm, as editors know it
from django-import-export, all or nothing."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from international.models import Instrument, InstrumentStatus

DATA = Path(__file__).resolve().parent.parent / "data"
IMPORT_URL = reverse("admin:international_instrumentstatus_import")
CONFIRM_URL = reverse("admin:international_instrumentstatus_process_import")


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("staff", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor_client(client, django_user_model):
    user = staff(
        django_user_model,
        "add_instrumentstatus",
        "change_instrumentstatus",
        "view_instrumentstatus",
    )
    client.force_login(user)
    return client


def upload(name, instrument="CETS No. 197"):
    return {
        "import_file": SimpleUploadedFile(name, (DATA / name).read_bytes()),
        "format": "0",  # CSV
        "resource": "0",
        "instrument": Instrument.objects.get(short_name=instrument).pk,
        "source": "Test chart",
        "as_of": "2010-03-01",
    }


def snapshot():
    return list(InstrumentStatus.objects.order_by("pk").values())


def confirm_data(page):
    form = page.context["confirm_form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def test_an_editor_previews_then_confirms_a_chart(editor_client):
    before = snapshot()
    page = editor_client.post(IMPORT_URL, upload("chart-good.csv"))
    assert page.status_code == 200
    assert page.context["confirm_form"] is not None
    content = page.content.decode()
    assert "Albania" in content and "North Macedonia" in content
    assert snapshot() == before  # the preview writes nothing
    done = editor_client.post(CONFIRM_URL, confirm_data(page))
    assert done.status_code == 302
    albania = InstrumentStatus.objects.get(country__name="Albania")
    assert (albania.source, str(albania.as_of)) == ("Test chart", "2010-03-01")
    assert albania.history.first().history_user.username == "staff"


def test_the_preview_shows_the_refusals_and_offers_no_confirm(editor_client):
    before = snapshot()
    page = editor_client.post(IMPORT_URL, upload("chart-bad-dates.csv"))
    content = page.content.decode()
    assert "confirm_form" not in page.context
    assert "The ratification (2 January 2006) cannot come before the signature" in content
    assert "&#x27;31/02/2006&#x27; is not a date" in content
    assert snapshot() == before


def test_a_file_without_the_charts_columns_is_refused_in_the_preview(editor_client):
    page = editor_client.post(IMPORT_URL, upload("chart-bad-columns.csv"))
    assert "The file has no column Signature, Ratification" in page.content.decode()
    assert "confirm_form" not in page.context


def test_a_chart_that_no_longer_passes_at_confirm_writes_nothing(editor_client):
    page = editor_client.post(IMPORT_URL, upload("chart-good.csv"))
    before = snapshot()
    # Between preview and confirm, someone corrects CETS 197's entry into force.
    Instrument.objects.filter(short_name="CETS No. 197").update(entered_into_force="2008-03-01")
    done = editor_client.post(CONFIRM_URL, confirm_data(page), follow=True)
    assert snapshot() == before
    messages = [str(m) for m in done.context["messages"]]
    assert any(m.startswith("Nothing was imported") for m in messages), messages


def test_a_user_who_may_only_view_cannot_import(client, django_user_model):
    client.force_login(staff(django_user_model, "view_instrumentstatus"))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload("chart-good.csv")).status_code == 403
