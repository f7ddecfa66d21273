"""Funding's models: the money itself (amounts.py), the funding facts the pages read, derived
from it (facts.py) and added up for the overview (sums.py), and the closed reporting years
(closed_years.py)."""

from history.locking import EditConflict

from .amounts import ORE, AmountStatus, ImportRun, YearlyAmount
from .closed_years import ClosedYear, refusal
from .facts import Fact, FactPart
from .sums import ChannelSum, RecipientSum

__all__ = [
    "ORE", "AmountStatus", "ChannelSum", "ClosedYear", "EditConflict", "Fact", "FactPart",
    "ImportRun", "RecipientSum", "YearlyAmount", "refusal",
]  # fmt: skip
