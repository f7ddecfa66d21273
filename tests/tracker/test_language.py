"""Norwegian (the site's default) and English: headings, numbers and dates in each, <html lang>,
the language switch, and the importer's messages in the user's language."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

NNBSP = "\u202f"


@pytest.fixture
def project(make_agreement):
    agreement = make_agreement({2007: "1234567.50"}, title="Shelter", number="AL-1")
    return agreement.project


def test_a_page_in_norwegian_has_norwegian_headings_numbers_and_dates(
    superuser_client, project, settings
):
    settings.LANGUAGE_CODE = "nb"  # the default when the browser asks for neither language
    page = superuser_client.get(f"/projects/{project.pk}/").content.decode()
    assert '<html lang="nb">' in page
    assert "<h2>Avtaler</h2>" in page and ">Prosjektet</caption>" in page
    assert f"1{NNBSP}234{NNBSP}567,50" in page  # thousands apart, decimal comma
    assert "<td>Tildelt</td>" in page and "Hovedmål" in page
    changes = superuser_client.get("/changes/").content.decode()
    assert "<h1>Siste endringer</h1>" in changes
    assert re.search(r">\d\d\.\d\d\.\d{4} \d\d:\d\d</time>", changes)  # d.m.Y


def test_the_same_page_in_english(superuser_client, project, settings):
    settings.LANGUAGE_CODE = "nb"
    page = superuser_client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "<h2>Agreements</h2>" in html and ">The project</caption>" in html
    assert f"1{NNBSP}234{NNBSP}567.50" in html
    assert "<td>Allocated</td>" in html and "Main objective" in html
    changes = superuser_client.get("/changes/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r">\d{4}-\d\d-\d\d \d\d:\d\d</time>", changes)


def test_breakdown_labels_and_shares_follow_the_language(superuser_client, project):
    norwegian = superuser_client.get("/breakdowns/region/", HTTP_ACCEPT_LANGUAGE="nb")
    html = norwegian.content.decode()
    assert "<h1>Tilskudd etter region</h1>" in html and "100,0\u00a0%" in html
    english = superuser_client.get("/breakdowns/region/", HTTP_ACCEPT_LANGUAGE="en")
    assert "<h1>Funding by region</h1>" in english.content.decode()


def test_downloads_keep_plain_numbers_in_norwegian(superuser_client, project):
    csv = superuser_client.get("/breakdowns/region/?format=csv", HTTP_ACCEPT_LANGUAGE="nb")
    text = csv.content.decode()
    assert "1234567.50" in text and "1234567,50" not in text
    assert text.splitlines()[5].startswith("key,label,amount,share")  # machine-readable keys
    assert "Sum" in text  # the total row's label is in the user's language


def test_the_switch_changes_the_language_without_javascript(superuser_client, settings):
    settings.LANGUAGE_CODE = "en"
    page = superuser_client.get("/projects/").content.decode()
    assert f'action="{reverse("set_language")}"' in page and 'name="language"' in page
    assert "<script" not in page and "style=" not in page
    switched = superuser_client.post(
        reverse("set_language"), {"language": "nb", "next": "/projects/"}
    )
    assert switched.status_code == 302 and switched["Location"] == "/projects/"
    page = superuser_client.get("/projects/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nb">' in page and "<h1>Prosjekter</h1>" in page  # the choice wins
    assert '<option value="nb" lang="nb" selected>Norsk bokmål</option>' in page


def test_the_login_page_offers_the_switch_too(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<html lang="nb">' in page and "<h1>Logg inn</h1>" in page
    assert 'name="language"' in page


def test_import_errors_come_in_the_users_language(client, django_user_model):
    user = django_user_model.objects.create_user("staff", is_staff=True)
    codenames = ["add_yearlyamount", "view_yearlyamount"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    bad = b"Project,Partner,Country,Unit,2007\nA,IOM,Bosnia-Herzegowina,West Balkans Section,-5\n"
    upload = {"file": SimpleUploadedFile("list.csv", bad), "format": "auto", "status": "allocated"}
    page = client.post(
        reverse("admin:funding_yearlyamount_import"), upload, HTTP_ACCEPT_LANGUAGE="nb"
    )
    html = page.content.decode()
    assert "Ingenting ble importert: 2 feil" in html
    assert (
        "linje 2, kolonne «Country», verdi «Bosnia-Herzegowina»: ukjent mottakerland eller "
        "-region; mente du «Bosnia and Herzegovina»?"
        in html.replace("&quot;", '"')
        or "linje 2, kolonne «Country», verdi «Bosnia-Herzegowina»: ukjent mottakerland" in html
    )
    assert "linje 2, kolonne «2007», verdi «-5»: et beløp kan ikke være negativt" in html
