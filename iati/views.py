"""`/iati/activities.xml`: the agreements the breakdown filters select, as IATI 2.03."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from breakdowns.filters import funding_filter

from .export import export_iati
from .reference import NotConfigured


@login_required
@permission_required("projects.view_agreement", raise_exception=True)
@require_GET
def activities_xml(request):
    f = funding_filter(request.GET)
    if not f.is_valid():
        errors = "\n".join(f"{name}: {' '.join(e)}" for name, e in f.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    try:
        export = export_iati(f.amounts())
    except NotConfigured as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(export.xml(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="iati-activities.xml"'
    return response
