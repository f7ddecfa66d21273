from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from web.downloads import FORMATS, download
from web.parameters import accepts

from .charts import chart
from .models import Instrument

RELATED = ["adopted_by__parent", "monitoring_body", "parent"]


@login_required
@require_GET
@accepts()
def instrument_list(request):
    instruments = Instrument.objects.select_related(*RELATED).with_counts().order_by("short_name")
    return render(request, "international/instrument_list.html", {"instruments": instruments})


@login_required
@require_GET
@accepts("format", "sort")
def instrument_detail(request, pk):
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        return HttpResponseBadRequest(
            _("Unknown format: choose one of %(formats)s.") % {"formats": ", ".join(FORMATS)}
        )
    instrument = get_object_or_404(Instrument.objects.select_related(*RELATED).with_counts(), pk=pk)
    status_chart = chart(instrument, request.GET.get("sort"))
    if fmt:
        return download(status_chart.table(), fmt)
    context = {
        "instrument": instrument,
        "chart": status_chart,
        "supplements": instrument.supplements.order_by("short_name"),
        "formats": FORMATS,
    }
    return render(request, "international/instrument_detail.html", context)
