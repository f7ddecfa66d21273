"""The dimensions a breakdown groups the funding facts by.

Each dimension names the facts' column its query groups by (`column`) and how a group of that
column becomes a row (`group`): its key (stable: what downloads and filters name the row by),
its label (what people read), whether it counts in the share base, its drill-down value and its
organisation's page. Several groups may make one row (the countries of a region, the channels
of a kind): they are added up, which is exact because every fact of an agreement has the same
recipient, channel, unit and objective, so no agreement is counted in two groups of a row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.models import OrganisationKind, Project

from .names import Names

NO_MEASURE = _("No measure recorded")
NO_PARTNER_GROUP = _("No partner group recorded")
NO_KIND = _("Kind not recorded")
MEASURE_NOTE = _(
    "Each yearly amount is split by its project's measure shares, in øre, the øre left by "
    "rounding down going to the largest remainders, so the parts add up to the amount exactly; "
    "projects without measures show as “No measure recorded”. An agreement serving several "
    "measures counts in each of their rows' agreement columns, but its money only once."
)
YEAR_NOTE = _("An agreement funded in several years counts in each year's agreement column.")
COUNTS = ("total", "agreements", "agreement_years", "counted_agreements", "counted_years")


@dataclass(frozen=True)
class Group:
    """What a row of a breakdown is: see the module's text."""

    key: object
    label: str
    in_base: bool = True
    drill: object = None  # the drill-down filter's value; None: the row has no drill-down
    page: int | None = None  # the organisation whose page the row links to


@dataclass(frozen=True)
class Drill:
    """Where a row leads: a breakdown (a dimension's slug) or "projects", filtered by
    `parameter` set to the row's drill value."""

    target: str
    parameter: str


@dataclass(frozen=True)
class Dimension:
    slug: str
    title: str
    column: str  # the facts' column the grouped query groups by
    group: Callable  # (Names, the column's value) -> Group
    drill: Drill | None = None
    default_sort: str = "-amount"  # key, label or amount (`-`: descending), as both tables sort
    geographic: bool = False  # is the share base the geographically allocated total?
    parts: bool = False  # does it group the facts' measure parts (FactPart)?
    note: str = ""  # said after the share basis

    def grouped(self, facts, by_year=False, names=None, counted=True):
        """The rows of `facts` (a FactQuerySet) by this dimension (and year): [{"group": Group,
        "year": …, total, agreements, agreement_years, counted_agreements, counted_years}]
        (the total alone unless `counted`)."""
        columns = [self.column, *(["year"] if by_year and self.column != "year" else [])]
        rows = facts.totals_by(*columns, counted=counted)
        return rolled_up(self, rows, names or Names(), by_year)


def rolled_up(dimension, rows, names, by_year=False):
    """The grouped `rows` added up by the Group each falls in (and year), in their order."""
    out = {}
    for row in rows:
        group = dimension.group(names, row[dimension.column])
        year = row["year"] if by_year or dimension.column == "year" else None
        summed = out.setdefault((group.key, year), {"group": group, "year": year})
        for name in COUNTS:
            if name in row:
                summed[name] = summed.get(name, 0) + row[name]
    return list(out.values())


def named(name, acronym):
    return f"{name} ({acronym})" if acronym and acronym != name else name


def region(names, pk):
    region = names.recipients[pk].region
    return Group(region.name, region.in_language(), region.geographic, region.name)


def country(names, pk):
    recipient = names.recipients[pk]
    key = recipient.iso2 or recipient.name
    return Group(key, names.name(recipient), recipient.region.geographic, key)


def channel(names, pk):
    channel = names.channels[pk]
    label = named(names.name(channel), channel.acronym)
    return Group(channel.name, label, drill=channel.name, page=channel.pk)


def kind(names, pk):
    value = names.channels[pk].kind
    label = str(dict(OrganisationKind.choices).get(value) or NO_KIND)
    return Group(value, label, drill=value or None)


def family(names, pk):
    top = names.family(names.channels[pk])
    return Group(top.name, named(top.in_language(), top.acronym), drill=top.name, page=top.pk)


def partner_group(names, pk):
    group = names.channels[pk].partner_group
    name = group.name if group else None
    return Group(name, group.in_language() if group else str(NO_PARTNER_GROUP), drill=name)


def unit(names, pk):
    unit = names.units[pk]
    return Group(unit.name, unit.in_language(), drill=unit.name)


def measure(names, pk):
    if pk is None:
        return Group(None, str(NO_MEASURE))
    measure = names.measures[pk]
    label = gettext("Measure %(number)s") % {"number": measure.number}
    title = measure.in_language()
    label += f": {title}" if title else ""
    return Group(measure.number, label, drill=measure.pk)


def objective(names, value):
    label = str(dict(Project.Objective.choices).get(value, value))
    return Group(value, label, drill=value)


def year(names, value):
    return Group(value, str(value), drill=value)


DIMENSIONS = {
    dimension.slug: dimension
    for dimension in [
        Dimension("region", _("Region"), "recipient", region, Drill("country", "region"),
                  geographic=True),
        Dimension("country", _("Recipient country or region"), "recipient", country,
                  Drill("projects", "country"), geographic=True),
        Dimension("channel", _("Channel"), "channel", channel, Drill("projects", "channel")),
        Dimension("organisation-kind", _("Organisation kind"), "channel", kind,
                  Drill("channel", "channel_kind")),
        Dimension("organisation-family", _("Organisation family"), "channel", family,
                  Drill("channel", "channel_family")),
        Dimension("partner-group", _("Partner group"), "channel", partner_group,
                  Drill("channel", "partner_group")),
        Dimension("year", _("Year"), "year", year, Drill("projects", "year"),
                  default_sort="key", note=YEAR_NOTE),
        Dimension("unit", _("Administering unit"), "unit", unit, Drill("projects", "unit")),
        Dimension("measure", _("Measure"), "measure", measure, Drill("projects", "measure"),
                  default_sort="key", parts=True, note=MEASURE_NOTE),
        Dimension("objective", _("Objective"), "objective", objective,
                  Drill("projects", "objective")),
    ]
}  # fmt: skip
