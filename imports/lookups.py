"""The reference data an import checks against, read once per import: recipients, channels
and administering units (by name, alias, ISO code or acronym, with "did you mean …?" from difflib
over the names and aliases), and the current plan's measures, with measure cells turned into
numbered sets of (measure, share).
"""

import difflib
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from funding.models import ORE
from measures.models import Measure
from projects.models import (
    AdministeringUnit,
    Channel,
    ChannelAlias,
    Recipient,
    RecipientAlias,
    UnitAlias,
)

MEASURE_ITEM = re.compile(
    r"^(?:m|measure|tiltak)?\s*\.?\s*(\d+)\s*(?:\(\s*(\d+(?:[.,]\d{1,2})?)\s*%?\s*\))?$", re.I
)


class Names:
    """Names and aliases of one kind of reference record, for lookups and suggestions."""

    def __init__(self, label):
        self.label, self.ids, self.display, self.by_id = label, {}, {}, {}

    def add(self, name, pk, display):
        self.by_id.setdefault(pk, display)
        if name:
            self.ids.setdefault(name.lower(), pk)
            self.display.setdefault(name.lower(), display)

    def get(self, value):
        return self.ids.get(value.lower())

    def suggest(self, value):
        close = difflib.get_close_matches(value.lower(), list(self.ids), n=5, cutoff=0.6)
        names = list(dict.fromkeys(self.display[c] for c in close))[:3]
        if not names:
            return ""
        quoted = _(" or ").join(f'"{n}"' for n in names)
        return _("; did you mean %(names)s?") % {"names": quoted}


class Lookups:
    """Every reference table the import needs, read once."""

    def __init__(self, create_missing=False, missing_hint=None):
        self.create_missing = create_missing
        self.missing_hint = missing_hint or _(" (use --create-missing to add it)")
        self.recipients = Names(gettext_noop("recipient country or region"))
        for pk, name, iso2, iso3 in Recipient.objects.values_list("id", "name", "iso2", "iso3"):
            for key in (name, iso2, iso3):
                self.recipients.add(key, pk, name)
        for pk, alias, name in RecipientAlias.objects.values_list(
            "recipient_id", "name", "recipient__name"
        ):
            self.recipients.add(alias, pk, name)
        self.channels = Names(gettext_noop("agreement partner (channel)"))
        channels = list(Channel.objects.values_list("id", "name", "acronym"))
        for pk, name, _acronym in channels:
            self.channels.add(name, pk, name)
        for pk, alias, name in ChannelAlias.objects.values_list(
            "channel_id", "name", "channel__name"
        ):
            self.channels.add(alias, pk, name)
        acronyms = [a.lower() for _, _, a in channels if a]
        for pk, name, acronym in channels:
            if acronym and acronyms.count(acronym.lower()) == 1:
                self.channels.add(acronym, pk, name)
        self.units = Names(gettext_noop("administering unit"))
        for pk, name in AdministeringUnit.objects.values_list("id", "name"):
            self.units.add(name, pk, name)
        for pk, alias, name in UnitAlias.objects.values_list("unit_id", "name", "unit__name"):
            self.units.add(alias, pk, name)
        latest = Measure.objects.order_by("-plan__start_year").values_list("plan_id", flat=True)
        plan_id = latest.first()
        self.measures = dict(Measure.objects.filter(plan_id=plan_id).values_list("number", "id"))
        self.measure_range = (min(self.measures, default=0), max(self.measures, default=0))
        self.missing = {"channel": {}, "unit": {}}  # lower name → (placeholder id, name)
        self.measure_sets = {}  # ((measure id, share), ...) → set id
        self._measure_cache = {}

    def find(self, kind, value):
        """Return (id, None) or (None, message)."""
        names = self.channels if kind == "channel" else self.units
        if kind == "recipient":
            names = self.recipients
        pk = names.get(value)
        if pk is not None:
            return pk, None
        if kind != "recipient" and self.create_missing:
            missing = self.missing[kind]
            if value.lower() not in missing:
                missing[value.lower()] = (-(len(missing) + 1), value)
            return missing[value.lower()][0], None
        hint = "" if kind == "recipient" else self.missing_hint
        return None, _("unknown %(kind)s") % {"kind": _(names.label)} + names.suggest(value) + hint

    def name_of(self, kind, pk):
        """The display name of a recipient, channel or unit id (also of ones to be created)."""
        for key, value in self.missing.get(kind, {}).values():
            if key == pk:
                return value
        return getattr(self, kind + "s" if kind != "recipient" else "recipients").by_id.get(pk)

    def measure_set(self, text):
        """Return (set id, None) or (None, message) for a measures cell; (None, None) if empty."""
        if text in self._measure_cache:
            return self._measure_cache[text]
        result = self._parse_measures(text)
        self._measure_cache[text] = result
        return result

    def _parse_measures(self, text):
        if not text:
            return None, None
        items = [i.strip() for i in re.split(r"[;,]\s*(?![^()]*\))", text) if i.strip()]
        numbers, shares = [], []
        for item in items:
            m = MEASURE_ITEM.match(item)
            if not m:
                return None, _(
                    '"%(item)s" is not a measure; write measures like "1; 33", "M1, M33" or '
                    '"1 (70%%); 33 (30%%)"'
                ) % {"item": item}
            number = int(m.group(1))
            if number not in self.measures:
                low, high = self.measure_range
                return None, _(
                    "measure %(number)s does not exist (the plan has measures %(low)s–%(high)s)"
                ) % {"number": number, "low": low, "high": high}
            if number in numbers:
                return None, _("measure %(number)s is listed twice") % {"number": number}
            numbers.append(number)
            shares.append(Decimal(m.group(2).replace(",", ".")) if m.group(2) else None)
        if any(s is None for s in shares):
            if any(s is not None for s in shares):
                return None, _("give a share for every measure or for none")
            shares = equal_shares(len(numbers))
        elif sum(shares) != 100:
            return None, _("the shares add up to %(sum)s %%, not 100 %%") % {"sum": sum(shares)}
        if any(s <= 0 for s in shares):
            return None, _("every share must be above 0 %")
        key = tuple(
            sorted(
                (self.measures[n], s.quantize(ORE)) for n, s in zip(numbers, shares, strict=True)
            )
        )
        return self.measure_sets.setdefault(key, len(self.measure_sets) + 1), None


def equal_shares(count):
    """Shares of 100 % split as evenly as øre allow, adding up to exactly 100.00."""
    base = (Decimal(100) / count).quantize(ORE, rounding="ROUND_DOWN")
    extra = int((Decimal(100) - base * count) / ORE)
    return [base + ORE if i < extra else base for i in range(count)]
