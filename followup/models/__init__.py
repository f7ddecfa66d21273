"""Follow-up's models: efforts under the measures, the headings the report groups them under,
and the report texts the Section writes."""

from .efforts import NO_MEASURE, Effort, EffortKind
from .headings import HeadingKind, ReportHeading
from .review import Move, ReviewState
from .texts import ReportText, TextPlace

__all__ = [
    "NO_MEASURE", "Effort", "EffortKind", "HeadingKind", "Move", "ReportHeading", "ReportText",
    "ReviewState", "TextPlace",
]  # fmt: skip
