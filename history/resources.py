"""What every reference-table import and export shares (django-import-export): measures,
recipients, organisations, administering units, partner groups and OECD channel codes are read
from and written to CSV and XLSX by a `ReferenceResource` in the app of their model, and the
admin offers them through `history.admin.ReferenceImportExport`. docs/import-format.md
describes the files.

The library's defaults are unsafe for this job (../shared/LIBRARY-NOTES.md), so the base:
- imports all or nothing: any refused row rolls the whole file back, also at the admin's confirm
  step, which does not pass `rollback_on_validation_errors` by itself;
- names the row, the column and the value in every message, and refuses unknown or missing
  columns, a record listed twice and a control character in any cell (history.text), instead
  of ignoring them;
- refers to other records by natural keys (names, codes, ISO codes, a plan's period), never by
  database ids, so that a file exported from one installation imports into another;
- compares every model field and the aliases before skipping a row as unchanged;
- saves row by row, so that django-simple-history records every change (an alias change is
  recorded on its owner's history, with the aliases as the change reason);
- holds a PostgreSQL advisory lock for the import and does not reset the id sequences
  afterwards (the library's default, which races with concurrent writes);
- escapes spreadsheet formulae on export and undoes that on import.
Rows are never deleted: a record missing from the file stays as it is.
"""

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from import_export import resources

from .text import control_character_problem
from .widgets import Aliases, NaturalKey, folded, text

LOCK_KEY = 17_2001  # pg_advisory_xact_lock key shared by every reference import


class AllOrNothing:
    """Mix into a django-import-export resource, before it: the file's headers are named by
    `named_headers`, a file `file_problem` refuses or with a control character in any cell is
    refused before any row is read, and any refused row rolls the whole file back, in the admin
    too."""

    def named_headers(self, headers):
        return headers

    def import_data(self, dataset, **kwargs):
        dataset.headers = self.named_headers(dataset.headers or [])
        problem = self.file_problem(dataset.headers)
        if problem := problem or control_character_problem(dataset.headers, dataset):
            result = self.get_result_class()()
            result.append_base_error(self.get_error_result_class()(ValueError(problem)))
            return result
        kwargs |= {"use_transactions": True, "rollback_on_validation_errors": True}
        return super().import_data(dataset, **kwargs)


