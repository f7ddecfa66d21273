"""The basis the overview and the breakdowns open on, and the line that states it.

The report's figures are on direct funding (trafficking as the main objective), so a page whose
query string names no objective shows that; `objective=subsidiary` and `objective=all` are one
click away, and so is a choice of stages (the regional and country figures are on money paid or
allocated, the report's footnote 4). The default is written into the filters' data, so every
link the page builds names the objective and reproduces the view.
"""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from funding.models import YearlyAmount
from measures.models import Plan
from projects.filters import ALL_OBJECTIVES as ALL
from projects.models import Project

DEFAULT = {"objective": Project.Objective.MAIN}
OBJECTIVES = [  # (value, what the basis line says, the link's text)
    (Project.Objective.MAIN, _("direct funding (trafficking as the main objective)"), _("main")),
    (Project.Objective.SUBSIDIARY, _("trafficking as a subsidiary objective"), _("subsidiary")),
    (ALL, _("all objectives (main and subsidiary added together)"), _("all objectives")),
]
PAID_OR_ALLOCATED = [YearlyAmount.Status.DISBURSED, YearlyAmount.Status.ALLOCATED]
STAGES = [  # (label, statuses): the stage choices the basis line offers
    (_("all stages"), []),
    (_("paid or allocated"), PAID_OR_ALLOCATED),
    (_("planned"), [YearlyAmount.Status.PLANNED]),
]


def with_default_basis(data):
    """`data` (a QueryDict) with the default objective when it names none."""
    if data.get("objective"):
        return data
    data = data.copy()
    data.update(DEFAULT)
    return data


def basis_line(data):
    """The basis `data` (with the default applied) shows, in words, and one-click links to the
    other objectives and stages: {"objective", "stages", "objectives": [(label, url, current)],
    "stage_links": [(label, url, current)]}."""
    objective = data.get("objective")
    statuses = sorted(data.getlist("status"))
    stages = next((label for label, chosen in STAGES if sorted(chosen) == statuses), None)
    return {
        "objective": next(
            (said for value, said, _link in OBJECTIVES if value == objective), objective
        ),
        "stages": stages or ", ".join(statuses),
        "objectives": [
            (label, changed(data, objective=[value]), value == objective)
            for value, _said, label in OBJECTIVES
        ],
        "stage_links": [
            (label, changed(data, status=chosen), sorted(chosen) == statuses)
            for label, chosen in STAGES
        ],
    }


def changed(data, **lists):
    """A query string: `data` with the parameters in `lists` replaced (an empty list removes
    one), without `format`."""
    query = QueryDict(mutable=True)
    for name in data:
        query.setlist(name, data.getlist(name))
    query.pop("format", None)
    for name, values in lists.items():
        query.setlist(name, [str(value) for value in values])
    return f"?{query.urlencode()}"


def plan_years(data):
    """For the measure breakdown: each plan with measures, a link to its own years, and whether
    the filters let in money from years outside it (projects of 2000-2005 are tagged with the
    2006-2009 plan's measures, the plan in force)."""
    start, end = data.get("year_from"), data.get("year_to")
    out = []
    for plan in Plan.objects.filter(measures__isnull=False).distinct():
        inside = bool(start and end) and plan.start_year <= int(start) and int(end) <= plan.end_year
        url = changed(data, year_from=[plan.start_year], year_to=[plan.end_year])
        out.append({"plan": plan, "url": url, "outside": not inside})
    return out
