"""The organisation pages (/organisations/, URL names organisations:list and
organisations:detail): the register with the money that went through each organisation, its
instruments and Norway's efforts in it, so the app above all three serves them. Lower apps'
pages link here through Channel.get_absolute_url, which the project's settings define
(ABSOLUTE_URL_OVERRIDES), so they name nothing of this app."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from breakdowns.dimensions import DIMENSIONS, NO_KIND
from breakdowns.filters import FundingFilter, funding_filter
from breakdowns.links import link, row_links
from breakdowns.tables import breakdown
from projects.models import Channel, OrganisationKind
from web.parameters import accepts


@dataclass
class Node:
    organisation: Channel
    depth: int  # 0 for a top-level organisation
    total: Decimal  # through it and every organisation below it


def subtree_totals(channels, own):
    """Each channel's total with those of every channel below it, from `own` ({id: total}
    through the channel itself): the grouped query's per-channel sums rolled up the register."""
    totals = {channel.pk: own.get(channel.pk, Decimal(0)) for channel in channels}
    parents = {channel.pk: channel.parent_id for channel in channels}
    for pk, amount in own.items():
        seen, parent = {pk}, parents.get(pk)
        while parent is not None and parent not in seen:  # `seen`: a loop never hangs the page
            totals[parent] += amount
            seen.add(parent)
            parent = parents[parent]
    return totals


def register_tree(channels, totals):
    """[(kind label, [Node, …])]: top-level organisations grouped by their kind, each followed
    by the organisations below it, depth first, by name."""
    children = {}
    for channel in channels:
        children.setdefault(channel.parent_id, []).append(channel)
    kinds = {kind: [] for kind in [*OrganisationKind.values, ""]}
    for top in children.get(None, []):
        todo = [(top, 0)]
        while todo:
            channel, depth = todo.pop()
            kinds[top.kind].append(Node(channel, depth, totals[channel.pk]))
            below = children.get(channel.pk, [])
            todo.extend((child, depth + 1) for child in reversed(below) if depth < 10)
    labels = dict(OrganisationKind.choices) | {"": NO_KIND}
    return [(labels[kind], nodes) for kind, nodes in kinds.items() if nodes]


@login_required
@require_GET
@accepts(filters=FundingFilter)
def organisation_list(request):
    f = funding_filter(request.GET)
    if not f.is_valid():
        return render(request, "followup/organisation_list.html", {"filter": f}, status=400)
    channels = list(
        Channel.objects.annotate(
            instruments=Count("instruments_adopted", distinct=True)
            + Count("instruments_monitored", distinct=True),
            effort_count=Count("efforts", distinct=True),
        ).order_by("name")
    )
    own = {row["channel"]: row["total"] for row in f.qs.totals_by("channel")}
    tree = register_tree(channels, subtree_totals(channels, own))
    context = {"filter": f, "tree": tree, "query": f.query_string()}
    return render(request, "followup/organisation_list.html", context)


@login_required
@require_GET
@accepts(filters=FundingFilter)
def organisation_detail(request, pk):
    organisation = get_object_or_404(Channel.objects.select_related("parent"), pk=pk)
    data = request.GET.copy()
    data.setlist("channel_family", [organisation.name])
    f = funding_filter(data)
    context = {"organisation": organisation, "filter": f}
    if not f.is_valid():
        return render(request, "followup/organisation_detail.html", context, status=400)
    query = f.query_string()
    years = breakdown(DIMENSIONS["year"], f.qs, link=row_links(query))
    context.update(
        children=organisation.children.order_by("name"),
        years=years,
        chart=years.chart(),
        channels_url=link("channel", query),
        adopted=organisation.instruments_adopted.order_by("short_name"),
        monitored=organisation.instruments_monitored.order_by("short_name"),
        efforts=organisation.efforts.prefetch_related("measures").order_by("-reported_in", "title"),
    )
    return render(request, "followup/organisation_detail.html", context)
