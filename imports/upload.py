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


# How the page offers to create an unknown partner or unit: its checkbox, not the command's flag.
MISSING_HINT = _(" (tick “Create unknown partners (channels) and administering units” to add it)")


def stored_file(token):
    """The options of an upload kept for its preview or a retry, by its signed token; a
    ValidationError when the token is too old or the file is gone."""
    try:
        options = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise forms.ValidationError(_("The preview has expired; upload the file again.")) from None
    sha = options.get("sha", "")
    if not re.fullmatch(r"[0-9a-f]{64}", sha) or not (upload_dir() / f"{sha}.csv").exists():
        raise forms.ValidationError(_("The uploaded file is gone; upload it again."))
    return options


class UploadForm(forms.Form):
    file = forms.FileField(
        required=False,  # a retry uses the kept file instead
        help_text=_("A CSV or tab-separated project list (.csv, .txt, .tsv)."),
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
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

    def __init__(self, *args, stopped=None, kept_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.stopped = stopped  # limits.LimitedUpload, which stops a file over the limit
        self.kept_name = kept_name  # the file kept from the last try, offered again

    @classmethod
    def keeping(cls, options, token):
        """A fresh form with the last try's choices and its file kept, to try again."""
        initial = {key: options[key] for key in ("status", "create_missing")}
        return cls(
            initial={**initial, "format": options["fmt"], "kept": token}, kept_name=options["name"]
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.stopped and self.stopped.exceeded:
            raise forms.ValidationError(upload_limit_message(self.stopped.limit_mb))
        if upload is None:
            return upload
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

    def clean(self):
        data = super().clean()
        if "file" in self.errors or data.get("file"):
            return data
        if not data.get("kept"):
            self.add_error("file", forms.Field.default_error_messages["required"])
            return data
        try:
            data["kept_options"] = stored_file(data["kept"])
        except forms.ValidationError as error:
            self.add_error("file", error)
        return data

    def file_options(self):
        """The stored file's digest and name: the new upload's, else the kept one's."""
        upload = self.cleaned_data.get("file")
        if upload:
            return {"sha": store(upload), "name": upload.name}
        kept = self.cleaned_data["kept_options"]
        return {"sha": kept["sha"], "name": kept["name"]}


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
            **form.file_options(),
            "fmt": data["format"],
            "status": data["status"],
            "create_missing": data["create_missing"],
        }
        result = run(options, request.user, dry_run=True)
        options["expect"] = result.fingerprint  # the confirmation must do just this
        token = signing.dumps(options, salt=TOKEN_SALT)
        context.update(result=result, token=token)
        if not result.ok:  # keep the file: try again with other choices, or another file
            form = UploadForm.keeping(options, token)
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
        missing_hint=MISSING_HINT,
        expect=None if dry_run else options.get("expect"),
    )


def confirm(request, model_admin, context):
    token = request.POST["token"]
    try:
        options = stored_file(token)
    except forms.ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(request.path)
    result = run(options, request.user, dry_run=False)
    if not result.ok:
        context.update(result=result, form=UploadForm.keeping(options, token))
        return TemplateResponse(request, "imports/upload.html", context)
    (upload_dir() / f"{options['sha']}.csv").unlink(missing_ok=True)
    messages.success(request, result.summary)
    for warning in result.warnings:
        messages.warning(request, str(warning))
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
