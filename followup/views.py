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
    plan_year_links,
)
from .report import build_report
from .word import write_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("", "html", "docx")
LANGUAGES = ("", "nb", "en")
YEARS = ("", "all", "plan")  # a measure's funding over all years (the default) or the plan's


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
    context["plan_years"] = plan_year_links(plan, year)
    return render(request, "followup/measure_list.html", context)


@login_required
@require_GET
@accepts("years")
def measure_detail(request, plan, number):
    years = request.GET.get("years", "")
    if years not in YEARS:
        message = _("The years are “plan” (the plan's own years) or “all”, not %(value)r.") % {
            "value": years
        }
        return bad_request(request, message)
    start, _sep, end = plan.partition("-")
    if not (start.isdigit() and end.isdigit()):
        raise Http404(_("A plan is named by its period, e.g. 2006-2009."))
    measure = get_object_or_404(
        Measure.objects.select_related("plan", "goal", "lead_ministry"),
        plan__start_year=int(start), plan__end_year=int(end), number=number,
    )  # fmt: skip
    record = measure_record(measure, plan_only=years == "plan")
    return render(request, "followup/measure_detail.html", {"record": record})


@login_required
@require_GET
@accepts()
def latest_report(request):
    return redirect("report", latest_year() or datetime.date.today().year)


@login_required
@require_GET
@accepts("format", "draft", "language")
def report(request, year):
    """The report on `year`, or with ?draft=1 the editors' working draft; in the interface's
    language, or with ?language=nb|en in that one."""
    fmt, draft = request.GET.get("format", ""), request.GET.get("draft", "")
    language = request.GET.get("language", "")
    try:
        year = checked_year(year)
        if fmt not in FORMATS:
            raise BadYear(_("The report comes as html or docx, not %(format)r.") % {"format": fmt})
        if draft not in ("", "0", "1"):
            raise BadYear(
                _("draft is 1 (the working draft) or 0, not %(value)r.") % {"value": draft}
            )
        if language not in LANGUAGES:
            raise BadYear(
                _("The report is written in nb or en, not %(value)r.") % {"value": language}
            )
    except BadYear as error:
        return bad_request(request, str(error))
    document = build_report(year, draft=draft == "1", language=language or None)
    if fmt == "docx" and document is not None:
        response = HttpResponse(write_docx(document), content_type=DOCX)
        name = f"report-{year}{'-draft' if draft == '1' else ''}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {"report": document, "year": year, "draft": draft == "1"}
    context["language_query"] = f"&language={language}" if language else ""
    return render(request, "followup/report.html", context)
