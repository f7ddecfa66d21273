"""Reading a project list: decode the bytes, find the delimiter, map the header, stream the rows.

Nothing here looks at the database; every row comes out as a `RawRow` of trimmed strings.
"""

import codecs
import csv
import re
from dataclasses import dataclass, field

from .problems import FileProblem

CHUNK = 1 << 20
MAX_CELL = 100_000  # characters; longer cells are refused, not truncated

# Column → accepted header names (compared lower-cased, spaces collapsed).
ALIASES = {
    "number": ["agreement no", "agreement no.", "agreement number", "avtalenummer", "avtalenr"],
    "title": ["project", "project title", "agreement title", "avtaletittel", "title", "prosjekt"],
    "channel": ["agreement partner", "avtalepartner", "partner", "channel"],
    "recipient": ["country", "recipient country", "recipient", "land", "mottakerland"],
    "unit": [
        "administering unit",
        "responsible unit",
        "forvaltende enhet",
        "embassy/section",
        "extending agency",
        "unit",
    ],
    "measures": ["measures", "tiltak", "measure"],
    "objective": ["objective", "mål"],
    "description": ["description", "beskrivelse"],
    "year": ["year", "år"],
    "amount": ["amount", "amount (nok)", "beløp"],
    "status": ["status"],
    "disbursed_1000": ["disbursed (1000 nok)", "utbetalt (1000 nok)"],
    "disbursed": ["disbursed (nok)", "utbetalt (nok)"],
    "planned_1000": ["planned disbursed (1000 nok)", "planlagt utbetalt (1000 nok)"],
    "planned": ["planned disbursed (nok)", "planlagt utbetalt (nok)"],
}
HEADER_TO_FIELD = {name: key for key, names in ALIASES.items() for name in names}
REQUIRED = ["title", "channel", "recipient", "unit"]
NORAD_AMOUNTS = ["disbursed_1000", "disbursed", "planned_1000", "planned"]
STATUS_WORDS = {
    "planned": "planned",
    "planlagt": "planned",
    "allocated": "allocated",
    "bevilget": "allocated",
    "disbursed": "disbursed",
    "utbetalt": "disbursed",
}
YEAR_HEADER = re.compile(r"^(\d{4})\s*(?:\(?\s*([a-zæøå]+)\s*\)?)?$")
LOOKALIKES = str.maketrans({"o": "0", "l": "1", "i": "1", "s": "5"})
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


def normalise_header(text):
    return " ".join(text.strip().lstrip("\ufeff").lower().split())


@dataclass
class RawRow:
    """One data row as trimmed strings, with the amounts found on it."""

    line: int
    cells: dict  # field → (column header, value)
    # (column header, year text or None, amount text, status or None, scale)
    amounts: list = field(default_factory=list)


@dataclass
class Layout:
    format: str
    columns: dict  # field → index
    headers: list
    year_columns: list  # (index, year, status or None)
    delimiter: str


