"""Section 2 of the yearly report: the report's own sentences, each figure filled in from the
records by breakdowns.published (the computations of fixtures/published_figures.csv, the same as
/published/) and linked to the breakdown behind it. docs/follow-up.md lists which sentence
takes which figure."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from breakdowns.published import reconcile
from web.formats import count, percent

MILLION = Decimal(1_000_000)
NO_DATA = _("[no data]")

# Each paragraph: text with {figure key} placeholders, as the 2007 report words it.
PARAGRAPHS = [
    _(
        "Project funding of around {direct_2003_2007} was awarded from 2003 to the end of 2007. "
        "In addition, funding of {subsidiary_2003_2007} was awarded in the same period to "
        "projects where the fight against human trafficking was a subsidiary objective. For the "
        "period 2007–2009, direct project support amounting to {planned_2007_2009} is already "
        "planned. A total of {subsidiary_total_2000_2010} will be directed to projects where the "
        "fight against human trafficking is a subsidiary objective, while the total assistance "
        "provided via the Ministry's budget to projects aimed directly at the fight against human"
        " trafficking amounts to {direct_total_2000_2010} for the 2000–2010 period."
    ),
    _(
        "The {projects_count} projects and project plans approved for funding in the 2000–2010 "
        "period are covered by some {agreements_count} agreements. Of these, "
        "{agreements_one_year} are of one year's duration, while {agreements_multi_year} run over"
        " several (two or more) years. Of the one-year agreements, {one_year_west_balkans} are "
        "administered by the West Balkans Section, {one_year_human_rights} by the Section for "
        "Human Rights and Democracy, and {one_year_global_security} by the Section for Global "
        "Security and the CIS Countries."
    ),
    _(
        "{agreements_le_1m_share} of the agreements receive annual funding of NOK 1 million or "
        "less; {projects_le_100k} of the {projects_count} projects that have been approved for "
        "funding receive NOK 100 000 or less. Europe receives {region_europe_share} of the total,"
        " and Bosnia and Herzegovina {country_bih_share} of the total, i.e. approximately "
        "{country_bih_amount}. Asia receives around {region_asia_share} ({region_asia_amount}), "
        "and Africa {region_africa_share} ({region_africa_amount}) of the total project funds."
    ),
    _(
        "The International Organization for Migration (IOM) receives a total of {channel_iom}. "
        "Altogether around {channel_group_un} has been allocated to UN organisations, "
        "{channel_unicef} of which to UNICEF. Around {channel_group_norwegian_ngo} has been "
        "allocated to Norwegian NGOs, among them Save the Children Norway, which will receive "
        "{channel_save_the_children_norway}."
    ),
    _(
        "Funding for projects in the West Balkans in 2007 was {balkans_2007_vs_2006} of the "
        "funding in 2006."
    ),
]


@dataclass
class Figure:
    """A figure in a sentence: its text, the breakdown behind it and the published figure."""

    text: str
    url: str
    source: object  # breakdowns.published.Figure

    def __str__(self):
        return self.text


def written(figure):
    """The figure as the report writes it: NOK in millions, counts, shares in per cent."""
    value = figure.computed
    if value is None:
        return str(NO_DATA)
    if figure.unit == "NOK":
        millions = count((value / MILLION).quantize(Decimal(1)))
        return gettext("NOK %(millions)s million") % {"millions": millions}
    if figure.unit == "count":
        return count(value)
    return percent(value, 0)


def parts(template, figures):
    """The paragraph as a list of text and Figure parts."""
    result = []
    for index, piece in enumerate(template.replace("}", "{").split("{")):
        if index % 2:
            result.append(figures[piece])
        elif piece:
            result.append(piece)
    return result


def summary_paragraphs():
    """Section 2.2's paragraphs, each a list of text and Figure parts."""
    figures = {}
    for figure in reconcile():
        figures[figure.key] = Figure(written(figure), figure.url, figure)
    return [parts(str(template), figures) for template in PARAGRAPHS]
