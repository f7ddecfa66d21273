"""The measures and their follow-up in a year: status, funding (the measure breakdown, split by
measure share) and efforts; and one measure's record over the years."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from breakdowns import charts
from breakdowns.dimensions import DIMENSIONS
from breakdowns.filters import funding_filter
from breakdowns.links import link
from breakdowns.tables import breakdown, by_year
from funding.models import YearlyAmount
from measures.models import YEAR_MAX, YEAR_MIN, MeasureStatus, Plan, implausible_year
from projects.filters import ALL_OBJECTIVES

from .grouping import grouped, project_amounts
from .models import Effort

NO_GOAL = _("Measures without a goal recorded")


class BadYear(ValueError):
    """A year in the query string or the URL that is not a plausible year."""


def checked_year(value):
    """`value` (text) as a year between YEAR_MIN and YEAR_MAX, else BadYear."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise BadYear(
            gettext("%(value)r is not a year; give one such as 2007.") % {"value": value}
        ) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise BadYear(implausible_year(year))
    return year


def last_year_of(model, field="year"):
    """The latest `field` (a year) among `model`'s records, or None."""
    return model.objects.aggregate(year=Max(field))["year"]


def latest_year():
    """The latest year with follow-up records (efforts, statuses), else with amounts, else None."""
    found = (last_year_of(Effort, "reported_in"), last_year_of(MeasureStatus))
    years = [year for year in found if year is not None]
    return max(years) if years else last_year_of(YearlyAmount)


def plan_for(year):
    """The latest plan with measures that had started by `year` (else the earliest), or None."""
    plans = Plan.objects.filter(measures__isnull=False).distinct().order_by("-start_year")
    return plans.filter(start_year__lte=year).first() or plans.last()


def plan_year_links(plan, year):
    """[(year, url)]: each of the plan's years with a link to its list, when `year` lies outside
    them (plan_for fell back to the nearest plan with measures); else []."""
    if plan is None or year in plan.years:
        return []
    return [(own, f"{reverse('measures')}?year={own}") for own in plan.years]


def funding_query(plan, year=None, measure=None, years=None):
    """The breakdown filters behind a measure's funding: the plan or the measure, the year or
    the span of `years` (first, last), and every objective (the breakdown pages open on the main
    objective, so the link says so to show the same numbers)."""
    query = QueryDict(mutable=True)
    query["objective"] = ALL_OBJECTIVES
    if measure is not None:
        query["measure"] = str(measure.pk)
    elif plan is not None:
        query["plan"] = str(plan.pk)
    if year is not None:
        years = (year, year)
    if years is not None:
        query.update({"year_from": str(years[0]), "year_to": str(years[1])})
    return query


def funding_by_measure(plan, year):
    """The measure breakdown of `year` for the plan's projects: measure number -> Row, and the
    link to the breakdown page."""
    query = funding_query(plan, year)
    f = funding_filter(query)
    if not f.is_valid():  # our own values: a failure is a bug, not a user error
        raise ValueError(f.errors.as_text())
    table = breakdown(DIMENSIONS["measure"], f.parts())
    return {row.key: row for row in table.rows}, link("measure", query.urlencode())


def measure_url(measure):
    """The measure's page: /measures/<plan period>/<number>/."""
    plan = measure.plan
    return reverse("measure", args=[f"{plan.start_year}-{plan.end_year}", measure.number])


@dataclass
class MeasureLine:
    measure: object
    status: str
    summary: str
    funding: object  # the measure breakdown's Row, or None
    efforts: int
    ours: bool = True  # is the ministry using the tracker responsible for it?

    @property
    def url(self):
        return measure_url(self.measure)

    @property
    def recorded(self):
        """Has anything been recorded for the measure this year (a status or an effort)?"""
        return bool(self.efforts or self.status != str(MeasureStatus.NOT_RECORDED))

    @property
    def missing(self):
        """Is follow-up missing: nothing recorded for a measure of the tracker's ministry?"""
        return self.ours and not self.recorded


def measure_lines(plan, year):
    """Every measure of the plan with its year's status, funding and number of efforts."""
    statuses = {
        s.measure_id: s for s in MeasureStatus.objects.filter(measure__plan=plan, year=year)
    }
    funding, url = funding_by_measure(plan, year)
    # in number order: Django drops Meta.ordering from a grouped query (the count)
    measures = (
        plan.measures.select_related("goal", "plan")
        .annotate(
            effort_count=Count("efforts", filter=Q(efforts__reported_in=year), distinct=True),
            ours=Count(
                "responsible_ministries",
                filter=Q(responsible_ministries__name=settings.TRACKER_MINISTRY),
                distinct=True,
            ),
        )
        .order_by("number")
    )
    lines = []
    for measure in measures:
        status = statuses.get(measure.pk)
        lines.append(
            MeasureLine(
                measure,
                status.label if status else str(MeasureStatus.NOT_RECORDED),
                status.summary if status else "",
                funding.get(measure.number),
                measure.effort_count,
                bool(measure.ours),
            )
        )
    return lines, url


def by_goal(lines):
    """[(goal title, lines)] in the plan's order, measures without a goal last."""
    goals = {}
    for line in lines:
        goal = line.measure.goal
        goals.setdefault(str(goal) if goal else NO_GOAL, []).append(line)
    return list(goals.items())


def spans(years):
    """Sorted years in words, runs joined by an en dash: [2000, 2001, 2002, 2005] gives
    "2000-2002, 2005" (with the dash)."""
    runs = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


@dataclass
class MeasureRecord:
    measure: object
    statuses: list
    funding: list  # [(year, amount)]
    chart: dict
    funding_url: str
    regions: list  # grouping.RegionGroup
    plan_only: bool  # only the plan's own years (years=plan), else all years
    outside: str = ""  # the funded years outside the plan's, in words (see `spans`)

    @property
    def year_links(self):
        """[(label, url, current)]: the plan's own years or all years, one click each."""
        own = gettext("the plan's own years (%(period)s)") % {"period": self.measure.plan.period}
        return [
            (own, "?years=plan", self.plan_only),
            (gettext("all years"), "?years=all", not self.plan_only),
        ]


def measure_record(measure, plan_only=False):
    """The measure's statuses, funding by year (its row of the measure-by-year breakdown, over
    the plan's own years if `plan_only`) and efforts grouped by region and country."""
    plan = measure.plan
    span = (plan.start_year, plan.end_year) if plan_only else None
    query = funding_query(None, measure=measure, years=span)
    matrix = by_year(DIMENSIONS["measure"], funding_filter(query).parts())
    row = next((row for row in matrix.rows if row.key == measure.number), None)
    funding = list(zip(matrix.years, row.cells, strict=True)) if row else []
    efforts = list(measure.efforts.for_report().order_by("reported_in", "order", "pk"))
    outside = [year for year, amount in funding if amount and year not in plan.years]
    return MeasureRecord(
        measure,
        list(measure.statuses.all()),
        funding,
        charts.bars((str(year), amount) for year, amount in funding),
        link("measure", f"{query.urlencode()}&by=year"),
        grouped(efforts, project_amounts(efforts)),
        plan_only,
        spans(outside),
    )
