"""The breakdown pages: the overview, the list of breakdowns and one breakdown (a table, its
chart and its downloads), all filtered by the query string. Every link a page shows is built
here, keeping the filters; the templates only print them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from projects.models import Project
from web.parameters import accepts

from .dimensions import DIMENSIONS
from .downloads import FORMATS, download
from .filters import FundingFilter, funding_filter
from .tables import breakdown, by_year

HEADERS = {  # column: (title, CSS class)
    "label": ("Label", ""),
    "amount": ("Amount (NOK)", "num"),
    "share": ("Share", "num"),
    "agreements": ("Agreements", "num"),
    "agreement_years": ("Agreement-years", "num"),
}
OVERVIEW = ("objective", "region", "country", "channel")


def link(target, query="", **params):
    """A URL to a breakdown (`target` a dimension slug) or the projects list, with the filters
    `query` (a query string) and `params` set."""
    query = QueryDict(query, mutable=True)
    if "year" in params:
        year = params.pop("year")
        params.update(year_from=year, year_to=year)
    for name, value in params.items():
        query.setlist(name, [value])
    url = reverse("projects:list") if target == "projects" else reverse("breakdown", args=[target])
    return f"{url}?{query.urlencode()}" if query else url


def row_links(query):
    """The tables' `link(target, parameter, value)`: drill-down URLs that keep the filters."""
    return lambda target, parameter, value: link(target, query, **{parameter: value})


def here(*parts):
    """A link to this page with the query-string `parts` that are not empty."""
    return "?" + "&".join(part for part in parts if part)


def sort_links(request, sort, columns):
    """Column headers: each with a link that sorts by it (again: the other way round)."""
    headers = []
    for name in columns:
        title, css = HEADERS[name]
        query = request.GET.copy()
        query.pop("format", None)
        query["sort"] = f"-{name}" if sort == name else name
        state = "ascending" if sort == name else "descending" if sort == f"-{name}" else None
        headers.append({"title": title, "url": f"?{query.urlencode()}", "css": css, "aria": state})
    return headers


def table_links(request, query, matrix):
    """The links around a breakdown's table: the other view of it, and its downloads."""
    by = "by=year" if matrix else ""
    sort = urlencode({"sort": request.GET["sort"]}) if request.GET.get("sort") else ""
    return {
        "switch_url": here(query) if matrix else here(query, "by=year"),
        "downloads": [(fmt, here(query, by, sort, f"format={fmt}")) for fmt in FORMATS],
    }


def page_errors(request):
    """What is wrong with the page's own parameters (`by`, `format`), not the filters'."""
    errors = []
    if request.GET.get("by") not in (None, "", "year"):
        errors.append(f"“by” can only be “year”, not {request.GET['by']!r}.")
    if request.GET.get("format") not in (None, "", *FORMATS):
        errors.append(f"Unknown format {request.GET['format']!r}; use csv, xlsx or json.")
    return errors


def with_filters(request):
    """The filter form, and whether it is valid; the page shows its errors if not."""
    f = funding_filter(request.GET)
    return f, f.is_valid()


@login_required
@require_GET
@accepts("by", "format", "sort", filters=FundingFilter)
def breakdown_page(request, dimension):
    if dimension not in DIMENSIONS:
        raise Http404(f"There is no breakdown by {dimension!r}.")
    dimension = DIMENSIONS[dimension]
    f, valid = with_filters(request)
    matrix = request.GET.get("by") == "year"
    context = {"dimension": dimension, "filter": f, "matrix": matrix}
    context.update(errors=page_errors(request), keep=[("by", "year")] if matrix else [])
    context["breakdowns"] = [(other, link(other.slug)) for other in DIMENSIONS.values()]
    if not valid or context["errors"]:
        return render(request, "funding/breakdown.html", context, status=400)
    query = f.query_string()
    try:
        table = (by_year if matrix else breakdown)(
            dimension, f.qs, request.GET.get("sort") or None, row_links(query)
        )
    except ValueError as error:
        context["errors"].append(str(error))
        return render(request, "funding/breakdown.html", context, status=400)
    if request.GET.get("format"):
        return download(table, f, request.GET["format"])
    context.update(table=table, headers=sort_links(request, table.sort, table.columns))
    context.update(query=query, chart=table.chart(), **table_links(request, query, matrix))
    context["breakdowns"] = [(other, link(other.slug, query)) for other in DIMENSIONS.values()]
    return render(request, "funding/breakdown.html", context)


@login_required
@require_GET
@accepts(filters=FundingFilter)
def overview(request):
    f, valid = with_filters(request)
    if not valid:
        return render(request, "funding/overview.html", {"filter": f}, status=400)
    amounts, query = f.qs, f.query_string()
    links = row_links(query)
    tables = {slug: breakdown(DIMENSIONS[slug], amounts, link=links) for slug in OVERVIEW}
    objectives, regions = tables["objective"], tables["region"]
    context = {
        "filter": f,
        "objectives": objectives,
        "main": objectives.row(Project.Objective.MAIN),
        "subsidiary": objectives.row(Project.Objective.SUBSIDIARY),
        "profile": amounts.agreement_profile(),
        "countries": tables["country"].rows[:10],
        "channels": tables["channel"].rows[:10],
        "regions": regions,
        "region_chart": regions.chart(),
        "links": {target: link(target, query) for target in [*DIMENSIONS, "projects"]},
    }
    return render(request, "funding/overview.html", context)


@login_required
@require_GET
@accepts(filters=FundingFilter)
def breakdown_index(request):
    query = funding_filter(request.GET).query_string()
    links = [(dimension, link(slug, query)) for slug, dimension in DIMENSIONS.items()]
    return render(request, "funding/breakdowns.html", {"links": links})
