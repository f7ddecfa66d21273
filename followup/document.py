"""The yearly report as a list of elements, which both writers lay out (the HTML template
followup/_report.html and followup/word.py): headings, paragraphs (text, figures linked to
their breakdown, footnote references), lists, footnotes, and the draft's own notes."""

from dataclasses import dataclass, field

from .prose import Block


@dataclass
class Heading:
    level: int  # 1: a section (2. Summary), 2: below it (2.1, a region), up to 4
    text: str
    kind: str = "h"


@dataclass
class Paragraph:
    parts: list  # text, summary.Figure (linked), prose.Ref (a footnote)
    kind: str = "p"


@dataclass
class Bullets:
    items: list  # each a list of parts
    kind: str = "ul"


@dataclass
class Notes:
    """The footnotes of a section: [(number, text)]."""

    notes: list
    kind: str = "notes"


@dataclass
class DraftNote:
    """What the draft shows and the report does not: a source, an editorial note, a gap."""

    text: str
    label: str = ""
    kind: str = "draft"


@dataclass
class Document:
    year: int
    title: str
    draft: bool
    elements: list = field(default_factory=list)
    language: str = "en"  # the language it is written in (build_report sets it)

    def heading(self, level, text):
        self.elements.append(Heading(level, str(text)))

    def prose(self, blocks):
        for block in blocks:
            self.elements.append(as_element(block))

    def note(self, text, label=""):
        """A draft note (left out of the report)."""
        if self.draft and text:
            self.elements.append(DraftNote(str(text), str(label)))

    def notes(self, notes):
        if notes:
            self.elements.append(Notes(list(notes)))

    @property
    def headings(self):
        return [(element.level, element.text) for element in self.elements if is_heading(element)]


def is_heading(element):
    return isinstance(element, Heading)


def as_element(block: Block):
    if block.kind == "ul":
        return Bullets(block.items)
    return Paragraph(block.parts)
