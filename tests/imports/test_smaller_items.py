"""Issue 30, row 15's smaller items on the importers' side: the cell-length message names the
limit that holds, reference imports refuse UTF-16 and Windows-1252 with a sentence, and
unconfirmed previews are removed from the upload folder once expired. (UTF-32 is in
test_encodings.py; the IATI page's parameters are the IATI helper's.)"""

import os
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.files import MAX_CELL
from imports.services import import_file
from imports.upload import TOKEN_MAX_AGE
from web.formats import count

from .importing import WIDE_HEADER, write

ROW = "Tåke,Norwegian Church Aid,Albania,West Balkans Section,1,100,200\n"


@pytest.mark.parametrize("length", [MAX_CELL + 1, 140_000])
def test_a_long_cell_is_refused_naming_the_limit_that_holds(db, tmp_path, length):
    result = import_file(write(tmp_path, WIDE_HEADER + ROW.replace("Tåke", "x" * length)))
    message = result.errors[0]["message"]
    assert f"longer than {count(MAX_CELL)} characters" in message
    assert "131" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Name,Kind,Aliases\nUnit A,section,\n".encode("utf-16"), "The file is UTF-16 text"),
        ("Name,Kind,Aliases\nUnit A,section,\n".encode("utf-32"), "The file is UTF-32 text"),
        ("Name,Kind,Aliases\nUnit Å,section,\n".encode("cp1252"), "Line 2 is not UTF-8 text"),
    ],
)
def test_a_reference_import_refuses_other_encodings_with_a_sentence(
    superuser_client, content, expected
):
    page = superuser_client.post(
        reverse("admin:projects_administeringunit_import"),
        {"import_file": SimpleUploadedFile("units.csv", content), "format": "0", "resource": "0"},
    )
    assert page.status_code == 200
    assert expected in page.context["form"].errors["import_file"][0]


def test_an_expired_unconfirmed_preview_is_removed_on_the_next_upload(
    client, django_user_model, settings, tmp_path
):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path)
    folder = tmp_path / "tracker-imports"
    folder.mkdir()
    old, recent = folder / f"{'a' * 64}.csv", folder / f"{'b' * 64}.csv"
    for path in (old, recent):
        path.write_text(WIDE_HEADER + ROW)
    an_hour_ago = time.time() - TOKEN_MAX_AGE - 60
    os.utime(old, (an_hour_ago, an_hour_ago))
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    codenames = ("add_yearlyamount", "view_yearlyamount")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    upload = {
        "file": SimpleUploadedFile("list.csv", (WIDE_HEADER + ROW).encode()),
        "format": "auto",
        "status": "allocated",
    }
    assert client.post(reverse("admin:funding_yearlyamount_import"), upload).status_code == 200
    assert not old.exists() and recent.exists()
    assert len(list(folder.glob("*.csv"))) == 2  # the recent one and this upload's
