"""Efforts grouped as the report groups them: by region, then by country (or the place the
effort names instead), each with its linked projects' amounts for the effort's year.

Headings are the records' own names. Region: the effort's region, "Global efforts" for the
region that is not geographically allocated, none when the effort names no region. Place (the
second heading): the one country or regional recipient the effort names; with several, the
regional recipient among them, else the recipient its projects share, else the countries
themselves ("Albania and Greece"); with no country (or under "Global efforts"), the
organisation or forum. Regions come in alphabetical order, "Global efforts" last; places
countries first, then regional recipients, then organisations, each alphabetically.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from funding.models import Fact

GLOBAL = _("Global efforts")
COUNTRY, REGIONAL, ORGANISATION = 1, 2, 3


@dataclass
class LinkedProject:
    project: object
    amount: Decimal | None  # the project's money in the effort's year, None if it has none


@dataclass
class Entry:
    effort: object
    projects: list


@dataclass
class Place:
    heading: str
    entries: list = field(default_factory=list)


@dataclass
class RegionGroup:
    heading: str
    places: list = field(default_factory=list)


def project_amounts(efforts):
    """(project id, year) -> the project's total in that year, in one grouped query."""
    wanted = {(p.pk, e.reported_in) for e in efforts for p in e.projects.all()}
    if not wanted:
        return {}
    rows = Fact.objects.filter(
        project__in={pk for pk, _ in wanted}, year__in={year for _, year in wanted}
    ).totals_by("project", "year")
    return {(row["project"], row["year"]): row["total"] for row in rows}


def joined(names):
    names = sorted(names)
    if len(names) == 1:
        return names[0]
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def organisation_name(effort):
    organisation = effort.organisation
    return (organisation.acronym or organisation.name) if organisation else ""


def region_of(effort):
    """(sort rank, heading) of the effort's region; ("", "") when it names none."""
    if effort.region is None:
        return (0, "")
    if not effort.region.geographic:
        return (2, str(GLOBAL))
    return (1, effort.region.in_language())


def place_of(effort):
    """(sort rank, heading) of the effort's second heading; (0, "") when it has none."""
    countries = list(effort.countries.all())
    if (effort.region is not None and not effort.region.geographic) or not countries:
        name = organisation_name(effort)
        return (ORGANISATION, name) if name else (0, "")
    if len(countries) == 1:
        only = countries[0]
        return (COUNTRY if only.kind == "country" else REGIONAL, only.in_language())
    regional = sorted(c.in_language() for c in countries if c.kind != "country")
    if regional:
        return (REGIONAL, regional[0])
    shared = {p.recipient.in_language(): p.recipient.kind for p in effort.projects.all()}
    if len(shared) == 1:
        name, kind = shared.popitem()
        return (COUNTRY if kind == "country" else REGIONAL, name)
    return (COUNTRY, joined(c.in_language() for c in countries))


def grouped(efforts, amounts):
    """`efforts` (prefetched with for_report) as RegionGroups of Places of Entries."""
    regions = {}
    for effort in efforts:
        linked = [
            LinkedProject(p, amounts.get((p.pk, effort.reported_in))) for p in effort.projects.all()
        ]
        region = regions.setdefault(region_of(effort), {})
        region.setdefault(place_of(effort), []).append(Entry(effort, linked))
    return [
        RegionGroup(
            heading,
            [
                Place(place_heading, entries)
                for (_rank, place_heading), entries in sorted(
                    places.items(), key=lambda item: (item[0][0], item[0][1].casefold())
                )
            ],
        )
        for (_rank, heading), places in sorted(regions.items())
    ]
