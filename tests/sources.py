"""The documents the reference data quotes (fixtures/sources/), and reading fixtures, for tests
that check every quoted passage against the document it cites."""

import csv
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "reference"
DOCUMENTS = {
    "Memo": ROOT / "fixtures" / "sources" / "international-organisations-thb-memo.txt",
    "Report": ROOT / "fixtures" / "sources" / "mfa-trafficking-report-2007.txt",
}
CITATION = re.compile(r'^(Memo|Report), section [\w.() ,]+?: "')


def normalised(text):
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def document(name, without_links=False):
    text = DOCUMENTS[name].read_text(encoding="utf-8")
    if without_links:  # the memo's "(see: http://…)" asides
        text = re.sub(r"\s*\([^()]*https?://[^()]*\)", "", text)
    return normalised(text)


def rows(name):
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def citation_problems(source):
    """What is wrong with a source cell such as 'Memo, section 2: "…" … "…"; Report, section
    11 (…): "…" (a note)': a part that cites no document, or a quote not verbatim in it."""
    parts = [p for p in re.split(r"; (?=(?:Memo|Report), section )", source) if p]
    problems = []
    for part in parts:
        match = CITATION.match(part)
        if not match:
            problems.append(f"not a citation: {part[:60]!r}")
            continue
        for quote in re.findall(r'"([^"]+)"', part):
            if normalised(quote) not in document(match.group(1)):
                problems.append(f"not verbatim in the {match.group(1).lower()}: {quote!r}")
    return problems
