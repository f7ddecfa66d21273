"""Opening a project-list file: its bytes are read once to hash them and tell the encoding,
then its text once for the delimiter, the header and the records.

`open_list(path)` opens the file once and gives a `ListFile`: `.sha256` and `.codec` (always
set), `.problem` (why the file cannot be read as a list, or None) and, without a problem,
`.delimiter`, `.header` (the first record's cells) and `.rows`, an iterator of (line number,
cells) that raises FileProblem for a broken record.
"""

import codecs
import csv
import hashlib
import io
import re
from contextlib import contextmanager
from itertools import chain

from django.utils.translation import gettext as _

from history.text import CONTROL_CHARACTERS, code_point
from web.formats import count

from .problems import FileProblem

CHUNK = 1 << 20
MAX_CELL = 100_000  # characters; longer cells are refused, not truncated
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
NAMES["cp1252"] = "Windows-1252"
# A character of two to four bytes in UTF-8: found in a file that is not wholly UTF-8, it means
# two encodings mixed ("æ" in UTF-8 beside a Windows-1252 "ø"), which no one reading can undo.
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class Encoding:
    """Tells a file's codec from its bytes, fed in order: its byte-order mark, else UTF-8 if
    all of it decodes, else Windows-1252 if all of it decodes as that and holds no UTF-8
    character (a file of both is refused, naming the line of its first byte that is not
    UTF-8)."""

    def __init__(self, head):
        if head.startswith(codecs.BOM_UTF8):
            self.codec, self.declared = "utf-8-sig", "UTF-8"
        elif head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's
            self.codec, self.declared = "utf-32", "UTF-32"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.codec, self.declared = "utf-16", "UTF-16"
        else:
            self.codec, self.declared = None, None
        self.utf = codecs.getincrementaldecoder(self.codec or "utf-8")()  # None once it fails
        # Checked alongside, from the first byte, in case UTF-8 fails later on.
        self.cp1252 = None if self.declared else codecs.getincrementaldecoder("cp1252")()
        self.cp1252_error = None
        self.offset = self.lines = 0
        self.utf8_seen, self.tail = False, b""  # a character of several bytes in UTF-8
        self.failed_line = None  # the line of the first byte that is not UTF-8
        self.problem = None

    def feed(self, chunk, final=False):
        if self.problem:
            return
        if self.utf is not None:
            if self.codec is None and (nul := chunk.find(b"\x00")) >= 0:
                line = self.lines + chunk[:nul].count(b"\n") + 1
                self.problem = FileProblem(
                    _(
                        "This is not a text file (it contains NUL bytes, the first on line "
                        "%(line)s)."
                    )
                    % {"line": line}
                )
                return
            try:
                self.utf.decode(chunk, final)
            except UnicodeDecodeError as exc:
                start = max(exc.start, 0)
                self.failed_line = self.lines + chunk[:start].count(b"\n") + 1
                self.utf_failed(self.offset + start)
        if not self.declared and not self.utf8_seen:  # a character may span two chunks
            self.utf8_seen = UTF8_SEQUENCE.search(self.tail + chunk) is not None
            self.tail = chunk[-3:]
        if self.cp1252 is not None and self.cp1252_error is None:
            try:
                self.cp1252.decode(chunk)
            except UnicodeDecodeError as exc:
                self.cp1252_error = self.offset + exc.start
        self.offset += len(chunk)
        self.lines += chunk.count(b"\n")

    def utf_failed(self, byte):
        self.utf = None
        if self.declared:
            self.problem = FileProblem(
                _(
                    "The file declares %(codec)s by its byte-order mark, but byte %(byte)s is "
                    "not valid %(codec)s; save it again as UTF-8."
                )
                % {"codec": self.declared, "byte": byte}
            )

    def result(self):
        """(codec, problem) once every chunk was fed."""
        self.feed(b"", final=True)
        if self.problem or self.utf is not None:
            return self.codec or "utf-8", self.problem
        if self.cp1252_error is not None:
            return "cp1252", FileProblem(
                _(
                    "The file is neither UTF-8, UTF-16 nor Windows-1252 text (byte %(byte)s "
                    "cannot be read); is it a spreadsheet or binary file? Save it as CSV (UTF-8)."
                )
                % {"byte": self.cp1252_error}
            )
        if self.utf8_seen:
            return "cp1252", FileProblem(
                _(
                    "Line %(line)s: the file mixes two encodings: it holds UTF-8 text, but this "
                    "line has a character that is not UTF-8 (Windows-1252, perhaps). Save the "
                    "whole file again as UTF-8."
                )
                % {"line": self.failed_line}
            )
        return "cp1252", None


def scan(raw):
    """One binary read of the whole file: (sha256, codec, problem or None)."""
    digest = hashlib.sha256()
    chunk = raw.read(CHUNK)
    encoding = Encoding(chunk[:4])
    while chunk:
        digest.update(chunk)
        encoding.feed(chunk)
        chunk = raw.read(CHUNK)
    return (digest.hexdigest(), *encoding.result())


def sniff_delimiter(header_line):
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class ListFile:
    """A project list being read (see the module's docstring)."""

    @property
    def encoding(self):
        """The encoding the file was read in, as people name it."""
        return NAMES[self.codec]

    def __init__(self, raw):
        self.sha256, self.codec, self.problem = scan(raw)
        self.delimiter, self.header, self.rows = None, None, iter(())
        if self.problem is None:
            raw.seek(0)
            self.text = io.TextIOWrapper(raw, encoding=self.codec, newline="")
            try:
                self.read_header()
            except FileProblem as exc:
                self.problem = exc

    def read_header(self):
        first = self.text.readline()
        if not first.strip():
            rest = self.text.read(1)
            raise FileProblem(
                _("The file is empty.") if not rest else _("The first line (the header) is empty.")
            )
        self.delimiter = sniff_delimiter(first)
        reader = csv.reader(chain([first], self.text), delimiter=self.delimiter, strict=True)
        self.rows = records(reader)
        first_record = next(self.rows, None)
        if first_record is None:
            raise FileProblem(_("The file is empty."))
        self.header = first_record[1]


def records(reader):
    """(line number of its start, cells) for each record; FileProblem for a broken one."""
    previous = 0
    try:
        for cells in reader:
            start = previous + 1
            previous = reader.line_num
            for number, cell in enumerate(cells, start=1):
                if found := CONTROL_CHARACTERS.search(cell):
                    raise FileProblem(
                        _(
                            "Line %(line)s, cell %(cell)s holds the control character %(code)s; "
                            "remove it and import the file again."
                        )
                        % {"line": start, "cell": number, "code": code_point(found.group())}
                    )
            if cells and max(map(len, cells)) > MAX_CELL:
                raise FileProblem(
                    _(
                        "Line %(line)s: a cell is longer than %(max)s characters; is this really "
                        "a project list?"
                    )
                    % {"line": start, "max": count(MAX_CELL)}
                )
            yield start, cells
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = _("a cell is longer than %(max)s characters") % {"max": count(MAX_CELL)}
        elif "unexpected end of data" in message or "EOF" in message:
            message = _("the file ends inside a quoted cell (it is cut off mid-row)")
        raise FileProblem(
            _("Line %(line)s: %(message)s.") % {"line": previous + 1, "message": message}
        ) from None


@contextmanager
def open_list(path):
    """Open the file at `path` (once) as a ListFile; closed when the block ends."""
    with open(path, "rb") as raw:
        yield ListFile(raw)
