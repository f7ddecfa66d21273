"""The breakdown pages: the overview, the list of breakdowns and one breakdown (a table, its
chart and its downloads), all filtered by the query string; and the published figures. The
links a page shows are built in breakdowns/links.py, keeping the filters; the templates only
print them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from funding.models import ClosedYear
from projects.models import Project
from web.caching import Fragment, cached_content
from web.parameters import accepts

from .basis import ALL, basis_line, plan_years, with_default_basis
from .closing import compare_with_snapshot
from .dimensions import DIMENSIONS
from .downloads import FORMATS, download
from .filters import FundingFilter, funding_filter
from .links import link, row_links
from .overview import TOP, overview_tables, summed
from .published import reconcile, status_counts
from .tables import breakdown, by_year

HEADERS = {  # column: (title, CSS class)
    "label": (_("Label"), ""),
    "amount": (_("Amount (NOK)"), "num"),
    "share": (_("Share"), "num"),
    "agreements": (_("Agreements"), "num"),
    "agreement_years": (_("Agreement-years"), "num"),
}


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
    """The filter form on the page's basis (basis.py: the main objective unless the query
    names one), and whether it is valid; the page shows its errors if not."""
    f = funding_filter(with_default_basis(request.GET))
    return f, f.is_valid()


def content(template, context, title, status=200):
    """A page's content, rendered without the request (nothing in it depends on the user), by
    Jinja2: its tables and filter panel hold about a thousand rows and options."""
    return Fragment(str(title), render_to_string(template, context, using="jinja2"), status)


@login_required
@require_GET
@accepts("by", "format", "sort", filters=FundingFilter)
@cached_content
def breakdown_page(request, dimension):
    """The breakdown's content or its download, the same for every user."""
    if dimension not in DIMENSIONS:
        raise Http404(f"There is no breakdown by {dimension!r}.")
    dimension = DIMENSIONS[dimension]
    f, valid = with_filters(request)
    matrix = request.GET.get("by") == "year"
    title = _("%(title)s by year") % {"title": dimension.title} if matrix else dimension.title
    context = {"dimension": dimension, "filter": f, "matrix": matrix, "basis": basis_line(f.data)}
    context.update(errors=page_errors(request), keep=[("by", "year")] if matrix else [])
    if not valid or context["errors"]:
        return content("breakdowns/breakdown.jinja", context | others(), title, status=400)
    query = f.query_string()
    try:
        table = (by_year if matrix else breakdown)(
            dimension, f.facts(dimension), request.GET.get("sort") or None, row_links(query)
        )
    except ValueError as error:
        context["errors"].append(str(error))
        return content("breakdowns/breakdown.jinja", context | others(), title, status=400)
    if request.GET.get("format"):
        return download(table, f, request.GET["format"])
    context.update(table=table, headers=sort_links(request, table.sort, table.columns))
    context.update(query=query, chart=table.chart(), **table_links(request, query, matrix))
    if dimension.slug == "measure":
        context["plans"] = plan_years(f.data)
    return content("breakdowns/breakdown.jinja", context | others(query), title)


def others(query=""):
    """The links to every breakdown, keeping the filters `query` (a page whose filters are not
    valid links to the breakdowns unfiltered)."""
    return {"breakdowns": dimension_links(query)}


def dimension_links(query):
    """(dimension, its link keeping the filters `query`) for every breakdown."""
    return [(dimension, link(slug, query)) for slug, dimension in DIMENSIONS.items()]


@login_required
@require_GET
@accepts(filters=FundingFilter)
@cached_content
def overview(request):
    """The overview's content, the same for every user."""
    f, valid = with_filters(request)
    basis = basis_line(f.data)
    if not valid:
        return content(
            "breakdowns/overview.jinja", {"filter": f, "basis": basis}, _("Overview"), status=400
        )
    query = f.query_string()
    # the objective cards show both objectives whatever the basis, each linking to its own
    data = f.data.copy()
    data["objective"] = ALL
    both = funding_filter(data)
    kept = f.form.cleaned_data.get("objective")
    kept = None if kept in (None, "", ALL) else {kept}
    if not both.is_valid():  # f is valid, so this cannot be: show the basis's objective only
        both = f
    on_basis, facts = summed(f) or (f.qs, both.qs)  # the sums, where they answer the filter
    tables, objectives, profile = overview_tables(
        on_basis, facts, kept, row_links(query), row_links(both.query_string())
    )
    regions = tables["region"]
    context = {
        "filter": f,
        "basis": basis,
        "objectives": objectives,
        "main": objectives.row(Project.Objective.MAIN),
        "subsidiary": objectives.row(Project.Objective.SUBSIDIARY),
        "profile": profile,
        "countries": tables["country"].rows[:TOP],
        "channels": tables["channel"].rows[:TOP],
        "regions": regions,
        "region_chart": regions.chart(),
        "links": {target: link(target, query) for target in [*DIMENSIONS, "projects"]},
    }
    return content("breakdowns/overview.jinja", context, _("Overview"))


@login_required
@require_GET
@accepts(filters=FundingFilter)
def breakdown_index(request):
    query = funding_filter(with_default_basis(request.GET)).query_string()
    return render(request, "breakdowns/breakdowns.html", {"links": dimension_links(query)})


@login_required
@require_GET
@accepts()
def published(request):
    try:
        figures = reconcile()
    except ValueError as error:
        return HttpResponseBadRequest(
            gettext("The published figures cannot be computed: %(error)s") % {"error": error}
        )
    counts = status_counts(figures)
    closed = [
        (year, *compare_with_snapshot(year, figures))
        for year in ClosedYear.objects.select_related("closed_by")
    ]
    context = {"figures": figures, "counts": counts, "closed_years": closed}
    return render(request, "breakdowns/published.html", context)
