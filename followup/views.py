"""The follow-up pages: the measures in a year, one measure over the years, and the yearly
report's draft (HTML to read or print, or Word)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from measures.models import Measure
from web.parameters import accepts

from .overview import (
    BadYear,
    by_goal,
    checked_year,
    latest_year,
    measure_lines,
    measure_record,
    plan_for,
)
from .report import build_report
from .word import write_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("", "html", "docx")


def bad_request(request, message):
    return render(request, "followup/bad_request.html", {"message": message}, status=400)


@login_required
@require_GET
@accepts("year")
def measure_list(request):
    try:
        given = request.GET.get("year", "")
        year = checked_year(given) if given else latest_year() or datetime.date.today().year
    except BadYear as error:
        return bad_request(request, str(error))
    plan = plan_for(year)
    lines, funding_url = measure_lines(plan, year) if plan else ([], "")
    context = {"year": year, "plan": plan, "goals": by_goal(lines), "funding_url": funding_url}
    return render(request, "followup/measure_list.html", context)


@login_required
@require_GET
@accepts()
def measure_detail(request, plan, number):
    start, _sep, end = plan.partition("-")
    if not (start.isdigit() and end.isdigit()):
        raise Http404(_("A plan is named by its period, e.g. 2006-2009."))
    measure = get_object_or_404(
        Measure.objects.select_related("plan", "goal", "lead_ministry"),
        plan__start_year=int(start), plan__end_year=int(end), number=number,
    )  # fmt: skip
    return render(request, "followup/measure_detail.html", {"record": measure_record(measure)})


@login_required
@require_GET
@accepts()
def latest_report(request):
    return redirect("report", latest_year() or datetime.date.today().year)


@login_required
@require_GET
@accepts("format")
def report(request, year):
    fmt = request.GET.get("format", "")
    try:
        year = checked_year(year)
        if fmt not in FORMATS:
            raise BadYear(_("The report comes as html or docx, not %(format)r.") % {"format": fmt})
    except BadYear as error:
        return bad_request(request, str(error))
    draft = build_report(year)
    if fmt == "docx" and draft is not None:
        response = HttpResponse(write_docx(draft), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="report-{year}.docx"'
        return response
    return render(request, "followup/report.html", {"report": draft, "year": year})
