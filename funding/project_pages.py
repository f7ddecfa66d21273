"""The projects list and the project page (/projects/, URL names projects:list and
projects:detail). They show money, the list each project's total within the year and status
filters and the page each agreement's yearly amounts, so funding serves them: projects/ knows
nothing of yearly amounts."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from projects.filters import ProjectFilter
from projects.models import Agreement, Project
from web.parameters import accepts

from .filters import AmountFilters
from .models import Fact, YearlyAmount
from .views import may_enter

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

    def totals(self, projects):
        """{project id: its total within the year and status filters} for `projects`."""
        data = self.form.cleaned_data
        facts = Fact.objects.filter(project__in=[project.pk for project in projects])
        facts = facts.within(data.get("year_from"), data.get("year_to"), data.get("status"))
        return {row["project"]: row["total"] for row in facts.totals_by("project")}


@login_required
@require_GET
@accepts("page", filters=ProjectAmountFilter)
def project_list(request):
    projects = Project.objects.select_related("channel", "recipient__region")
    f = ProjectAmountFilter(request.GET, queryset=projects)
    if not f.is_valid():
        return render(request, "funding/project_list.html", {"filter": f}, status=400)
    page = Paginator(f.qs.order_by("title", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    totals = f.totals(page)
    for project in page:
        project.total = totals.get(project.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": f, "page": page, "query": query.urlencode()}
    return render(request, "funding/project_list.html", context)


@login_required
@require_GET
@accepts()
def project_detail(request, pk):
    agreements = Agreement.objects.select_related("unit").prefetch_related("amounts")
    project = get_object_or_404(
        Project.objects.select_related(
            "channel__partner_group", "channel__parent", "recipient__region"
        ).prefetch_related(
            Prefetch("agreements", queryset=agreements),
            "measure_shares__measure__plan",
        ),
        pk=pk,
    )
    facts = Fact.objects.filter(project=project)
    totals = {row["agreement"]: row["total"] for row in facts.totals_by("agreement")}
    for agreement in project.agreements.all():
        agreement.total = totals.get(agreement.pk)
    context = {"project": project, "total": sum(totals.values(), Decimal(0))}
    editable = may_enter(request.user, editing=True)
    context["edit_url"] = reverse("projects:edit", args=[project.pk]) if editable else ""
    context["effort_query"] = effort_query(project)
    return render(request, "funding/project_detail.html", context)


def effort_query(project):
    """The query string that opens the admin's new-effort form with the project and its
    measures chosen; the template links it for those who may add efforts."""
    measures = ",".join(str(share.measure_id) for share in project.measure_shares.all())
    return urlencode({"projects": project.pk, **({"measures": measures} if measures else {})})
