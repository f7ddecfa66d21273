"""DAC purpose codes (the IATI sectors of vocabulary 1) at input: a code that is not one is
refused with the nearest codes suggested, a withdrawn one is accepted with a warning.

The codes are fixtures/reference/purpose_codes.csv, generated from the IATI Sector codelist the
IATI app vendors (fixtures/reference/README.md): this app sits below iati and may not read it.
`validate_purpose_code` is Project.purpose_code's validator (the admin, the one-page entry and
any model form); an importer calls `purpose_code_error(value)` and `purpose_code_warning(value)`,
which return a sentence or None."""

import difflib
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from measures.reference import reference_rows

SUGGESTIONS = 3


@dataclass(frozen=True)
class PurposeCode:
    code: str
    name: str
    category: str  # the 3-digit DAC sector
    withdrawn: bool

    def __str__(self):
        return f"{self.code} ({self.name})"


@cache
def purpose_codes():
    """{code: PurposeCode}, read once."""
    return {
        row["code"]: PurposeCode(
            row["code"], row["name"], row["category"], row["status"] == "withdrawn"
        )
        for row in reference_rows("purpose_codes.csv")
    }


def active():
    return [code for code in purpose_codes().values() if not code.withdrawn]


def purpose_code_error(value):
    """Why `value` is not a DAC purpose code, with the codes it may have meant; None if it is one
    (withdrawn or not) or is blank."""
    value = (value or "").strip()
    if not value or value in purpose_codes():
        return None
    near = nearest_by_digits(value) if value.isdigit() else nearest_by_name(value)
    sentence = _("%(value)s is not a DAC purpose code") % {"value": value}
    if not near:
        return sentence
    guess = {"sentence": sentence, "codes": listed(near)}
    return _("%(sentence)s; did you mean %(codes)s?") % guess


def validate_purpose_code(value):
    error = purpose_code_error(value)
    if error:
        raise ValidationError(error, code="unknown_purpose_code")


def purpose_code_warning(value):
    """For a withdrawn code: that IATI has withdrawn it, and the active codes of its DAC sector
    named most like it (the one of the same name, if there is one); otherwise None."""
    code = purpose_codes().get((value or "").strip())
    if code is None or not code.withdrawn:
        return None
    instead = named_alike(code)
    if not instead:
        return _("%(code)s is a withdrawn DAC purpose code; use an active one.") % {"code": code}
    sentence = _("%(code)s is a withdrawn DAC purpose code; use an active one, e.g. %(instead)s.")
    return sentence % {"code": code, "instead": listed(instead)}


def named_alike(code):
    def likeness(other):
        return difflib.SequenceMatcher(None, code.name.lower(), other.name.lower()).ratio()

    sector = sorted((c for c in active() if c.category == code.category), key=likeness)[::-1]
    same_name = [c for c in sector if c.name == code.name]
    return same_name[:1] or sector[:SUGGESTIONS]


def listed(codes):
    names = [str(code) for code in codes]
    if len(names) == 1:
        return names[0]
    return _("%(some)s or %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def nearest_by_digits(value):
    """The active codes fewest edits away (a digit changed, added, dropped, or two swapped),
    then with the longest common start, then the closest in number."""

    def key(code):
        gap = abs(int(code.code) - int(value)) if len(code.code) == len(value) else 0
        return edits(code.code, value), -common_start(code.code, value), gap, code.code

    return sorted(active(), key=key)[:SUGGESTIONS]


def nearest_by_name(value):
    """The active codes whose name holds every word of `value`, else those named most alike."""
    words = value.lower().split()
    named = [code for code in active() if all(word in code.name.lower() for word in words)]
    if named:
        return named[:SUGGESTIONS]
    by_name = {code.name.lower(): code for code in active()}
    alike = difflib.get_close_matches(value.lower(), by_name, n=SUGGESTIONS, cutoff=0.6)
    return [by_name[name] for name in alike]


def common_start(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def edits(a, b):
    """Optimal string alignment distance between `a` and `b`."""
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if before and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, row = row, current
    return row[-1]
