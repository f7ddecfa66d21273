"""Section 2.2 of the yearly report ("Scope and distribution of project support"), written for
the report's year from the records: the periods and each figure's definition (periods.py), the
figures read through the breakdowns (figures.py), the rounding and hedges (rules.py), the
sentences and footnotes in our own words (text.py), and the section put together (section.py).
docs/follow-up.md ("Section 2.2") states the rules."""

from .figures import Figure
from .section import Note, SummarySection, summary_paragraphs, summary_section

__all__ = ["Figure", "Note", "SummarySection", "summary_paragraphs", "summary_section"]
