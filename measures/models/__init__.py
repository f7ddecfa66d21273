"""The measures app's models: plans with their goals and ministries (plans.py), and the
numbered measures with their status per year (measures.py)."""

from .measures import FollowUpStatus, Measure, MeasureStatus
from .plans import YEAR_MAX, YEAR_MIN, Goal, Ministry, Plan, PlanResponsibility, implausible_year

__all__ = [
    "YEAR_MAX", "YEAR_MIN", "FollowUpStatus", "Goal", "Measure", "MeasureStatus", "Ministry",
    "Plan", "PlanResponsibility", "implausible_year",
]  # fmt: skip
