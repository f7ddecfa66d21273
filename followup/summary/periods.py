"""The periods of section 2.2, relative to the report's year Y, and each of its figures defined
once: a computation in the published figures' language (breakdowns/published.py: a metric, and
the filter query string the breakdown pages take), built from the periods.

- the appended list: from the first year with any money (F) to Y+3 (2000 to 2010 for 2007);
- awarded: paid or allocated, from the first year of the first plan that pledged money (P) to
  the end of Y (2003 to 2007), against the pledges of the plans started by Y;
- planned: the planned stage, Y to Y+2 (2007 to 2009);
- totals, regions and countries (footnote 4: paid or allocated), channels: the list's period;
- the West Balkans: Y against Y-1 (2007 against 2006).
"""

from dataclasses import dataclass

from django.db.models import Min

from funding.models import Fact
from measures.models import Plan

LIST_YEARS = "year_from={first}&year_to={list_end}"
MAIN_LIST = f"{LIST_YEARS}&objective=main"
PAID_OR_ALLOCATED = "status=disbursed&status=allocated"
UN_FAMILY = "United Nations"  # the register's top organisation of the UN family
NORWEGIAN_NGOS = "NGO Norwegian"  # the partner group of Norwegian NGOs
# The West Balkans: its countries and the regional recipient (the published figures' set).
WEST_BALKANS = "&".join(
    f"country={key}"
    for key in ("AL", "BA", "HR", "XK", "MK", "ME", "RS", "Western Balkans regional")
)

DEFINITIONS = {
    # the appended list: main objective, every stage
    "projects": f"metric=agreement_years&{MAIN_LIST}",
    "agreements": f"metric=agreements&{MAIN_LIST}",
    "one_year": f"metric=one_year_agreements&{MAIN_LIST}",
    "multi_year": f"metric=multi_year_agreements&{MAIN_LIST}",
    "small_years": f"metric=agreement_years_le_100k&{MAIN_LIST}",
    "small_agreements": f"metric=share_of_agreements_largest_le_1m&{MAIN_LIST}",
    "units": f"metric=one_year_agreements&{MAIN_LIST}",  # and each unit=…
    # awarded since the first pledge, planned ahead, and the list's totals
    "awarded": "metric=amount&objective=main&year_from={pledges_from}&year_to={year}"
    f"&{PAID_OR_ALLOCATED}",
    "awarded_subsidiary": "metric=amount&objective=subsidiary&year_from={pledges_from}"
    f"&year_to={{year}}&{PAID_OR_ALLOCATED}",
    "planned": "metric=amount&objective=main&year_from={year}&year_to={planned_end}&status=planned",
    "total": f"metric=amount&objective=main&{LIST_YEARS}&{PAID_OR_ALLOCATED}&status=planned",
    "total_subsidiary": f"metric=amount&objective=subsidiary&{LIST_YEARS}",
    # ranked rows (and each row=…): regions and countries paid or allocated (footnote 4)
    "regions": f"metric=share&dimension=region&objective=main&{LIST_YEARS}&{PAID_OR_ALLOCATED}",
    "countries": f"metric=share&dimension=country&objective=main&{LIST_YEARS}&{PAID_OR_ALLOCATED}",
    "channels": f"metric=amount&dimension=channel&objective=main&{LIST_YEARS}",
    "un": f"metric=amount&channel_family={UN_FAMILY}&objective=main&{LIST_YEARS}",
    "un_members": f"metric=amount&dimension=channel&channel_family={UN_FAMILY}"
    f"&objective=main&{LIST_YEARS}",
    "ngos": f"metric=amount&dimension=partner-group&row={NORWEGIAN_NGOS}&objective=main"
    f"&{LIST_YEARS}",
    "ngo_members": f"metric=amount&dimension=channel&partner_group={NORWEGIAN_NGOS}"
    f"&objective=main&{LIST_YEARS}",
    "balkans": f"metric=year_ratio&year={{year}}&base_year={{previous}}&objective=main"
    f"&{WEST_BALKANS}",
}


@dataclass(frozen=True)
class Periods:
    year: int  # Y, the report's year
    first: int  # F, the first year with money
    pledges_from: int  # P, the first year of the first plan that pledged money

    @property
    def list_end(self):
        return self.year + 3

    @property
    def planned_end(self):
        return self.year + 2

    @property
    def previous(self):
        return self.year - 1

    def values(self):
        return {
            name: getattr(self, name)
            for name in ("year", "first", "pledges_from", "list_end", "planned_end", "previous")
        }

    def definition(self, name):
        """The computation of the named figure for these periods."""
        return DEFINITIONS[name].format(**self.values())


def pledging_plans(year):
    """The plans of action started by `year` that record a pledged amount, the first first."""
    plans = Plan.objects.exclude(pledged_amount=None).filter(start_year__lte=year)
    return list(plans.order_by("start_year", "end_year"))


def periods_for(year, plans):
    """The periods of the report on `year`; `plans` are its pledging plans. Without money
    recorded, the list starts in `year`; without a pledging plan, the awarded period starts
    with the list."""
    first = Fact.objects.aggregate(first=Min("year"))["first"]
    first = year if first is None else first
    return Periods(year, first, plans[0].start_year if plans else first)
