"""/reference/: the reference tables as the admin's export writes them (CSV or XLSX, natural
keys, no ids), for analysts, who have no admin. Each table needs its model's view permission."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from measures.resources import MeasureResource
from web.downloads import csv_download, xlsx_download

from .resources import (
    AdministeringUnitResource,
    ChannelCodeResource,
    ChannelResource,
    PartnerGroupResource,
    RecipientResource,
)

TABLES = {
    "measures": (_("Measures"), MeasureResource),
    "recipients": (_("Recipient countries and regions, with aliases"), RecipientResource),
    "organisations": (_("Organisations (channels), with aliases"), ChannelResource),
    "units": (_("Administering units, with aliases"), AdministeringUnitResource),
    "partner-groups": (_("Partner groups"), PartnerGroupResource),
    "oecd-codes": (_("OECD channel codes"), ChannelCodeResource),
}


def may_view(user, resource):
    opts = resource._meta.model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


@login_required
@require_GET
def reference_tables(request):
    tables = [
        (slug, label)
        for slug, (label, resource) in TABLES.items()
        if may_view(request.user, resource)
    ]
    return render(request, "projects/reference_tables.html", {"tables": tables})


@login_required
@require_GET
def reference_table(request, table):
    """One table as `?format=csv` (the default) or `xlsx`."""
    if table not in TABLES:
        raise Http404(f"No reference table {table!r}.")
    resource = TABLES[table][1]
    if not may_view(request.user, resource):
        raise PermissionDenied
    writer = {"csv": csv_download, "xlsx": xlsx_download}.get(request.GET.get("format", "csv"))
    if writer is None:
        raise Http404("Download as format=csv or format=xlsx.")
    dataset = resource().export()
    return writer(f"reference-{table}", [dataset.headers, *dataset])