def detect_encoding(path):
    """Return the codec for the file: by byte-order mark, else UTF-8 if it decodes, else cp1252."""
    with open(path, "rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            codec, declared = "utf-8-sig", "UTF-8"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            codec, declared = "utf-16", "UTF-16"
        else:
            codec, declared = None, None
        f.seek(0)
        decoder = codecs.getincrementaldecoder(codec or "utf-8")()
        offset = 0
        try:
            while chunk := f.read(CHUNK):
                if codec is None and b"\x00" in chunk:
                    raise FileProblem("This is not a text file (it contains NUL bytes).")
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            if declared:
                raise FileProblem(
                    f"The file declares {declared} by its byte-order mark, but byte "
                    f"{offset + exc.start} is not valid {declared}; save it again as UTF-8."
                ) from None
            codec = "cp1252"
    if codec == "cp1252":
        check_cp1252(path)
    return codec


def check_cp1252(path):
    decoder = codecs.getincrementaldecoder("cp1252")()
    with open(path, "rb") as f:
        offset = 0
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
        except UnicodeDecodeError as exc:
            raise FileProblem(
                f"The file is neither UTF-8, UTF-16 nor Windows-1252 text (byte "
                f"{offset + exc.start} cannot be read); is it a spreadsheet or binary file? "
                "Save it as CSV (UTF-8)."
            ) from None


def sniff_delimiter(header_line):
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def open_rows(path):
    """Yield (line number, cells) for each record of the file, the header first.

    Returns the delimiter through the first item: ("delimiter", d).
    """
    codec = detect_encoding(path)
    with open(path, encoding=codec, newline="") as f:
        first = f.readline()
        if not first.strip():
            rest = f.read(1)
            raise FileProblem(
                "The file is empty." if not rest else "The first line (the header) is empty."
            )
        delimiter = sniff_delimiter(first)
        f.seek(0)
        reader = csv.reader(f, delimiter=delimiter, strict=True)
        yield "delimiter", (delimiter, codec)
        previous = 0
        try:
            for cells in reader:
                start = previous + 1
                previous = reader.line_num
                if any(len(c) > MAX_CELL for c in cells):
                    raise FileProblem(
                        f"Line {start}: a cell is longer than {MAX_CELL:,} characters; "
                        "is this really a project list?"
                    )
                yield start, cells
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                message = f"a cell is longer than {csv.field_size_limit():,} characters"
            elif "unexpected end of data" in message or "EOF" in message:
                message = "the file ends inside a quoted cell (it is cut off mid-row)"
            raise FileProblem(f"Line {previous + 1}: {message}.") from None


def read_layout(header, delimiter, fmt, codec="utf-8"):
    columns, year_columns, problems, seen = {}, [], [], {}
    headers = [h.strip().lstrip("\ufeff") for h in header]
    for index, text in enumerate(headers):
        name = normalise_header(text)
        if not name:
            continue
        if name in seen:
            problems.append(
                f'The column "{text}" appears twice (columns {seen[name]} and {index + 1}).'
            )
        seen[name] = index + 1
        if name in HEADER_TO_FIELD:
            key = HEADER_TO_FIELD[name]
            if key in columns:
                problems.append(
                    f'Columns "{headers[columns[key]]}" and "{text}" mean the same thing; keep one.'
                )
            columns[key] = index
        elif m := YEAR_HEADER.match(name):
            status = m.group(2)
            if status and status not in STATUS_WORDS:
                problems.append(
                    f'Column "{text}": "{status}" is not a status (planned, allocated, disbursed).'
                )
                continue
            year_columns.append((index, m.group(1), STATUS_WORDS.get(status)))
        elif YEAR_HEADER.match(fixed := name.translate(LOOKALIKES)) and fixed[:1].isdigit():
            problems.append(f'Column "{text}" is not a year; did you mean "{fixed}"?')
    has_norad = any(k in columns for k in NORAD_AMOUNTS)
    if fmt == "auto":
        if has_norad:
            fmt = "norad"
        elif "year" in columns and "amount" in columns:
            fmt = "long"
        else:
            fmt = "wide"
    needed = list(REQUIRED)
    if fmt in ("long", "norad"):
        needed.append("year")
    if fmt == "long":
        needed.append("amount")
    for key in needed:
        if key not in columns:
            names = ", ".join(f'"{n}"' for n in ALIASES[key])
            problems.append(f"Missing required column for {key}: name it one of {names}.")
    if fmt == "wide" and not year_columns:
        problems.append(
            'No year columns: a wide list needs one amount column per year ("2007", '
            '"2008 (planned)", …); a long list needs "Year" and "Amount".'
        )
    if fmt == "norad" and not has_norad:
        problems.append(
            'A Norad extract needs "Disbursed (1000 NOK)" or "Disbursed (NOK)" or '
            '"Planned disbursed (1000 NOK)".'
        )
    if problems and not columns and not year_columns and codec in ("utf-16", "utf-8-sig"):
        problems.append(
            f"No column was recognised. The file was read as {codec.upper()[:6]} because its "
            "byte-order mark says so; if it was saved in another encoding, save it again as "
            "UTF-8."
        )
    if problems:
        raise FileProblem(*problems)
    return Layout(fmt, columns, headers, year_columns, delimiter)


TEXT_FIELDS = [
    "number",
    "title",
    "channel",
    "recipient",
    "unit",
    "measures",
    "objective",
    "description",
    "year",
    "status",
]


def raw_rows(layout, records):
    """Turn csv records into RawRows; rows that are empty are skipped."""
    width = len(layout.headers)
    text_fields = [(k, layout.columns[k]) for k in TEXT_FIELDS if k in layout.columns]
    headers = layout.headers
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < width:
            yield (
                line,
                f"Line {line} has {len(cells)} cells but the header has {width}; "
                "the row is cut short.",
            )
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            yield line, f"Line {line} has {len(cells)} cells but the header has {width}."
            continue
        row = RawRow(line, {k: (headers[i], cells[i].strip()) for k, i in text_fields})
        if layout.format == "wide":
            for index, year, status in layout.year_columns:
                value = cells[index].strip()
                if value:
                    row.amounts.append((headers[index], year, value, status, 1))
        elif layout.format == "long":
            i = layout.columns["amount"]
            if value := cells[i].strip():
                row.amounts.append((headers[i], None, value, None, 1))
        else:
            for key in NORAD_AMOUNTS:
                if key in layout.columns and (value := cells[layout.columns[key]].strip()):
                    status = "disbursed" if key.startswith("disbursed") else "planned"
                    scale = 1000 if key.endswith("_1000") else 1
                    row.amounts.append((headers[layout.columns[key]], None, value, status, scale))
        yield line, row
