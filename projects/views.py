from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .filters import ProjectFilter
from .models import Agreement, Project

PER_PAGE = 50


@login_required
@require_GET
def project_list(request):
    projects = Project.objects.select_related("channel", "recipient__region")
    f = ProjectFilter(request.GET, queryset=projects)
    if not f.is_valid():
        return render(request, "projects/project_list.html", {"filter": f}, status=400)
    page = Paginator(f.with_totals().order_by("title", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": f, "page": page, "query": query.urlencode()}
    return render(request, "projects/project_list.html", context)


@login_required
@require_GET
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
    total = Agreement.objects.filter(project=project).aggregate(total=Sum("amounts__amount"))
    context = {"project": project, "total": total["total"]}
    return render(request, "projects/project_detail.html", context)
