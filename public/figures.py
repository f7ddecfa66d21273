"""A closed year's published figures as they were closed: the values its snapshot
(breakdowns.closing) kept, beside each figure's label and published value. Never the live
values: the public site shows what was published."""

from dataclasses import dataclass
from decimal import Decimal

from breakdowns.published import Figure, load_figures
from funding.models import YearlyAmount


@dataclass
class ClosedFigure:
    figure: Figure  # its label, published value and unit
    closed: Decimal | None  # computed from the records when the year was closed


@dataclass
class ClosedTotal:
    label: str
    total: Decimal


def number(text):
    return None if text is None else Decimal(text)


def figures_as_closed(closed):
    """The figures `closed` (a ClosedYear) kept, in the published file's order."""
    kept = closed.snapshot.get("figures", {})
    return [ClosedFigure(f, number(kept[f.key])) for f in load_figures() if f.key in kept]


def totals_as_closed(closed):
    """The closed year's amounts by stage as closed, in the stages' order."""
    kept = closed.snapshot.get("year_totals", {})
    return [ClosedTotal(s.label, Decimal(kept[s])) for s in YearlyAmount.Status if s in kept]
