"""Size limits of an import, enforced while the input streams in, never after it is all read:

- IMPORT_MAX_UPLOAD_MB: the admin upload stops receiving the file at the limit
  (`LimitedUpload`, the first upload handler of the import page), so an oversized upload is
  neither kept in memory nor written to disk in full;
- IMPORT_MAX_ROWS: the importer (admin and `import_projects` alike) stops reading at the first
  data row beyond the limit and writes nothing (`within_row_limit`). 0 turns it off.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

from web import formats

MB = 1024 * 1024


def upload_limit_message(limit_mb):
    return _(
        "The file is larger than %(limit)s MB; the limit is %(limit)s MB "
        "(IMPORT_MAX_UPLOAD_MB), so it was not read. Import larger files with "
        "manage.py import_projects."
    ) % {"limit": limit_mb}


def too_many_rows(limit):
    return _(
        "The file has more than %(limit)s data rows, the limit (IMPORT_MAX_ROWS); reading "
        "stopped there and nothing was written. Split the file, or raise the limit."
    ) % {"limit": formats.count(limit)}


class LimitedUpload(FileUploadHandler):
    """Passes an uploaded file's bytes on until they exceed the limit, then stops the upload
    (the rest of the request body is read and dropped, so the page can still answer)."""

    def __init__(self, request=None, limit_mb=None):
        super().__init__(request)
        self.limit_mb = limit_mb or settings.IMPORT_MAX_UPLOAD_MB
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit_mb * MB:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


def limit_upload(request):
    """Put a LimitedUpload first among `request`'s upload handlers; call before the body is
    read (so from a csrf_exempt wrapper: CSRF checking reads the body). Returns it."""
    handler = LimitedUpload(request)
    request.upload_handlers.insert(0, handler)
    return handler


def within_row_limit(rows, errors, limit=None):
    """`rows` up to IMPORT_MAX_ROWS; one error and the end of the rows beyond it."""
    limit = settings.IMPORT_MAX_ROWS if limit is None else limit
    for count, row in enumerate(rows, start=1):
        if limit and count > limit:
            errors.add(getattr(row, "line", None), "", "", too_many_rows(limit))
            return
        yield row
