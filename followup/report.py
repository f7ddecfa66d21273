"""The yearly report's draft, built only from the records, in the 2007 report's structure:
1 the plan, its goals and measures; 2 the funding summary (followup/summary.py); 3… one
section per measure with anything recorded for the year, its efforts grouped by region and
country (followup/grouping.py); then the measures with nothing recorded.

Writers (the HTML template, followup/word.py) only lay out what `build_report` returns.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.models import Ministry
from web.formats import nok

from .grouping import grouped, project_amounts
from .models import Effort
from .overview import by_goal, measure_lines, plan_for
from .summary import summary_paragraphs

FIRST_MEASURE_SECTION = 3
MINISTRY = "Ministry of Foreign Affairs"
SUMMARY_HEADING = _("Scope and distribution of project support")


def status_text(line):
    """The status and funding sentence under a measure's heading."""
    funding = nok(line.funding.amount if line.funding else 0, code=True)
    text = gettext("Status: %(status)s.") % {"status": line.status} + " "
    text += gettext("Funding through projects (by measure share):") + f" {funding}."
    return f"{text} {line.summary}" if line.summary else text


@dataclass
class Section:
    number: int
    line: object  # overview.MeasureLine: the measure, its status, funding and effort count
    regions: list  # grouping.RegionGroup

    @property
    def heading(self):
        measure = self.line.measure
        title = measure.title or gettext("(title missing)")
        return gettext("%(section)s. Measure %(number)s: %(title)s") % {
            "section": self.number,
            "number": measure.number,
            "title": title,
        }


@dataclass
class Report:
    year: int
    plan: object
    goals: list  # [(goal title, [MeasureLine])]
    goal_count: int
    ministry_measures: int
    summary: list  # section 2.2's paragraphs: lists of text and summary.Figure parts
    funding_url: str
    sections: list
    unrecorded: list  # MeasureLines with nothing recorded for the year

    summary_heading = SUMMARY_HEADING

    @property
    def title(self):
        return gettext(
            "The Norwegian Ministry of Foreign Affairs' measures to combat human trafficking: "
            "report on efforts carried out %(year)s"
        ) % {"year": self.year}

    @property
    def introduction(self):
        plan = self.plan
        return gettext(
            "This report gives an account of the Ministry of Foreign Affairs' follow-up in "
            "%(year)s of the Government's plan of action %(plan)s, which sets out a total of "
            "%(measures)s measures under %(goals)s goals. The Ministry of Foreign Affairs is "
            "responsible alone or together with other ministries for %(ministry_measures)s of the "
            "measures. The efforts described are grouped under each measure by region and country."
        ) % {
            "year": self.year,
            "plan": plan,
            "measures": sum(len(lines) for _goal, lines in self.goals),
            "goals": self.goal_count,
            "ministry_measures": self.ministry_measures,
        }

    @property
    def empty(self):
        return not self.sections


def build_report(year):
    """The draft of the yearly report for `year`; None when no plan of action has measures."""
    plan = plan_for(year)
    if plan is None:
        return None
    lines, funding_url = measure_lines(plan, year)
    efforts = list(
        Effort.objects.for_year(year).filter(measures__plan=plan).distinct().for_report()
    )
    amounts = project_amounts(efforts)
    by_measure = {}
    for effort in efforts:
        for measure in effort.measures.all():
            by_measure.setdefault(measure.pk, []).append(effort)
    recorded = [line for line in lines if line.recorded]
    sections = [
        Section(number, line, grouped(by_measure.get(line.measure.pk, []), amounts))
        for number, line in enumerate(recorded, start=FIRST_MEASURE_SECTION)
    ]
    ministry = Ministry.objects.filter(name=MINISTRY).first()
    return Report(
        year=year,
        plan=plan,
        goals=by_goal(lines),
        goal_count=plan.goals.count(),
        ministry_measures=plan.measures.filter(responsible_ministries=ministry).count()
        if ministry
        else 0,
        summary=summary_paragraphs(year),
        funding_url=funding_url,
        sections=sections,
        unrecorded=[line for line in lines if not line.recorded],
    )
