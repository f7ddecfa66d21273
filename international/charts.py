"""An instrument's status chart, described once: its columns give the page's sortable table and
its CSV, XLSX and JSON downloads. The CSV's first four columns are the import's layout, so a
downloaded chart imports again unchanged."""

from dataclasses import dataclass
from operator import attrgetter

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from web.downloads import Table

from .models import Status

NONE = "–"  # not applicable, as opposed to not recorded


@dataclass(frozen=True)
class Column:
    key: str  # also the ?sort= value
    label: str
    field: str  # what the column shows and sorts by
    is_date: bool = False
    display: str = ""  # the get_FOO_display method, for choices
    ratified_only: bool = False  # a state that only signed has none: shown as a dash

    def value(self, status):
        """The stored value (downloads)."""
        return attrgetter(self.field.replace("__", "."))(status) or None

    def cell(self, status):
        """What the page shows: a date, a text (labels for choices, a dash where a state that
        only signed has nothing), or missing (not recorded)."""
        if self.ratified_only and status.status != Status.RATIFIED:
            return Cell(text=NONE)
        value = self.value(status)
        if value is None:
            return Cell(missing=True)
        if self.is_date:
            return Cell(day=value)
        return Cell(text=getattr(status, self.display)() if self.display else value)


@dataclass(frozen=True)
class Cell:
    text: str = ""
    day: object = None
    missing: bool = False


COLUMNS = [
    Column("state", _("State"), "country__name"),
    Column("signature", _("Signature"), "signature", is_date=True),
    Column("ratification", _("Ratification"), "ratification", is_date=True, ratified_only=True),
    Column(
        "entry_into_force",
        _("Entry into force"),
        "entry_into_force",
        is_date=True,
        ratified_only=True,
    ),
    Column(
        "ratification_kind",
        _("Kind of ratification"),
        "ratification_kind",
        display="get_ratification_kind_display",
        ratified_only=True,
    ),
    Column("status", _("Status"), "status", display="get_status_display"),
    Column("iso2", _("ISO code"), "country__iso2"),
    Column("as_of", _("As of"), "as_of", is_date=True),
    Column("source", _("Source"), "source"),
]
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "state"


def parse_sort(value):
    """`?sort=signature` or `-signature` → (column, descending); unknown keys sort by state."""
    key = (value or "").strip()
    descending = key.startswith("-")
    column = BY_KEY.get(key.lstrip("-")) or BY_KEY[DEFAULT_SORT]
    return column, descending and column.key == key.lstrip("-")


@dataclass
class Chart:
    """The rows of one instrument's chart, in the order asked for."""

    instrument: object
    statuses: list
    column: Column
    descending: bool

    @property
    def sort(self):
        """The ?sort= value that gives this order."""
        return f"{'-' if self.descending else ''}{self.column.key}"

    def headers(self):
        """Each column with the link that sorts by it (again: the other way) and its state."""
        for column in COLUMNS:
            current = column is self.column
            ascending_next = not current or self.descending
            sort = column.key if ascending_next else f"-{column.key}"
            state = ("descending" if self.descending else "ascending") if current else None
            yield column, f"?sort={sort}", state

    def rows(self):
        for status in self.statuses:
            yield [column.cell(status) for column in COLUMNS]

    def table(self):
        instrument = self.instrument
        with override("en"):  # the headers a chart import reads, in every language
            columns = [(column.key, str(column.label)) for column in COLUMNS]
        return Table(
            name=f"{slugify(instrument.short_name)}-status",
            columns=columns,
            rows=[[column.value(status) for column in COLUMNS] for status in self.statuses],
            about={
                "instrument": instrument.short_name,
                "title": instrument.title,
                "sort": self.sort,
            },
        )


def chart(instrument, sort=None):
    """The chart of `instrument`, sorted by `?sort=` (dates not recorded last)."""
    column, descending = parse_sort(sort)
    statuses = instrument.statuses.select_related("country").sorted_by(column.field, descending)
    return Chart(instrument, list(statuses), column, descending)
