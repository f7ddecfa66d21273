"""The breakdown pages: the overview, the list of breakdowns and one breakdown (a table, its
chart and its downloads), all filtered by the query string."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .dimensions import DIMENSIONS
from .downloads import FORMATS, download
from .filters import funding_filter
from .tables import breakdown, by_year

HEADERS = {  # column: (title, CSS class)
    "label": ("Label", ""),
    "amount": ("Amount (NOK)", "num"),
    "share": ("Share", "num"),
    "agreements": ("Agreements", "num"),
    "agreement_years": ("Agreement-years", "num"),
}


def link(target, filterset, **params):
    """A URL to a breakdown (`target` a dimension slug) or the projects list, keeping filters."""
    query = QueryDict(filterset.query_string(), mutable=True)
    if "year" in params:
        year = params.pop("year")
        params.update(year_from=year, year_to=year)
    for name, value in params.items():
        query.setlist(name, [value])
    url = reverse("projects:list") if target == "projects" else reverse("breakdown", args=[target])
    return f"{url}?{query.urlencode()}" if query else url


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


def row_links(filterset):
    """The tables' `link(target, parameter, value)`: drill-down URLs that keep the filters."""
    return lambda target, parameter, value: link(target, filterset, **{parameter: value})


def with_filters(request):
    """The filter form, and whether it is valid; the page shows its errors if not."""
    f = funding_filter(request.GET)
    return f, f.is_valid()


@login_required
@require_GET
def breakdown_page(request, dimension):
    if dimension not in DIMENSIONS:
        raise Http404(f"There is no breakdown by {dimension!r}.")
    dimension = DIMENSIONS[dimension]
    f, valid = with_filters(request)
    matrix = request.GET.get("by") == "year"
    context = {"dimension": dimension, "dimensions": DIMENSIONS.values(), "filter": f}
    context.update(
        matrix=matrix, errors=[], formats=FORMATS, keep=[("by", "year")] if matrix else []
    )
    if request.GET.get("by") not in (None, "", "year"):
        context["errors"].append(f"“by” can only be “year”, not {request.GET['by']!r}.")
    if request.GET.get("format") not in (None, "", *FORMATS):
        context["errors"].append(
            f"Unknown format {request.GET['format']!r}; use csv, xlsx or json."
        )
    if not valid or context["errors"]:
        return render(request, "funding/breakdown.html", context, status=400)
    sort = request.GET.get("sort") or None
    try:
        table = (by_year if matrix else breakdown)(dimension, f.qs, sort, row_links(f))
    except ValueError as error:
        context["errors"].append(str(error))
        return render(request, "funding/breakdown.html", context, status=400)
    if request.GET.get("format"):
        return download(table, f, request.GET["format"])
    context.update(table=table, headers=sort_links(request, table.sort, table.columns))
    context.update(query=f.query_string(), chart=table.chart())
    return render(request, "funding/breakdown.html", context)


@login_required
@require_GET
def overview(request):
    f, valid = with_filters(request)
    context = {"filter": f, "dimensions": DIMENSIONS.values()}
    if not valid:
        return render(request, "funding/overview.html", context, status=400)
    amounts = f.qs
    tables = {
        slug: breakdown(DIMENSIONS[slug], amounts, link=row_links(f))
        for slug in ("objective", "region", "country", "channel")
    }
    objectives, regions = tables["objective"], tables["region"]
    context.update(
        objectives=objectives,
        main=objectives.row("main"),
        subsidiary=objectives.row("subsidiary"),
        profile=amounts.agreement_profile(),
        countries=tables["country"].rows[:10],
        channels=tables["channel"].rows[:10],
        regions=regions,
        region_chart=regions.chart(),
        links={slug: link(slug, f) for slug in DIMENSIONS} | {"projects": link("projects", f)},
    )
    return render(request, "funding/overview.html", context)


@login_required
@require_GET
def breakdown_index(request):
    f = funding_filter(request.GET)
    links = [(dimension, link(slug, f)) for slug, dimension in DIMENSIONS.items()]
    return render(request, "funding/breakdowns.html", {"links": links, "filter": f})
