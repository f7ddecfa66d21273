"""The dimensions a breakdown groups the funding facts (yearly amounts) by.

Each dimension declares the values() paths its query groups by and how a grouped row becomes a
key (stable: what downloads and filters name the row by), a label (what people read) and a
drill-down link (the page and filter that show what the row is made of).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.urls import get_script_prefix
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.models import Channel, OrganisationKind, Project

from .labels import named_totals

NO_MEASURE = _("No measure recorded")
NO_PARTNER_GROUP = _("No partner group recorded")
NO_KIND = _("Kind not recorded")
KINDS = dict(OrganisationKind.choices)
REGION = "recipient__region__name"
GEOGRAPHIC = "recipient__region__geographic"
RECIPIENT, ISO2 = "recipient__name", "recipient__iso2"
CHANNEL, ACRONYM = "channel__name", "channel__acronym"
CHANNEL_ID = "channel"
PARTNER_GROUP = "channel__partner_group__name"
UNIT = "unit__name"
OBJECTIVE = "objective"
KIND = "channel__kind"
FAMILY, FAMILY_ACRONYM, FAMILY_ID = "family", "family_acronym", "family_id"
OBJECTIVES = dict(Project.Objective.choices)
MEASURE_NOTE = _(
    "Each yearly amount is split by its project's measure shares, in øre, the øre left by "
    "rounding down going to the largest remainders, so the parts add up to the amount exactly; "
    "projects without measures show as “No measure recorded”. An agreement serving several "
    "measures counts in each of their rows' agreement columns, but its money only once."
)
YEAR_NOTE = _("An agreement funded in several years counts in each year's agreement column.")


@dataclass(frozen=True)
class Drill:
    """Where a row leads: a breakdown (a dimension's slug) or "projects", filtered by `parameter`
    set to `value(grouped row)`, the row's key by default. A row whose value is None has none."""

    target: str
    parameter: str
    value: Callable | None = None


@dataclass(frozen=True)
class Dimension:
    slug: str
    title: str
    fields: tuple  # the values() paths the grouped query groups by
    key: Callable  # grouped row -> the row's key
    label: Callable  # grouped row -> the row's label
    drill: Drill | None = None
    default_sort: str = "-amount"  # key, label or amount (`-`: descending), as both tables sort
    geographic: str | None = None  # the path of the region's `geographic` flag
    one_per_agreement: bool = True  # does every agreement fall in exactly one row?
    note: str = ""  # said after the share basis
    grouping: Callable | None = None  # (queryset, by_year) -> grouped rows, instead of `fields`
    page: str | None = None  # the path of the id of the row's organisation, for a link to its page

    @property
    def geographic_basis(self):
        return self.geographic is not None

    def grouped(self, queryset, by_year=False):
        """The grouped query's rows (dicts with total, agreements, agreement_years)."""
        if self.grouping is not None:
            return self.grouping(queryset, by_year)
        years = ("year",) if by_year and "year" not in self.fields else ()
        once = None if self.one_per_agreement else queryset.once()
        return named_totals(queryset, (*self.fields, *years), extra=once)

    def in_base(self, row):
        """Does the grouped row count in the share base?"""
        return bool(row[self.geographic]) if self.geographic else True

    def page_url(self, row):
        """The row's organisation's own page, for dimensions whose rows are organisations."""
        if self.page is None:
            return None
        return organisation_page(row[self.page], get_script_prefix())

    def url(self, row, link):
        """The grouped row's drill-down URL from `link(target, parameter, value)`, or None."""
        if link is None or self.drill is None:
            return None
        value = (self.drill.value or self.key)(row)
        return None if value is None else link(self.drill.target, self.drill.parameter, value)


@lru_cache(maxsize=4096)
def organisation_page(pk, prefix):
    """An organisation's page under the script `prefix`, reversed once per process (a channel
    table has a link per row; reverse() takes about 50 µs). Through get_absolute_url: the page's
    app is above this one."""
    return Channel(pk=pk).get_absolute_url()


def named(name, acronym):
    return f"{name} ({acronym})" if acronym and acronym != name else name


def channel_label(row):
    return named(row[CHANNEL], row[ACRONYM])


def measure_label(row):
    if row["measure_id"] is None:
        return str(NO_MEASURE)
    label = gettext("Measure %(number)s") % {"number": row["number"]}
    return label + (f": {row['title']}" if row["title"] else "")


MEASURE_FIELDS = ("measure_id", "number", "title", "plan_id")


def by_measure(facts, by_year):
    """The facts' measure parts (funding.facts.FactPart) by measure (and year)."""
    parts = facts.parts()
    fields = (*MEASURE_FIELDS, *(("year",) if by_year else ()))
    return named_totals(parts, fields, extra=parts.once())


DIMENSIONS = {
    dimension.slug: dimension
    for dimension in [
        Dimension(
            "region", _("Region"), (REGION, GEOGRAPHIC), key=itemgetter(REGION),
            label=itemgetter(REGION), drill=Drill("country", "region"), geographic=GEOGRAPHIC,
        ),
        Dimension(
            "country", _("Recipient country or region"), (RECIPIENT, ISO2, GEOGRAPHIC),
            key=lambda row: row[ISO2] or row[RECIPIENT], label=itemgetter(RECIPIENT),
            drill=Drill("projects", "country"), geographic=GEOGRAPHIC,
        ),
        Dimension(
            "channel", _("Channel"), (CHANNEL, ACRONYM, CHANNEL_ID), key=itemgetter(CHANNEL),
            label=channel_label, drill=Drill("projects", "channel"), page=CHANNEL_ID,
        ),
        Dimension(
            "organisation-kind", _("Organisation kind"), (KIND,), key=itemgetter(KIND),
            label=lambda row: str(KINDS.get(row[KIND]) or NO_KIND),
            drill=Drill("channel", "channel_kind", lambda row: row[KIND] or None),
        ),
        Dimension(
            "organisation-family", _("Organisation family"), (FAMILY, FAMILY_ACRONYM, FAMILY_ID),
            key=itemgetter(FAMILY), label=lambda row: named(row[FAMILY], row[FAMILY_ACRONYM]),
            drill=Drill("channel", "channel_family"), page=FAMILY_ID,
        ),
        Dimension(
            "partner-group", _("Partner group"), (PARTNER_GROUP,), key=itemgetter(PARTNER_GROUP),
            label=lambda row: row[PARTNER_GROUP] or str(NO_PARTNER_GROUP),
            drill=Drill("channel", "partner_group"),
        ),
        Dimension(
            "year", _("Year"), ("year",), key=itemgetter("year"),
            label=lambda row: str(row["year"]),
            drill=Drill("projects", "year"), default_sort="key", one_per_agreement=False,
            note=YEAR_NOTE,
        ),
        Dimension(
            "unit", _("Administering unit"), (UNIT,), key=itemgetter(UNIT), label=itemgetter(UNIT),
            drill=Drill("projects", "unit"),
        ),
        Dimension(
            "measure", _("Measure"), (), key=itemgetter("number"), label=measure_label,
            drill=Drill("projects", "measure", itemgetter("measure_id")), default_sort="key",
            one_per_agreement=False, note=MEASURE_NOTE, grouping=by_measure,
        ),
        Dimension(
            "objective", _("Objective"), (OBJECTIVE,), key=itemgetter(OBJECTIVE),
            label=lambda row: str(OBJECTIVES.get(row[OBJECTIVE], row[OBJECTIVE])),
            drill=Drill("projects", "objective"),
        ),
    ]
}  # fmt: skip
