"""What the export needs besides the records: the reporting organisation (settings) and the OECD
DAC region codes of our regional recipients and regions (fixtures/reference/dac_regions.csv)."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from measures.reference import reference_rows
from projects.models import Agreement

SETTINGS = ("IATI_REPORTING_ORG_REF", "IATI_REPORTING_ORG_NAME", "IATI_REPORTING_ORG_TYPE")
# What docs/iati.md and .env.example propose (the register number to be confirmed by the Ministry).
PROPOSED = {
    "IATI_REPORTING_ORG_REF": "NO-BRC-972417920",
    "IATI_REPORTING_ORG_NAME": "Norwegian Ministry of Foreign Affairs",
    "IATI_REPORTING_ORG_TYPE": "10",
}


class NotConfigured(Exception):
    """The reporting organisation is not set: nothing can be exported. `missing` names the
    settings to set."""

    def __init__(self, message, missing=()):
        super().__init__(message)
        self.missing = list(missing)


@dataclass(frozen=True)
class Reporter:
    ref: str
    name: str
    type: str


def reporter():
    """The reporting organisation from the settings; NotConfigured names what is missing."""
    missing = [name for name in SETTINGS if not getattr(settings, name, "")]
    if missing:
        raise NotConfigured(
            _(
                "The IATI export needs the reporting organisation: set %(names)s (see "
                "docs/iati.md; the Ministry's would be NO-BRC-972417920, to be confirmed)."
            )
            % {"names": ", ".join(missing)},
            missing,
        )
    return Reporter(*(getattr(settings, name) for name in SETTINGS))


@cache
def dac_regions():
    """{(kind, name): code} with kind "recipient" or "region"."""
    return {(row["kind"], row["name"]): row["code"] for row in reference_rows("dac_regions.csv")}


def dac_region(recipient):
    """The DAC region code of a regional recipient: its own, else its region's, else None."""
    codes = dac_regions()
    return codes.get(("recipient", recipient.name)) or codes.get(("region", recipient.region.name))


def agreements(amounts):
    """The agreements with at least one of `amounts` (a filtered YearlyAmount queryset), with
    what the export prints, and each with only those amounts: two queries."""
    return (
        Agreement.objects.filter(pk__in=amounts.values("agreement"))
        .select_related("unit", "project__channel", "project__recipient__region")
        .prefetch_related(Prefetch("amounts", queryset=amounts.order_by("year")))
        .order_by("pk")
    )
