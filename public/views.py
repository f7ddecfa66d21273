"""The public site's pages (access.py: only with PUBLIC_SITE, rate-limited): the closed years,
each year's report as sent and its published figures as closed, and the IATI files of the
closed years. Each is the same for every visitor and comes from the data-versioned cache
(web/caching.py); a year that is not closed answers 404."""

from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from breakdowns.basis import basis_line, with_default_basis
from breakdowns.dimensions import DIMENSIONS
from breakdowns.filters import funding_filter
from breakdowns.tables import breakdown
from followup.report import build_report
from funding.models import ClosedYear, YearlyAmount
from iati.export import export_iati
from iati.reference import NotConfigured
from iati.views import not_configured
from web.caching import Fragment, cached_content, cached_stream
from web.parameters import accepts

from .access import public
from .figures import figures_as_closed, totals_as_closed

XML = "application/xml; charset=utf-8"
# The breakdowns of one closed year: every dimension but the year itself.
PUBLIC_DIMENSIONS = [d for slug, d in DIMENSIONS.items() if slug != "year"]


def content(template, context, title):
    return Fragment(str(title), render_to_string(template, context))


def closed_year(year):
    """The ClosedYear of `year`; 404 for a year that is not closed."""
    return get_object_or_404(ClosedYear, year=year)


@public
@require_GET
@accepts()
@cached_content
def index(request):
    years = list(ClosedYear.objects.order_by("-year").values_list("year", flat=True))
    context = {"years": years, "dimensions": PUBLIC_DIMENSIONS}
    return content("public/index.html", context, _("Published years"))


@public
@require_GET
@accepts()
@cached_content
def report(request, year):
    """The report on a closed year as it is sent (never the draft), in the page's language."""
    closed = closed_year(year)
    document = build_report(closed.year)
    if document is None:
        raise Http404(f"There is no report on {year}.")
    title = _("Report %(year)s") % {"year": closed.year}
    return content("public/report.html", {"report": document, "year": closed.year}, title)


@public
@require_GET
@accepts()
@cached_content
def published(request, year):
    closed = closed_year(year)
    context = {
        "year": closed.year,
        "figures": figures_as_closed(closed),
        "totals": totals_as_closed(closed),
    }
    title = _("Published figures %(year)s") % {"year": closed.year}
    return content("public/published.html", context, title)


@public
@require_GET
@accepts()
@cached_content
def breakdown_page(request, year, dimension):
    """A closed year's funding by `dimension`, on the breakdowns' default basis (direct
    funding, every stage), without the analysts' filters and links."""
    closed = closed_year(year)
    if dimension not in DIMENSIONS or dimension == "year":
        raise Http404(f"There is no public breakdown by {dimension!r}.")
    dimension = DIMENSIONS[dimension]
    data = with_default_basis(QueryDict(f"year_from={closed.year}&year_to={closed.year}"))
    f = funding_filter(data)
    f.is_valid()  # a closed year is within the filters' years
    table = breakdown(dimension, f.facts(dimension))
    context = {"year": closed.year, "dimension": dimension, "table": table}
    context["basis"], context["dimensions"] = basis_line(f.data), PUBLIC_DIMENSIONS
    title = _("%(title)s %(year)s") % {"title": dimension.title, "year": closed.year}
    return content("public/breakdown.html", context, title)


def closed_amounts():
    """The yearly amounts of the closed years: the only ones the public IATI files hold."""
    return YearlyAmount.objects.filter(year__in=ClosedYear.objects.values("year"))


def xml_file(request, name, organisation=False):
    """The IATI file of the closed years, streamed (from the cache once sent whole)."""
    try:
        export = export_iati(closed_amounts(), organisation=organisation)
    except NotConfigured as error:
        return not_configured(request, error)
    response = StreamingHttpResponse(cached_stream(request, export.pieces), content_type=XML)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@public
@require_GET
@accepts()
def activities_xml(request):
    return xml_file(request, "iati-activities.xml")


@public
@require_GET
@accepts()
def organisation_xml(request):
    return xml_file(request, "iati-organisation.xml", organisation=True)
