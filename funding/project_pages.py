"""The projects list and the project page (/projects/, URL names projects:list and
projects:detail). They show money, the list each project's total within the year and status
filters and the page each agreement's yearly amounts, so funding serves them: projects/ knows
nothing of yearly amounts."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from projects.filters import ProjectFilter
from projects.models import Agreement, Project
from web.parameters import accepts

from .filters import AmountFilters
from .models import YearlyAmount

PER_PAGE = 50


class ProjectAmountFilter(AmountFilters, ProjectFilter):
    """Projects by their own records, and by having an amount of the chosen years and status."""

    class Meta(ProjectFilter.Meta):  # a filter set of projects, not of amounts
        pass

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.NAMES:
                queryset = self.filters[name].filter(queryset, value)
        if conditions := self.amount_conditions():
            amounts = YearlyAmount.objects.filter(agreement__project=OuterRef("pk"), **conditions)
            queryset = queryset.filter(Exists(amounts))
        return queryset

    def with_totals(self):
        """The filtered projects, each with `total`: its amounts within the year/status filter."""
        within = Q(**self.amount_conditions("agreements__amounts__"))
        return self.qs.annotate(total=Sum("agreements__amounts__amount", filter=within))


@login_required
@require_GET
@accepts("page", filters=ProjectAmountFilter)
def project_list(request):
    projects = Project.objects.select_related("channel", "recipient__region")
    f = ProjectAmountFilter(request.GET, queryset=projects)
    if not f.is_valid():
        return render(request, "funding/project_list.html", {"filter": f}, status=400)
    page = Paginator(f.with_totals().order_by("title", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": f, "page": page, "query": query.urlencode()}
    return render(request, "funding/project_list.html", context)


@login_required
@require_GET
@accepts()
def project_detail(request, pk):
    agreements = (
        Agreement.objects.select_related("unit")
        .prefetch_related("amounts")
        .annotate(total=Sum("amounts__amount"))
    )
    project = get_object_or_404(
        Project.objects.select_related(
            "channel__partner_group", "channel__parent", "recipient__region"
        ).prefetch_related(
            Prefetch("agreements", queryset=agreements),
            "measure_shares__measure__plan",
        ),
        pk=pk,
    )
    total = YearlyAmount.objects.filter(agreement__project=project).total()
    context = {"project": project, "total": total}
    return render(request, "funding/project_detail.html", context)
