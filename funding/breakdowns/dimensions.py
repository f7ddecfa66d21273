"""The dimensions a breakdown groups yearly amounts by: what each groups on and how a grouped row
becomes a key, a label and a drill-down link."""

from dataclasses import dataclass

from projects.models import Project

NO_MEASURE = "No measure recorded"
NO_PARTNER_GROUP = "No partner group recorded"
PROJECT = "agreement__project__"


@dataclass(frozen=True)
class Dimension:
    slug: str
    title: str
    fields: tuple
    default_sort: str = "-amount"
    geographic: str | None = None  # the path of the region's `geographic` flag
    one_per_agreement: bool = True  # does every agreement fall in exactly one row?

    @property
    def geographic_basis(self):
        return self.geographic is not None


DIMENSIONS = {
    dimension.slug: dimension
    for dimension in [
        Dimension(
            "region",
            "Region",
            (f"{PROJECT}recipient__region__name", f"{PROJECT}recipient__region__geographic"),
            geographic=f"{PROJECT}recipient__region__geographic",
        ),
        Dimension(
            "country",
            "Recipient country or region",
            (
                f"{PROJECT}recipient__name",
                f"{PROJECT}recipient__iso2",
                f"{PROJECT}recipient__region__geographic",
            ),
            geographic=f"{PROJECT}recipient__region__geographic",
        ),
        Dimension("channel", "Channel", (f"{PROJECT}channel__name", f"{PROJECT}channel__acronym")),
        Dimension("partner-group", "Partner group", (f"{PROJECT}channel__partner_group__name",)),
        Dimension("year", "Year", ("year",), default_sort="key", one_per_agreement=False),
        Dimension("unit", "Administering unit", ("agreement__unit__name",)),
        Dimension("measure", "Measure", (), default_sort="key", one_per_agreement=False),
        Dimension("objective", "Objective", (f"{PROJECT}objective",)),
    ]
}

OBJECTIVES = dict(Project.Objective.choices)


def describe(dimension, row):
    """(key, label, counts in the share base, drill-down (target, parameter, value))."""
    slug, in_base = dimension.slug, True
    if dimension.geographic:
        in_base = bool(row[dimension.geographic])
    if slug == "region":
        name = row[f"{PROJECT}recipient__region__name"]
        return name, name, in_base, ("country", "region", name)
    if slug == "country":
        name, iso2 = row[f"{PROJECT}recipient__name"], row[f"{PROJECT}recipient__iso2"]
        return iso2 or name, name, in_base, ("projects", "country", iso2 or name)
    if slug == "channel":
        name, acronym = row[f"{PROJECT}channel__name"], row[f"{PROJECT}channel__acronym"]
        label = f"{name} ({acronym})" if acronym and acronym != name else name
        return name, label, in_base, ("projects", "channel", name)
    if slug == "partner-group":
        name = row[f"{PROJECT}channel__partner_group__name"]
        drill = ("channel", "partner_group", name) if name else None
        return name, name or NO_PARTNER_GROUP, in_base, drill
    if slug == "year":
        year = row["year"]
        return year, str(year), in_base, ("projects", "year", year)
    if slug == "unit":
        name = row["agreement__unit__name"]
        return name, name, in_base, ("projects", "unit", name)
    if slug == "objective":
        value = row[f"{PROJECT}objective"]
        return value, OBJECTIVES.get(value, value), in_base, ("projects", "objective", value)
    if slug == "measure":
        if row["measure_id"] is None:
            return None, NO_MEASURE, in_base, None
        label = f"Measure {row['number']}" + (f": {row['title']}" if row["title"] else "")
        return row["number"], label, in_base, ("projects", "measure", row["measure_id"])
    raise ValueError(f"Unknown dimension {slug!r}.")
