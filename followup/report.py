"""The yearly report, built from the records in the structure of the 2007 report: 1 the
introduction, 2 the summary (2.1 the form of the efforts, 2.2 the figures generated from the
records with the Section's own prose around them, 2.3 the evaluation), then one section per
measure with efforts reported in the year, each effort under its headings in the editors'
order (followup/sections.py), then any closing text.

`build_report(year, draft=False, language=None)` gives the report as it is sent; with `draft`,
the editors' working copy: sources, editorial notes, each measure's status and funding, and what
is missing (texts not written, or written in the other language only; names with no Norwegian
form; measures of the Ministry with nothing recorded), all marked as the draft's. The report is
in `language` (`nb` or `en`; else the active language): headings, fixed text and names, and
the report texts written in that language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.models import Ministry, PlanResponsibility

from .document import Document, Paragraph
from .models import ReportText
from .overview import plan_for
from .prose import Footnotes, blocks
from .sections import measure_sections
from .summary import Note, summary_section

SUMMARY_HEADING = _("Scope and distribution of project support")
DEFAULT_TITLES = {
    ReportText.Place.INTRODUCTION: _("Introduction"),
    ReportText.Place.FORM: _("The form of and channels for the Ministry's efforts"),
    ReportText.Place.EVALUATION: _("Evaluation"),
}
MISSING = _("No text is written for this part yet (admin › Report texts).")
OTHER_LANGUAGE = _(
    "This part is written in another language only: no text in the report's language is "
    "recorded (admin › Report texts)."
)


def title(year):
    return gettext(
        "The Norwegian Ministry of Foreign Affairs' measures to combat human trafficking under "
        "the Government's plan of action: report on efforts carried out %(year)s"
    ) % {"year": year}


def ministry():
    """The ministry using the tracker (settings.TRACKER_MINISTRY), or None."""
    return Ministry.objects.filter(name=settings.TRACKER_MINISTRY).first()


def values(plan, year):
    """The placeholders a report text may use, from the records."""
    share = PlanResponsibility.objects.filter(plan=plan, ministry=ministry()).first()
    return {
        "year": year,
        "plan": plan.title or str(plan),
        "measures": plan.measures.count(),
        "ministry_measures": share.measures if share else "[?]",
    }


class Builder:
    def __init__(self, year, plan, draft, language):
        self.year, self.plan = year, plan
        self.document = Document(year, title(year), draft)
        self.footnotes = Footnotes()
        self.values = values(plan, year)
        self.texts, self.elsewhere = {}, set()
        for text in (
            ReportText.objects.filter(year=year).in_report(draft).order_by("place", "order")
        ):
            if text.language == language:
                self.texts.setdefault(text.place, []).append(text)
            else:
                self.elsewhere.add(text.place)

    def missing(self, place):
        """The draft's note on a part with no text in the report's language."""
        if place not in self.texts:
            self.document.note(OTHER_LANGUAGE if place in self.elsewhere else MISSING)

    def texts_of(self, place, level=None, number=""):
        """The texts of `place`, the first one's title (or the default) as their heading."""
        texts = self.texts.get(place, [])
        if level is not None and (texts or self.document.draft):
            name = texts[0].title if texts and texts[0].title else DEFAULT_TITLES.get(place, "")
            self.document.heading(level, f"{number} {name}".strip())
        self.missing(place)
        for text in texts:
            self.document.prose(blocks(text.body, self.footnotes, self.values))
            self.document.note(text.get_review_state_display(), _("Review"))
            self.document.note(text.editorial_note, _("Editorial note"))

    def section_notes(self, start):
        self.document.notes(self.footnotes.since(start))
        return len(self.footnotes.notes)

    def build(self):
        Place, doc = ReportText.Place, self.document
        self.texts_of(Place.INTRODUCTION, 1, "1.")
        start = self.section_notes(0)
        doc.heading(1, gettext("2. Summary"))
        self.texts_of(Place.FORM, 2, "2.1")
        doc.heading(2, f"2.2 {SUMMARY_HEADING}")
        for place in (Place.FIGURES_BEFORE, Place.FIGURES_NOTE, Place.FIGURES_AFTER):
            if place in self.elsewhere and place not in self.texts:
                self.missing(place)
        for text in self.texts.get(Place.FIGURES_BEFORE, []):
            doc.prose(blocks(text.body, self.footnotes, self.values))
        self.summary(self.texts.get(Place.FIGURES_NOTE, []))
        for text in self.texts.get(Place.FIGURES_AFTER, []):
            doc.prose(blocks(text.body, self.footnotes, self.values))
        self.texts_of(Place.EVALUATION, 2, "2.3")
        start = self.section_notes(start)
        measure_sections(self, first_number=3)
        if Place.END in self.elsewhere:
            self.missing(Place.END)
        for text in self.texts.get(Place.END, []):
            if text.title:
                doc.heading(1, text.title)
            doc.prose(blocks(text.body, self.footnotes, self.values))
        self.section_notes(start)
        return doc

    def summary(self, notes):
        """Section 2.2's generated paragraphs (followup/summary), their footnotes numbered on
        through the report; the Section's footnotes to the figures (`notes`) are marked after
        the channels' paragraph, where the 2007 report has them."""
        section = summary_section(self.year)
        for number, parts in enumerate(section.paragraphs):
            parts = [self.footnotes.add(p.text) if isinstance(p, Note) else p for p in parts]
            if number == channels_paragraph(section):
                parts += [self.footnotes.add(note.body) for note in notes]
            self.document.elements.append(Paragraph(parts))


def channels_paragraph(section):
    """The index of the paragraph naming the channels (else the last)."""
    for number, parts in enumerate(section.paragraphs):
        if any(getattr(part, "key", "").startswith("channel") for part in parts):
            return number
    return len(section.paragraphs) - 1


def report_language(language=None):
    """`language` if it is one the report is written in (nb, en), else the active one's."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "nb" if language.startswith("nb") else "en"


def build_report(year, draft=False, language=None):
    """The report on `year` (or its draft) in `language` (else the active language); None when
    no plan of action has measures."""
    language = report_language(language)
    with translation.override(language):
        plan = plan_for(year)
        if plan is None:
            return None
        document = Builder(year, plan, draft, language).build()
    document.language = language
    return document
