"""How the importer reports what is wrong with its input."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from web.formats import count

MAX_ERRORS = 1000  # kept and shown; the count of further errors is still reported


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, header, broken CSV)."""

    def __init__(self, *messages):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class RowError:
    """One thing wrong with the input: where (line, column), what value, and why."""

    line: int | None
    column: str
    value: str
    message: str

    def __str__(self):
        where = _("line %(line)s") % {"line": self.line} if self.line else _("file")
        if self.column:
            where += _(', column "%(column)s"') % {"column": self.column}
        if self.value != "":
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "…"
            where += _(', value "%(value)s"') % {"value": shown}
        return f"{where}: {self.message}"

    def as_dict(self):
        return asdict(self) | {"text": str(self)}


class ErrorList:
    """Collects every error, keeping the first MAX_ERRORS, and the warnings (which do not stop
    an import: a withdrawn purpose code), the first MAX_ERRORS of them."""

    def __init__(self):
        self.kept, self.count = [], 0
        self.warnings = []

    def warn(self, line, column, value, message):
        if len(self.warnings) < MAX_ERRORS:
            self.warnings.append(RowError(line, column, value, message))

    def add(self, line, column, value, message):
        self.count += 1
        if len(self.kept) < MAX_ERRORS:
            self.kept.append(RowError(line, column, value, message))

    def __bool__(self):
        return self.count > 0

    def as_list(self):
        items = [e.as_dict() for e in self.kept]
        if self.count > len(self.kept):
            more = self.count - len(self.kept)
            message = ngettext("… and %(more)s more error.", "… and %(more)s more errors.", more)
            items.append(RowError(None, "", "", message % {"more": count(more)}).as_dict())
        return items


class ImportInterrupted(Exception):
    """The database stopped answering and the import's outcome could not be recorded."""


def lost_database(error, *, committed):
    """What to tell when the database connection fails mid-import (PostgreSQL restarted, the
    network dropped, a statement timed out): whether the import's data was committed."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if committed:
        return (
            f"The import was committed, but the database stopped answering before its record "
            f"was completed ({reason}). Run the same file again to confirm: it finds every row "
            "unchanged."
        )
    return (
        f"The database stopped answering during the import ({reason}); the transaction was "
        "rolled back and nothing was written. Run the import again when the database is back."
    )
