"""Control characters in text: U+0000 to U+001F except tab, LF and CR, and U+007F. No one types
them on purpose; they come from pasted text and files. Spreadsheets cannot hold them (openpyxl
refuses to write them, so one in a name made every XLSX download answer 500), nor can Word or
XML files, and PostgreSQL cannot store NUL. So:

- `without_control_characters` takes them out of every spreadsheet cell we write
  (`history.spreadsheets.escape`, which every download and export calls);
- `NoControlCharacters`, mixed into a model, refuses them in all its text fields when the model
  is validated: the admin's forms (and every other model form) and the imports
  (`clean_model_instances`) validate the record before saving it;
- `control_character_problem` refuses a whole import file that holds one, naming the cell
  (an import also writes cells that are no model field of their own: aliases).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(value):
    """`value` with its control characters taken out; anything but text as it is."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def code_point(character):
    return f"U+{ord(character):04X}"


def no_control_characters(value):
    """A validator: refuse text that holds a control character, naming it."""
    found = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
    if found:
        raise ValidationError(
            _(
                "This text holds the control character %(code)s at position %(position)s; "
                "remove it (it often comes with pasted text)."
            ),
            code="control_character",
            params={"code": code_point(found.group()), "position": found.start() + 1},
        )


class NoControlCharacters:
    """Mix into a model, before models.Model: every CharField and TextField of the model is
    validated by `no_control_characters`, the fields added later too."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.name in errors or (exclude and field.name in exclude):
                continue
            try:
                no_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


def control_character_problem(headers, rows):
    """The first cell of a file (headers, then rows numbered from 1) that holds a control
    character, described; None when there is none."""
    for number, row in enumerate(rows, start=1):
        for column, value in zip(headers, row, strict=False):
            found = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
            if found:
                return _(
                    "Row %(row)s, column %(column)s holds the control character %(code)s; "
                    "remove it and import the file again."
                ) % {"row": number, "column": column, "code": code_point(found.group())}
    return None
