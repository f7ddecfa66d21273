"""The limits of every upload but the project list's (which has its own,
funding/importing/limits.py): the reference tables' imports and the ratification chart's, in
the admin and with `import_ratifications`. `check_upload` refuses a file beyond them before
anything parses it, naming the limit and the file's value:

- REFERENCE_IMPORT_MAX_MB: the file's size;
- an XLSX file is a zip archive: before openpyxl opens it, the sizes the archive's directory
  declares, each part's at most REFERENCE_IMPORT_MAX_RATIO times its packed size and all of
  them together at most REFERENCE_IMPORT_MAX_UNZIPPED_MB (a 311 KB zip bomb unpacked to 300 MB
  and previewed as valid). Python's zipfile never inflates a part beyond its declared size (it
  fails the part's checksum instead), so the declared sizes bound what openpyxl reads;
- REFERENCE_IMPORT_MAX_ROWS data rows and REFERENCE_IMPORT_MAX_COLUMNS columns, counted in one
  streaming pass that stops at the first row beyond either, before django-import-export reads
  the file into a table of every cell (a 50 MB CSV grew a worker to 900 MB).
"""

import codecs
import csv
import io
import math
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024


class UploadRefused(ValueError):
    """A file beyond one of the limits; the message names the limit and the file's value."""


def megabytes(size):
    """A size in MB, rounded up to hundredths (so that a size over a limit never reads as it)."""
    return f"{math.ceil(size * 100 / MB) / 100:.2f}"


def check_upload(file, xlsx, encoding="utf-8-sig"):
    """Raise UploadRefused if `file` (binary, seekable; XLSX if `xlsx`, else CSV in
    `encoding`) is beyond a limit. The file is left at its start."""
    try:
        check_size(file)
        if xlsx:
            check_archive(file)
        else:
            check_encoding(file, encoding)
        check_shape(workbook_rows(file) if xlsx else csv_rows(file, encoding))
    finally:
        file.seek(0)


def check_size(file):
    size = file.seek(0, io.SEEK_END)
    limit = settings.REFERENCE_IMPORT_MAX_MB
    if size > limit * MB:
        raise UploadRefused(
            _(
                "The file is %(size)s MB; the limit is %(limit)s MB (REFERENCE_IMPORT_MAX_MB), "
                "so it was not read."
            )
            % {"size": megabytes(size), "limit": limit}
        )


OTHER_UNICODE = [  # UTF-32's marks first: UTF-16's little-endian one begins UTF-32's
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


def check_encoding(file, encoding):
    """Refuse a CSV file that is not text in `encoding` (UTF-8), naming its line, rather than
    let the import answer with Python's UnicodeDecodeError."""
    file.seek(0)
    head = file.read(4)
    for bom, name in OTHER_UNICODE:
        if head.startswith(bom):
            raise UploadRefused(
                _("The file is %(encoding)s text; save it as CSV UTF-8 and upload it again.")
                % {"encoding": name}
            )
    file.seek(0)
    decoder, lines = codecs.getincrementaldecoder(encoding)(), 0
    while chunk := file.read(MB):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            line = lines + chunk[: max(error.start, 0)].count(b"\n") + 1
            raise UploadRefused(
                _(
                    "Line %(line)s is not UTF-8 text (Windows-1252, perhaps); save the file as "
                    "CSV UTF-8 and upload it again."
                )
                % {"line": line}
            ) from None
        lines += chunk.count(b"\n")


def check_archive(file):
    file.seek(0)
    try:
        parts = zipfile.ZipFile(file).infolist()
    except zipfile.BadZipFile:
        raise UploadRefused(
            _("The file is not an XLSX file (an XLSX file is a zip archive).")
        ) from None
    ratio_limit = settings.REFERENCE_IMPORT_MAX_RATIO
    for part in parts:
        if part.file_size > ratio_limit * max(part.compress_size, 1):
            raise UploadRefused(
                _(
                    "The XLSX file's part %(part)s unpacks to %(ratio)s times its packed size; "
                    "the limit is %(limit)s (REFERENCE_IMPORT_MAX_RATIO), so it was not read."
                )
                % {
                    "part": part.filename,
                    "ratio": part.file_size // max(part.compress_size, 1),
                    "limit": ratio_limit,
                }
            )
    unpacked = sum(part.file_size for part in parts)
    limit = settings.REFERENCE_IMPORT_MAX_UNZIPPED_MB
    if unpacked > limit * MB:
        raise UploadRefused(
            _(
                "The XLSX file unpacks to %(size)s MB; the limit is %(limit)s MB "
                "(REFERENCE_IMPORT_MAX_UNZIPPED_MB), so it was not read."
            )
            % {"size": megabytes(unpacked), "limit": limit}
        )


def check_shape(rows):
    """Stop at the first row beyond REFERENCE_IMPORT_MAX_COLUMNS or REFERENCE_IMPORT_MAX_ROWS
    (the first row is the header)."""
    max_rows = settings.REFERENCE_IMPORT_MAX_ROWS
    max_columns = settings.REFERENCE_IMPORT_MAX_COLUMNS
    for number, row in enumerate(rows):
        if len(row) > max_columns:
            raise UploadRefused(
                _(
                    "The file has a row of %(columns)s columns; the limit is %(limit)s "
                    "(REFERENCE_IMPORT_MAX_COLUMNS), so it was not read."
                )
                % {"columns": len(row), "limit": max_columns}
            )
        if number > max_rows:
            raise UploadRefused(
                _(
                    "The file has more than %(limit)s data rows; the limit is %(limit)s "
                    "(REFERENCE_IMPORT_MAX_ROWS), so it was not read. Split the file."
                )
                % {"limit": max_rows}
            )


def csv_rows(file, encoding):
    """The CSV file's records, one at a time; none past one the csv module cannot read (the
    import's own reader then says why)."""
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")
    try:
        yield from csv.reader(text)
    except csv.Error:
        return
    finally:
        text.detach()  # leave the file open for the import


def workbook_rows(file):
    """The rows of the sheet the import reads (the active one), one at a time, as openpyxl
    streams them; none if openpyxl cannot open the file (the import then says why)."""
    from openpyxl import load_workbook

    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # any unreadable workbook: the import's own reader reports it
        return
    try:
        yield from workbook.active.iter_rows(values_only=True)
    finally:
        workbook.close()
