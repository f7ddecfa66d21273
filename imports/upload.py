"""The admin's import page (upload → preview → confirm) and the wide-layout downloads.

The preview is a dry run of the same importer the command uses; confirming re-runs it for
real on the stored upload, named by a signed token.
"""

import contextlib
import hashlib
import re
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from funding.models import YearlyAmount
from web.formats import nok

from .exporting import csv_lines, xlsx_bytes
from .limits import limit_upload, upload_limit_message
from .services import import_file

Status = YearlyAmount.Status
ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv")
TOKEN_SALT = "funding.import-upload"
TOKEN_MAX_AGE = 3600


def upload_dir():
    """Where uploads wait for their confirmation: IMPORT_UPLOAD_DIR (a folder every instance
    shares, when instances run on several hosts), else the temporary folder."""
    folder = Path(settings.IMPORT_UPLOAD_DIR or tempfile.gettempdir()) / "tracker-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


class UploadForm(forms.Form):
    file = forms.FileField(help_text=_("A CSV or tab-separated project list (.csv, .txt, .tsv)."))
    format = forms.ChoiceField(
        choices=[
            ("auto", "Detect from the header"),
            ("wide", "Wide"),
            ("long", "Long"),
            ("norad", "Norad extract"),
        ],
    )
    status = forms.ChoiceField(
        choices=[(s, s) for s in (Status.ALLOCATED, Status.DISBURSED, Status.PLANNED)],
        help_text=_("Status of plain year columns and of rows without a status."),
    )
    create_missing = forms.BooleanField(
        required=False, label=_("Create unknown partners (channels) and administering units")
    )

    def __init__(self, *args, stopped=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stopped = stopped  # limits.LimitedUpload, which stops a file over the limit
        if stopped and stopped.exceeded:
            self.fields["file"].required = False  # the file is not there: say why instead

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.stopped and self.stopped.exceeded:
            raise forms.ValidationError(upload_limit_message(self.stopped.limit_mb))
        limit = settings.IMPORT_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s MB; the limit is %(limit)s MB (IMPORT_MAX_UPLOAD_MB). "
                    "Import larger files with manage.py import_projects."
                )
                % {"size": nok(upload.size / 1024 / 1024, 1), "limit": limit}
            )
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                _('"%(name)s" is not a .csv, .txt or .tsv file; save the spreadsheet as CSV.')
                % {"name": upload.name}
            )
        return upload


def store(upload):
    digest = hashlib.sha256()
    folder = upload_dir()
    partial = folder / f"upload-{id(upload)}.part"
    with open(partial, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    stored = folder / f"{digest.hexdigest()}.csv"
    partial.replace(stored)
    remove_expired(folder)
    return digest.hexdigest()


def remove_expired(folder):
    """Remove the uploads whose preview expired unconfirmed (and any left half-written)."""
    expired = time.time() - TOKEN_MAX_AGE
    for upload in [*folder.glob("*.csv"), *folder.glob("*.part")]:
        with contextlib.suppress(FileNotFoundError):  # another worker removed it first
            if upload.stat().st_mtime < expired:
                upload.unlink()


def import_page(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import project list",
    }
    if request.method == "POST" and "token" in request.POST:
        return confirm(request, model_admin, context)
    stopped = getattr(request, "upload_limit", None)
    data = request.POST if request.method == "POST" else None
    form = UploadForm(data, request.FILES or None, stopped=stopped)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = {
            "sha": store(data["file"]),
            "name": data["file"].name,
            "fmt": data["format"],
            "status": data["status"],
            "create_missing": data["create_missing"],
        }
        result = run(options, request.user, dry_run=True)
        options["expect"] = result.fingerprint  # the confirmation must do just this
        context.update(result=result, token=signing.dumps(options, salt=TOKEN_SALT))
    context["form"] = form
    return TemplateResponse(request, "imports/upload.html", context)


def run(options, user, dry_run):
    return import_file(
        upload_dir() / f"{options['sha']}.csv",
        file_name=options["name"],
        user=user,
        dry_run=dry_run,
        fmt=options["fmt"],
        default_status=options["status"],
        create_missing=options["create_missing"],
        expect=None if dry_run else options.get("expect"),
    )


def confirm(request, model_admin, context):
    try:
        options = signing.loads(request.POST["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect(request.path)
    stored = upload_dir() / f"{options['sha']}.csv"
    if not re.fullmatch(r"[0-9a-f]{64}", options["sha"]) or not stored.exists():
        messages.error(request, _("The uploaded file is gone; upload it again."))
        return redirect(request.path)
    result = run(options, request.user, dry_run=False)
    if not result.ok:
        context.update(result=result, form=UploadForm())
        return TemplateResponse(request, "imports/upload.html", context)
    stored.unlink(missing_ok=True)
    messages.success(request, result.summary)
    return redirect(reverse("admin:funding_importrun_change", args=[result.run.pk]))


def export_csv(request, model_admin):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    response = StreamingHttpResponse(csv_lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="project-list.csv"'
    return response


def export_xlsx(request, model_admin):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    response = HttpResponse(
        xlsx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="project-list.xlsx"'
    return response


def urls(model_admin):
    def wrap(view):
        return model_admin.admin_site.admin_view(lambda request: view(request, model_admin))

    protected_import = wrap(import_page)  # admin_view checks CSRF, which reads the body

    @csrf_exempt
    def limited_import(request):
        request.upload_limit = limit_upload(request)  # so first: before the body is read
        return protected_import(request)

    return [
        path("import/", limited_import, name="funding_yearlyamount_import"),
        path("export/csv/", wrap(export_csv), name="funding_yearlyamount_export_csv"),
        path("export/xlsx/", wrap(export_xlsx), name="funding_yearlyamount_export_xlsx"),
    ]
