"""A file is opened once: one binary read hashes it and tells its encoding, then its text is
read once for the rows. What it finds is reported the same whatever the chunk size."""

import builtins
import hashlib

import pytest

from imports import files
from imports.files import open_list
from imports.services import import_file

from .importing import DATA, write

HEAD = "Project,Partner,Country,Unit,2007\n"


def test_an_import_opens_the_file_once(db, monkeypatch):
    path = DATA / "project-list-long.csv"  # Windows-1252: the encoding check reads it all
    opened, real_open = [], builtins.open

    def counting_open(file, *args, **kwargs):
        if str(file) == str(path):
            opened.append(args)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    result = import_file(path)
    assert result.ok, result.errors
    assert opened == [("rb",)]
    assert result.run.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_refused_file_has_its_sha256_recorded_too(db, tmp_path):
    content = b"PK\x03\x04\x00\x00binary"
    result = import_file(write(tmp_path, content))
    assert not result.ok and "not a text file" in result.errors[0]["message"]
    assert result.run.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("content", "codec", "problem"),
    [
        (HEAD.encode(), "utf-8", None),
        (HEAD.encode("utf-8-sig"), "utf-8-sig", None),
        (HEAD.encode("utf-16"), "utf-16", None),
        ((HEAD + "Tåke,IOM,BA,Unit,5\n").encode("cp1252"), "cp1252", None),
        (b"\xef\xbb\xbf" + HEAD.encode() + b"T\xe5ke", None, "is not valid UTF-8;"),
        # "Á" is valid UTF-8 (C3 81), but 0x81 is no Windows-1252 character; the later "å"
        # (E5) is no UTF-8: the file is checked as Windows-1252 from its first byte.
        (HEAD.encode() + "Á".encode() + b",\xe5", None, "(byte 35 cannot be read)"),
        (HEAD.encode() + b"\x00", None, "it contains NUL bytes"),
    ],
)
@pytest.mark.parametrize("chunk", [files.CHUNK, 5])
def test_the_encoding_is_told_from_one_read_in_any_chunks(
    tmp_path, monkeypatch, content, codec, problem, chunk
):
    monkeypatch.setattr(files, "CHUNK", chunk)
    with open_list(write(tmp_path, content)) as source:
        assert source.sha256 == hashlib.sha256(content).hexdigest()
        if problem:
            assert problem in str(source.problem)
            return
        assert source.problem is None
        assert (source.codec, source.delimiter) == (codec, ",")
        assert source.header == ["Project", "Partner", "Country", "Unit", "2007"]
        assert [cells[0] for _, cells in source.rows] == (["Tåke"] if codec == "cp1252" else [])


def test_the_delimiter_header_and_rows_come_from_the_opened_file(tmp_path):
    text = 'Project;Partner;Country;Unit;2007\n"Two\nlines";IOM;BA;Unit;5\n\nA;IOM;BA;Unit;6\n'
    with open_list(write(tmp_path, text)) as source:
        assert source.delimiter == ";"
        assert list(source.rows) == [
            (2, ["Two\nlines", "IOM", "BA", "Unit", "5"]),
            (4, []),
            (5, ["A", "IOM", "BA", "Unit", "6"]),
        ]
