"""Section 2.2 for a report's year: paragraphs of text, figures and footnote marks, and the
footnotes. Which sentence says what, and the rules behind each figure's wording, are in
docs/follow-up.md ("Section 2.2")."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from funding.models.facts import MEDIUM, SMALL
from web.formats import nok

from ..overview import latest_year
from . import text as t
from .figures import Reader
from .periods import Periods, periods_for, pledging_plans
from .rules import amount_text, by_far, change_words, fulfilment, share_words

NO_DATA = _("[no data]")
SHARE = Decimal("0.0001")


@dataclass
class Note:
    """A footnote's mark after a sentence: `index` into the section's footnotes, `text` the
    footnote. Writers number and print it; as plain text it is empty."""

    index: int
    text: str

    def __str__(self):
        return ""


@dataclass
class SummarySection:
    year: int
    periods: Periods
    paragraphs: list  # each a list of text, Figure and Note parts
    footnotes: list  # texts, in the order of their marks
    figures: dict  # key -> Figure: every figure read, in the order read


def span(first, last):
    return f"{first}–{last}"


def paragraph(*sentences):
    """Sentences (lists of parts) as one paragraph, a space between them."""
    result = []
    for sentence in sentences:
        result += [" ", *sentence] if result else sentence
    return result


def note(notes, footnote):
    """The mark of `footnote`, added to `notes`."""
    notes.append(str(footnote))
    return Note(len(notes) - 1, notes[-1])


def plan_name(plan):
    if plan.title:
        return str(t.PLAN_TITLED) % {"title": plan.title, "period": plan.period}
    return str(t.PLAN_UNTITLED) % {"period": plan.period}


def pledges(plans):
    """What each pledging plan pledged (the records' amounts, exact)."""
    return paragraph(
        *(
            t.parts(t.PLEDGE_MORE if n else t.PLEDGE_FIRST, plan=plan_name(plan),
                    amount=amount_text(plan.pledged_amount))
            for n, plan in enumerate(plans)
        )
    )  # fmt: skip


def funding(reader, plans):
    """The list, the money awarded and planned, the pledges' fulfilment and the totals."""
    p = reader.periods
    awarded = reader.amount("awarded", "awarded")
    sentences = [
        t.parts(t.LIST, projects=reader.count("projects", "projects"),
                period=span(p.first, p.list_end)),
        t.parts(t.AWARDED, awarded=awarded, first=str(p.pledges_from), year=str(p.year),
                subsidiary=reader.amount("awarded_subsidiary", "awarded_subsidiary")),
        t.parts(t.PLANNED, planned=reader.amount("planned", "planned"),
                period=span(p.year, p.planned_end)),
    ]  # fmt: skip
    if plans:
        pledged = sum((plan.pledged_amount for plan in plans), Decimal(0))
        kept = t.FULFILMENT[fulfilment(awarded.value, pledged)]
        sentences.append(t.parts(kept, pledged=amount_text(pledged)))
    totals = t.parts(
        t.TOTALS, period=span(p.first, p.list_end), total=reader.amount("total", "total"),
        subsidiary=reader.amount("total_subsidiary", "total_subsidiary"),
    )  # fmt: skip
    return paragraph(*sentences, totals)


def one_year_share(one_year, agreements):
    if not agreements or one_year is None:
        return str(NO_DATA)
    return share_words((Decimal(one_year) / agreements).quantize(SHARE))


def agreements(reader, notes):
    """The agreements, their durations and the units administering the one-year ones."""
    one_year = reader.count("one_year", "one_year")
    counted = reader.count("agreements", "agreements")
    sentences = [
        [*t.parts(t.AGREEMENTS, projects=reader.figures["projects"], agreements=counted),
         note(notes, t.AGREEMENT_NOTE)],
        t.parts(t.DURATION, one_year=one_year, share=one_year_share(one_year.value, counted.value),
                multi_year=reader.count("multi_year", "multi_year")),
    ]  # fmt: skip
    units = [t.parts(t.UNIT, unit=name, count=figure) for name, figure in reader.units(3)]
    if units:
        sentences.append(t.parts(t.UNITS, units=t.joined(units)))
    return paragraph(*sentences)


def distribution(reader, notes):
    """The agreements' sizes, and the money by region and country, largest first."""
    period = span(reader.periods.first, reader.periods.list_end)
    sizes = t.parts(
        t.SIZES, share=reader.words("small_agreements", "small_agreements", share_words),
        medium=amount_text(MEDIUM), small=nok(SMALL, code=True),
        small_years=reader.count("small_years", "small_years"), projects=reader.figures["projects"],
    )  # fmt: skip
    regions = reader.ranked("region", "regions", 3)
    if not regions:
        return paragraph(sizes, t.parts(t.NO_REGIONS, period=period))
    first, *others = regions
    lead = by_far(first.share.value, others[0].share.value if others else None)
    sentences = [
        sizes,
        [*t.parts(t.REGION_BY_FAR if lead else t.REGION_FIRST, region=first.label,
                  share=first.share),
         note(notes, str(t.REGIONS_NOTE) % {"period": period})],
        *countries(reader),
    ]  # fmt: skip
    if others:
        values = {}
        for n, row in enumerate(others, start=2):
            values |= {f"share{n}": row.share, f"amount{n}": row.amount}
        labels = dict(zip(("second", "third"), (row.label for row in others), strict=False))
        sentences.append(t.parts(t.REGIONS_NEXT[len(others)], **labels, **values))
    return paragraph(*sentences)


def countries(reader):
    """The largest recipient country and the next two (countries only)."""
    found = reader.ranked("country", "countries", 3, countries=True)
    if not found:
        return []
    first, *others = found
    sentences = [t.parts(t.COUNTRY_FIRST, country=first.label, share=first.share,
                         amount=first.amount)]  # fmt: skip
    if others:
        names = dict(zip(("first", "second"), (row.label for row in others), strict=False))
        sentences.append(t.parts(t.COUNTRIES_NEXT[len(others)], **names))
    return sentences


def channels(reader):
    """The largest channel; the UN organisations and Norwegian NGOs with their largest."""
    sentences = []
    for top in reader.ranked("channel", "channels", 1):
        sentences.append(t.parts(t.CHANNEL_FIRST, channel=top.label, amount=top.amount))
    for total, read, members, alone, with_member in (
        ("un", reader.amount, "un_members", t.UN, t.UN_MEMBER),  # the family's total
        ("ngos", reader.row_amount, "ngo_members", t.NGOS, t.NGO_MEMBER),  # the group's row
    ):
        amount = read(total, total)
        largest = reader.ranked(f"{total}_member", members, 1)
        if not largest:
            sentences.append(t.parts(alone, amount=amount))
            continue
        sentences.append(t.parts(with_member, amount=amount, member=largest[0].label,
                                 member_amount=largest[0].amount))  # fmt: skip
    return paragraph(*sentences)


def balkans(reader):
    """The West Balkans' funding in the report's year against the year before."""
    p = reader.periods
    change = reader.words("balkans", "balkans", change_words)
    template = t.NO_BALKANS if change.value is None else t.BALKANS
    return t.parts(template, change=change, previous=str(p.previous), year=str(p.year))


def summary_section(year):
    """Section 2.2 of the report on `year`: its paragraphs and footnotes."""
    plans = pledging_plans(year)
    reader, notes = Reader(periods_for(year, plans), NO_DATA), []
    paragraphs = [
        pledges(plans),
        funding(reader, plans),
        agreements(reader, notes),
        distribution(reader, notes),
        channels(reader),
        balkans(reader),
    ]
    paragraphs = [parts for parts in paragraphs if parts]
    return SummarySection(year, reader.periods, paragraphs, notes, reader.figures)


def summary_paragraphs(year=None):
    """Section 2.2's paragraphs for the report on `year` (the latest year with records when
    None), each a list of text, Figure and Note parts."""
    year = year or latest_year() or datetime.date.today().year
    return summary_section(year).paragraphs
