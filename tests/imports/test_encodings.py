"""What the importer reads after decoding (issue 30, rows 7, 8, 9 and 15's UTF-32): control
characters and NUL refused in every encoding with the line named, a file of two encodings
refused with the line named, the preview naming the encoding read, and a run that meets an
unexpected error marked failed."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import ImportRun
from imports import services
from imports.services import import_file
from projects.models import Project

from .importing import WIDE_HEADER, snapshot, write

ROW = "Tåke,Norwegian Church Aid,Albania,West Balkans Section,1,100,200\n"


def refused(path, *expected):
    before = snapshot()
    result = import_file(path)
    messages = " ".join(e["message"] for e in result.errors)
    assert not result.ok
    for text in expected:
        assert text in messages
    assert snapshot() == before
    run = ImportRun.objects.get(pk=result.run.pk)
    assert run.finished is not None and not run.succeeded
    return messages


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-8", "cp1252"])
@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1f"])
def test_a_control_character_is_refused_in_every_encoding_naming_the_line(
    db, tmp_path, encoding, character
):
    text = WIDE_HEADER + ROW + ROW.replace("Tåke", f"Tå{character}ke")
    path = write(tmp_path, text, encoding=encoding)
    code = f"U+{ord(character):04X}"
    if character == "\x00" and encoding in ("utf-8", "cp1252"):  # no byte-order mark: binary
        refused(path, "it contains NUL bytes, the first on line 3")
    else:
        refused(path, f"Line 3, cell 1 holds the control character {code}")


def test_a_utf8_file_with_one_windows_1252_byte_is_refused_naming_its_line(db, tmp_path):
    text = (WIDE_HEADER + ROW).encode() + ROW.replace("Tåke", "Tøke").encode("cp1252")
    messages = refused(write(tmp_path, text), "Line 3: the file mixes two encodings")
    assert not Project.objects.filter(title__contains="Ã").exists(), messages


def test_a_windows_1252_byte_before_utf8_text_is_refused_too(db, tmp_path):
    text = (WIDE_HEADER + ROW).encode("cp1252") + ROW.replace("Tåke", "Tøke").encode()
    refused(write(tmp_path, text), "Line 2: the file mixes two encodings")


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-8", "UTF-8"), ("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("cp1252", "Windows-1252")],
)
def test_each_encoding_is_read_whole_and_named(db, tmp_path, encoding, name):
    result = import_file(write(tmp_path, WIDE_HEADER + ROW, encoding=encoding))
    assert result.ok, result.errors
    assert result.encoding == name
    assert Project.objects.get().title == "Tåke"


def test_the_preview_names_the_encoding_it_read(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    codenames = ("add_yearlyamount", "view_yearlyamount")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    content = (WIDE_HEADER + ROW).encode("cp1252")
    upload = {
        "file": SimpleUploadedFile("list.csv", content),
        "format": "auto",
        "status": "allocated",
    }
    page = client.post(reverse("admin:funding_yearlyamount_import"), upload)
    assert "The file was read as Windows-1252 text" in page.content.decode()


def test_an_unexpected_error_marks_the_run_failed(db, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(services, "write_import", broken)  # a fault, injected where it hurts
    with pytest.raises(RuntimeError):
        import_file(write(tmp_path, WIDE_HEADER + ROW))
    run = ImportRun.objects.get()
    assert run.finished is not None and not run.succeeded
    assert "unexpected error (RuntimeError)" in run.errors[0]["message"]
    assert not Project.objects.exists()
