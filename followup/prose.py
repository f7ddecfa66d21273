"""The simple formatting of report texts and effort narratives, read into blocks the writers lay
out: paragraphs separated by a blank line, list items starting with "- ", footnote references
[^1] with their texts on lines "[^1]: …" (anywhere in the text; numbered anew in the report).
Placeholders {name} are filled in from `values` where the name is known, left as they are
otherwise."""

import re
from dataclasses import dataclass, field

REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Ref:
    """A footnote reference in a paragraph: its number in the report."""

    number: int


@dataclass
class Block:
    kind: str  # "p" (a paragraph: parts) or "ul" (a list: items, each parts)
    parts: list = field(default_factory=list)
    items: list = field(default_factory=list)


@dataclass
class Footnotes:
    """The report's footnotes, numbered in the order their references appear."""

    notes: list = field(default_factory=list)  # [(number, text)]

    def add(self, text):
        self.notes.append((len(self.notes) + 1, text))
        return Ref(len(self.notes))

    def since(self, start):
        """The notes added after the first `start`."""
        return self.notes[start:]


def filled(text, values):
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def parts(line, definitions, footnotes):
    """A line's text and footnote references; a reference without a definition stays text."""
    out, last = [], 0
    for match in REFERENCE.finditer(line):
        if match.group(1) not in definitions:
            continue
        out.append(line[last : match.start()])
        out.append(footnotes.add(definitions[match.group(1)]))
        last = match.end()
    out.append(line[last:])
    return [part for part in out if part != ""]


def blocks(text, footnotes, values=None):
    """The blocks of `text`, its footnotes added to `footnotes`."""
    text = filled(text or "", values or {})
    lines = text.replace("\r\n", "\n").split("\n")
    definitions = {m.group(1): m.group(2) for m in map(DEFINITION.match, lines) if m}
    out = []
    for chunk in "\n".join(line for line in lines if not DEFINITION.match(line)).split("\n\n"):
        rows = [row.strip() for row in chunk.split("\n") if row.strip()]
        for bullet, run in runs(rows):
            if bullet:
                items = [parts(row[2:], definitions, footnotes) for row in run]
                out.append(Block("ul", items=items))
            else:
                out.append(Block("p", parts=parts(" ".join(run), definitions, footnotes)))
    return out


def runs(rows):
    """`rows` as runs of list items and of other lines: [(is a list, rows)]."""
    out = []
    for row in rows:
        bullet = row.startswith("- ")
        if out and out[-1][0] == bullet:
            out[-1][1].append(row)
        else:
            out.append((bullet, [row]))
    return out