class ReferenceResource(AllOrNothing, resources.ModelResource):
    """The base of every reference-table resource (see the module's docstring). Subclasses
    declare their columns as fields with natural-key widgets and set `allow_new`."""

    allow_new = True

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def columns(self):
        """The file's columns, in the export's order."""
        return {field.column_name: field for field in self.get_export_fields()}

    def named_headers(self, headers):
        """The file's headers as the columns are named, whatever their case and spacing; a
        file with unknown or missing columns is then refused (`file_problem`)."""
        by_word = {folded(name): name for name in self.columns()}
        stripped = [text(h).lstrip("\ufeff") for h in headers]
        return [by_word.get(folded(h), h) for h in stripped]

    def file_problem(self, headers):
        known = self.columns()
        listed = ", ".join(known)
        if unknown := [h for h in headers if h not in known]:
            return _("Unknown column %(column)s: the columns are %(columns)s.") % {
                "column": repr(unknown[0]),
                "columns": listed,
            }
        keys = [self.fields[name].column_name for name in self.get_import_id_fields()]
        if missing := [name for name in keys if name not in headers]:
            return _("The file has no column %(missing)s: the columns are %(columns)s.") % {
                "missing": ", ".join(missing),
                "columns": listed,
            }
        return None

    def before_import(self, dataset, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        for widget in self.natural_keys():
            widget.load()
        self.rows_of_key = {}
        self.alias_owners = self.recorded_aliases()

    def natural_keys(self):
        return [f.widget for f in self.fields.values() if isinstance(f.widget, NaturalKey)]

    def recorded_aliases(self):
        field = self.fields.get("aliases")
        if field is None:
            return {}
        owners = self._meta.model.aliases.rel.related_model.objects.values_list(
            "name", field.owner_field
        )
        return {folded(name): owner for name, owner in owners}

    def get_instance(self, instance_loader, row):
        """The recorded row with the same natural key (text compared without case)."""
        lookups = {}
        for name in self.get_import_id_fields():
            try:
                value = self.fields[name].clean(row)
            except ValueError:
                return None  # import_instance reports it, naming the value
            if value in (None, ""):
                return None
            attribute = self.fields[name].attribute
            lookups[f"{attribute}__iexact" if isinstance(value, str) else attribute] = value
        return self._meta.model.objects.filter(**lookups).first()

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not any(text(value) for value in row.values()):
            return
        errors.update(self.row_problems(instance, kwargs.get("row_number")))
        if errors:
            raise ValidationError(errors)

    def row_problems(self, instance, number):
        """Errors a single row cannot show: a new record where none may be added, a record
        listed twice, an alias another record has."""
        key = tuple(
            folded(self.fields[name].export(instance)) for name in self.get_import_id_fields()
        )
        label = " ".join(self.fields[name].export(instance) for name in self.get_import_id_fields())
        if not all(key):
            return {}
        if instance.pk is None and not self.allow_new:
            return {
                "__all__": _(
                    "No %(kind)s %(label)s is recorded; the import changes recorded ones only."
                )
                % {"kind": self._meta.model._meta.verbose_name, "label": repr(label)}
            }
        if key in self.rows_of_key:
            return {
                "__all__": _("%(label)s is also on row %(row)s.")
                % {"label": repr(label), "row": self.rows_of_key[key]}
            }
        self.rows_of_key[key] = number
        return self.alias_problems(instance)

    def alias_problems(self, instance):
        for name in getattr(instance, "imported_aliases", []):
            owner = self.alias_owners.get(folded(name))
            if owner is not None and owner != instance.pk:
                holder = self._meta.model.objects.filter(pk=owner).first() or _("another row")
                return {
                    "aliases": _("The alias %(alias)s already belongs to %(holder)s.")
                    % {"alias": repr(name), "holder": holder}
                }
            self.alias_owners[folded(name)] = instance.pk or "new"
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Skip a blank row, and a row that changes no field and no alias."""
        if not any(text(value) for value in row.values()):
            return True
        if import_validation_errors or original is None or original.pk is None:
            return False
        if self.aliases_change(instance):
            return False
        return all(
            getattr(instance, f.attname) == getattr(original, f.attname)
            for f in self._meta.model._meta.concrete_fields
        )

    @staticmethod
    def aliases_change(instance):
        wanted = getattr(instance, "imported_aliases", None)
        return wanted is not None and set(wanted) != set(Aliases.recorded(instance))

    def before_save_instance(self, instance, row, **kwargs):
        if self.aliases_change(instance):
            instance._change_reason = "Aliases: " + ("; ".join(instance.imported_aliases) or "none")

    def after_save_instance(self, instance, row, **kwargs):
        for widget in self.natural_keys():
            if widget.model is self._meta.model:
                widget.add(instance)
        if self.aliases_change(instance):
            self.save_aliases(instance)

    def save_aliases(self, instance):
        wanted = instance.imported_aliases
        instance.aliases.exclude(name__in=wanted).delete()
        kept = set(instance.aliases.values_list("name", flat=True))
        owner = self.fields["aliases"].owner_field.removesuffix("_id")
        alias_model = instance.aliases.model
        alias_model.objects.bulk_create(
            [alias_model(name=name, **{owner: instance}) for name in wanted if name not in kept]
        )

    def iter_queryset(self, queryset):
        """The rows in one query per table (the library pages a prefetching query by 100
        rows; reference tables are small)."""
        yield from queryset

    def after_import(self, dataset, result, **kwargs):
        """Keep the id sequences as they are (see the module's docstring)."""
