"""The ratification chart import (django-import-export): a treaty office's chart of signatures
and ratifications of one instrument, in its layout: State, Signature, Ratification and,
optionally, Entry into force. The admin (upload → preview → confirm), the `import_ratifications`
command and the tests all use `ChartResource`; docs/international.md describes the file.

- A state is matched by its name, an alias or its ISO code (the recipient list); footnote
  numbers after a name ("China 3,4") are ignored. Unknown states and regional recipients are
  refused with the value named.
- Dates: 2005-05-16, 16/05/2005, 16.05.2005, 16 May 2005 or 16-May-2005 (day first), or a
  spreadsheet date. A UN mark after the ratification date gives its kind: a (accession),
  A (acceptance), AA (approval), d (succession).
- A blank cell never erases a date already recorded; a row without any date records nothing;
  a state recorded as ratified is not turned back into "signed".
- Impossible orders are refused by the model's clean(), which names both dates. The whole file
  is written in one transaction, or nothing is.
"""

import difflib
import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from history.resources import AllOrNothing
from history.spreadsheets import unescape
from history.upload_limits import check_upload
from projects.models import Recipient, RecipientAlias

from .models import InstrumentStatus, RatificationKind, Status, not_signed

# Headers as the treaty offices write them → ours (compared in lower case).
HEADERS = {
    "state": "State",
    "states": "State",
    "participant": "State",
    "signature": "Signature",
    "ratification": "Ratification",
    "entry into force": "Entry into force",
}
REQUIRED = ["State", "Signature", "Ratification"]
DATE_COLUMNS = ["Signature", "Ratification", "Entry into force"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y"]
MARKS = {
    "a": RatificationKind.ACCESSION,
    "A": RatificationKind.ACCEPTANCE,
    "AA": RatificationKind.APPROVAL,
    "d": RatificationKind.SUCCESSION,
}
MARKED = re.compile(r"^(?P<date>.*?\d)\s*(?P<mark>AA|A|a|d)?$")
FOOTNOTES = re.compile(r"[\s\d,*]+$")


def text(value):
    return " ".join(unescape(str(value)).split()) if value not in (None, "") else ""


def header(name):
    name = text(name)
    key = name.lower()
    return HEADERS.get(key) or ("Ratification" if key.startswith("ratification") else name)


class ChartDate(widgets.Widget):
    """A date cell of a chart; with `marks`, a trailing UN mark is allowed (read by `mark`)."""

    def __init__(self, marks=False):
        super().__init__()
        self.marks = marks

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        cell = text(value)
        if not cell:
            return None
        match = MARKED.match(cell) if self.marks else None
        for form in DATE_FORMATS:
            try:
                return datetime.strptime(match.group("date") if match else cell, form).date()
            except ValueError:
                continue
        marks = " (after a ratification date: a, A, AA or d)" if self.marks else ""
        raise ValueError(
            f"{cell!r} is not a date: write 2005-05-16, 16/05/2005 or 16 May 2005{marks}."
        )

    @staticmethod
    def mark(value):
        """The kind a UN mark after the date gives (accession …), or None without a mark."""
        match = MARKED.match(text(value)) if isinstance(value, str) else None
        return MARKS[match.group("mark")] if match and match.group("mark") else None


class StateWidget(widgets.Widget):
    """A state by its name, an alias or its ISO code; the lookup is read once per import."""

    def __init__(self):
        super().__init__()
        self.names = {}

    def load(self):
        recipients = {r.pk: r for r in Recipient.objects.all()}
        names = {}
        for recipient in recipients.values():
            for key in filter(None, [recipient.name, recipient.iso2, recipient.iso3]):
                names.setdefault(key.lower(), recipient)
        for alias, pk in RecipientAlias.objects.values_list("name", "recipient_id"):
            names.setdefault(alias.lower(), recipients[pk])
        self.names = names

    def clean(self, value, row=None, **kwargs):
        name = text(value)
        if not name:
            raise ValueError("The state is missing.")
        found = self.names.get(name.lower()) or self.names.get(FOOTNOTES.sub("", name).lower())
        if found is None:
            close = difflib.get_close_matches(name.lower(), self.names, n=1, cutoff=0.75)
            hint = f'; did you mean "{self.names[close[0]].name}"?' if close else "."
            raise ValueError(
                f"Unknown state {name!r}: no country has this name, alias or code{hint}"
            )
        if found.kind != Recipient.Kind.COUNTRY:
            raise ValueError(f"{name!r} is a regional recipient, not a state.")
        return found


class KeptDateField(fields.Field):
    """A date column whose blank cell leaves a recorded date as it is."""

    def __init__(self, column_name, marks=False):
        attribute = "_".join(column_name.lower().split())
        super().__init__(attribute, column_name, ChartDate(marks), saves_null_values=False)


class ChartResource(AllOrNothing, resources.ModelResource):
    country = fields.Field("country", "State", StateWidget())
    signature = KeptDateField("Signature")
    ratification = KeptDateField("Ratification", marks=True)
    entry_into_force = KeptDateField("Entry into force")

    COMPARED = ["signature", "ratification", "ratification_kind", "entry_into_force", "status"]

    class Meta:
        model = InstrumentStatus
        name = "Ratification chart (State, Signature, Ratification, Entry into force)"
        fields = ["country", "signature", "ratification", "entry_into_force"]
        import_id_fields = ["country"]
        clean_model_instances = True
        use_transactions = True
        report_skipped = True

    def __init__(self, instrument=None, source="", as_of=None, **kwargs):
        super().__init__(**kwargs)
        self.instrument, self.source, self.as_of = instrument, source, as_of
        self.existing, self.rows_of_state = {}, {}
        self.states = {}  # row number → the State cell, for messages

    def named_headers(self, headers):
        """The chart's headers in one spelling; a file without the chart's columns is then
        refused before any row is read (`file_problem`)."""
        return [header(name) for name in headers]

    def file_problem(self, headers):
        if self.instrument is None:
            return "Choose the instrument the chart is for."
        if not self.instrument.is_treaty:
            return not_signed(self.instrument)
        missing = [name for name in REQUIRED if name not in headers]
        if missing:
            return f"The file has no column {', '.join(missing)}: {self.layout()}"
        return None

    def before_import(self, dataset, **kwargs):
        if "Entry into force" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="Entry into force")
        self.fields["country"].widget.load()
        statuses = InstrumentStatus.objects.filter(instrument=self.instrument)
        self.existing = {s.country_id: s for s in statuses.select_related("instrument")}

    @staticmethod
    def layout():
        return "a chart has the columns State, Signature, Ratification and Entry into force."

    def before_import_row(self, row, **kwargs):
        self.states[kwargs.get("row_number")] = text(row.get("State"))

    def get_instance(self, instance_loader, row):
        try:
            country = self.fields["country"].clean(row)
        except ValueError:
            return None  # import_instance reports it, naming the value
        return self.existing.get(country.pk)

    def init_instance(self, row=None):
        return InstrumentStatus(instrument=self.instrument)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self.complete(instance, row, kwargs.get("row_number")))
        if errors:
            raise ValidationError(errors)

    def complete(self, instance, row, number):
        """Status, kind, source and as-of from the row; errors a single row cannot show."""
        if instance.country_id in self.rows_of_state:
            first = self.rows_of_state[instance.country_id]
            return {"country": f"{instance.country} is listed twice (rows {first} and {number})."}
        if instance.country_id:
            self.rows_of_state[instance.country_id] = number
        instance.ratification_kind = (
            ChartDate.mark(row["Ratification"]) or instance.ratification_kind
        )
        ratified = instance.ratification or instance.entry_into_force
        if ratified:
            instance.status = Status.RATIFIED
        elif instance.signature:
            if instance.status == Status.RATIFIED:
                return {
                    "status": f"{instance.country} is recorded as ratified; the chart gives "
                    "only a signature date."
                }
            instance.status = Status.SIGNED
        instance.source, instance.as_of = self.source, self.as_of
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row without dates records nothing; a row that changes nothing is skipped."""
        if import_validation_errors:
            return False
        if not any(text(row.get(column)) for column in DATE_COLUMNS):
            return True
        if original is None or original.pk is None:
            return False
        return all(getattr(instance, f) == getattr(original, f) for f in self.COMPARED)

    def after_import(self, dataset, result, **kwargs):
        """Keep the primary-key sequence as it is: the import never sets ids, and resetting it
        (django-import-export's default) races with concurrent writes."""


def read_dataset(path):
    """A chart file (CSV in UTF-8, or XLSX) as the admin reads it, within the admin's upload
    limits (history.upload_limits: UploadRefused beyond them)."""
    xlsx = str(path).lower().endswith(".xlsx")
    with open(path, "rb") as f:
        check_upload(f, xlsx=xlsx)
        content = f.read()
    if xlsx:
        return base_formats.XLSX().create_dataset(content)
    return base_formats.CSV(encoding="utf-8-sig").create_dataset(content)
