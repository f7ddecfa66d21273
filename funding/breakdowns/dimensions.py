"""The dimensions a breakdown groups yearly amounts by.

Each dimension declares the values() paths its query groups by and how a grouped row becomes a
key (stable: what downloads and filters name the row by), a label (what people read) and a
drill-down link (the page and filter that show what the row is made of).
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.models import Channel, OrganisationKind, Project

NO_MEASURE = _("No measure recorded")
NO_PARTNER_GROUP = _("No partner group recorded")
NO_KIND = _("Kind not recorded")
KINDS = dict(OrganisationKind.choices)
PROJECT = "agreement__project__"
REGION = f"{PROJECT}recipient__region__name"
GEOGRAPHIC = f"{PROJECT}recipient__region__geographic"
RECIPIENT, ISO2 = f"{PROJECT}recipient__name", f"{PROJECT}recipient__iso2"
CHANNEL, ACRONYM = f"{PROJECT}channel__name", f"{PROJECT}channel__acronym"
CHANNEL_ID = f"{PROJECT}channel"
PARTNER_GROUP = f"{PROJECT}channel__partner_group__name"
UNIT = "agreement__unit__name"
OBJECTIVE = f"{PROJECT}objective"
KIND = f"{PROJECT}channel__kind"
# The register is shallow (fixtures/reference/organisations.csv: at most two levels below the
# top), so a channel's family, its top-level parent, is the first ancestor found walking up
# FAMILY_DEPTH parents: a join per level, all in the grouped query. A missing ancestor is NULL
# (an outer join); names and acronyms are never NULL, so the first non-NULL one is the top's.
FAMILY_DEPTH = 4
FAMILY, FAMILY_ACRONYM, FAMILY_ID = "family", "family_acronym", "family_id"


def up(field):
    """The field of the channel and of each ancestor, the highest first."""
    paths = [f"{PROJECT}channel__{'parent__' * level}{field}" for level in range(FAMILY_DEPTH)]
    return Coalesce(*(F(path) for path in reversed(paths)))


FAMILY_FIELDS = {FAMILY: up("name"), FAMILY_ACRONYM: up("acronym"), FAMILY_ID: up("id")}
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
    annotations: dict | None = None  # expressions `fields` may name
    page: str | None = None  # the path of the id of the row's organisation, for a link to its page

    @property
    def geographic_basis(self):
        return self.geographic is not None

    def grouped(self, queryset, by_year=False):
        """The grouped query's rows (dicts with total, agreements, agreement_years)."""
        if self.grouping is not None:
            return self.grouping(queryset, by_year)
        years = ("year",) if by_year and "year" not in self.fields else ()
        if self.annotations:
            queryset = queryset.annotate(**self.annotations)
        return list(queryset.totals_by(*self.fields, *years))

    def in_base(self, row):
        """Does the grouped row count in the share base?"""
        return bool(row[self.geographic]) if self.geographic else True

    def page_url(self, row):
        """The row's organisation's own page, for dimensions whose rows are organisations."""
        if self.page is None:
            return None
        return Channel(pk=row[self.page]).get_absolute_url()  # the page's app is above this one

    def url(self, row, link):
        """The grouped row's drill-down URL from `link(target, parameter, value)`, or None."""
        if link is None or self.drill is None:
            return None
        value = (self.drill.value or self.key)(row)
        return None if value is None else link(self.drill.target, self.drill.parameter, value)


def named(name, acronym):
    return f"{name} ({acronym})" if acronym and acronym != name else name


def channel_label(row):
    return named(row[CHANNEL], row[ACRONYM])


def measure_label(row):
    if row["measure_id"] is None:
        return str(NO_MEASURE)
    label = gettext("Measure %(number)s") % {"number": row["number"]}
    return label + (f": {row['title']}" if row["title"] else "")


def by_measure(queryset, by_year):
    return queryset.totals_by_measure(by_year=by_year)


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
            drill=Drill("channel", "channel_family"), annotations=FAMILY_FIELDS, page=FAMILY_ID,
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
