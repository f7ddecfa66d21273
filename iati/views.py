"""`/iati/activities.xml`: the agreements the breakdown filters select, as IATI 2.03, written
while it is sent; `/iati/organisation.xml`, the organisation file; `/iati/setup/`, docs/iati.md
as text, which the page saying that the export is not set up links."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from breakdowns.filters import FundingFilter, funding_filter
from web.parameters import accepts

from .export import export_iati
from .reference import PROPOSED, NotConfigured

DOCS = settings.BASE_DIR / "docs" / "iati.md"


def not_configured(request, error):
    """503 in the site's layout: what an administrator must set (docs/iati.md)."""
    context = {"settings": list(PROPOSED.items()), "missing": error.missing}
    return render(request, "iati/not_configured.html", context, status=503)


def streamed(request, file_name, organisation=False):
    """The activity or organisation file of the amounts the breakdown filters select, written
    while it is sent: the document is never whole in memory (docs/iati.md)."""
    f = funding_filter(request.GET)
    if not f.is_valid():
        errors = "\n".join(f"{name}: {' '.join(e)}" for name, e in f.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    try:
        export = export_iati(f.amounts(), organisation=organisation)
    except NotConfigured as error:
        return not_configured(request, error)
    response = StreamingHttpResponse(export.pieces(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response


@login_required
@permission_required("projects.view_agreement", raise_exception=True)
@require_GET
@accepts(filters=FundingFilter)
def activities_xml(request):
    return streamed(request, "iati-activities.xml")


@login_required
@permission_required("projects.view_agreement", raise_exception=True)
@require_GET
@accepts(filters=FundingFilter)
def organisation_xml(request):
    """The reporting organisation's budgets and expenditure (organisation.py)."""
    return streamed(request, "iati-organisation.xml", organisation=True)


@login_required
@permission_required("projects.view_agreement", raise_exception=True)
@require_GET
@accepts()
def docs(request):
    """docs/iati.md as it is in the code (plain text: the site renders no Markdown)."""
    return FileResponse(DOCS.open("rb"), content_type="text/plain; charset=utf-8")
