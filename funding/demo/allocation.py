"""Illustrative amounts: iterative proportional fitting to the report's published totals."""

from decimal import Decimal

from web.formats import nok

from .layout import WEST_BALKANS

MILLION = 1_000_000

# Targets in NOK million, main objective, 2000-2010, all statuses (published-figures.csv).
YEAR_TARGETS = {
    2000: 5, 2001: 7, 2002: 10, 2003: 30, 2004: 38, 2005: 42,
    2006: 48, 2007: 42, 2008: 17, 2009: 10, 2010: 3,
}  # fmt: skip
REGION_TARGETS = {"Europe": 113.21, "Asia": 58.3, "Africa": 47.3, "America": 0.39, None: 32.8}
CHANNEL_TARGETS = {"IOM": 89, "UNICEF": 40, "UN": 39, "SCN": 18, "NGO Norwegian": 29, "other": 37}
COUNTRY_TARGETS = {"Bosnia and Herzegovina": 31.5}
WEST_BALKANS_TARGETS = {2006: 30, 2007: 15}
SUBSIDIARY_YEAR_TARGETS = {
    2000: 0.8, 2001: 0.6, 2002: 0.6, 2003: 9, 2004: 11, 2005: 12,
    2006: 13, 2007: 15, 2008: 3, 2009: 2, 2010: 1,
}  # fmt: skip


def rake(weights, constraints, rounds=2000):
    """Scale `weights` (one per cell) until every (cell indices, target) constraint holds."""
    for _ in range(rounds):
        worst = 0.0
        for members, target in constraints:
            current = sum(weights[i] for i in members)
            factor = target / current
            worst = max(worst, abs(factor - 1))
            for i in members:
                weights[i] *= factor
        if worst < 1e-9:
            return weights
    raise ValueError(f"The demo targets are inconsistent (worst factor off by {worst:.2e}).")


def allocate(agreements, region_of, channel_class_of):
    """Amounts for every agreement-year: {(key, year): Decimal}, deterministic.

    region_of(recipient) -> region name, None when not geographically allocated;
    channel_class_of(channel) -> one of CHANNEL_TARGETS' keys.
    """
    amounts = {}
    for a in agreements:
        for year, value in zip(a.years, a.fixed, strict=False):
            amounts[(a.key, year)] = Decimal(value)
    for objective, groups in [("main", main_groups), ("subsidiary", subsidiary_groups)]:
        free = [
            (a, year)
            for a in agreements
            if a.objective == objective
            for year in a.years
            if (a.key, year) not in amounts
        ]
        fixed = [
            (a, year, amounts[(a.key, year)])
            for a in agreements
            if a.objective == objective
            for year in a.years
            if (a.key, year) in amounts
        ]
        constraints = []
        for test, target in groups(region_of, channel_class_of):
            members = [i for i, (a, year) in enumerate(free) if test(a, year)]
            taken = sum(float(v) for a, year, v in fixed if test(a, year))
            if not members:
                if abs(target - taken) > 1_000:
                    raise ValueError(
                        f"No free agreement-year for a target of {nok(target, code=True)}."
                    )
                continue
            constraints.append((members, target - taken))
        weights = [1.0 + ((7 * i) % 11) / 10 for i in range(len(free))]
        weights = rake(weights, constraints)
        for (a, year), weight in zip(free, weights, strict=True):
            amounts[(a.key, year)] = Decimal(round(weight, -3))
    return amounts


def main_groups(region_of, channel_class_of):
    for year, target in YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION
    for region, target in REGION_TARGETS.items():
        yield (lambda a, y, region=region: region_of(a.recipient) == region), target * MILLION
    for name, target in CHANNEL_TARGETS.items():
        yield (lambda a, y, name=name: channel_class_of(a.channel) == name), target * MILLION
    for country, target in COUNTRY_TARGETS.items():
        yield (lambda a, y, country=country: a.recipient == country), target * MILLION
    for year, target in WEST_BALKANS_TARGETS.items():
        yield (lambda a, y, year=year: y == year and a.recipient in WEST_BALKANS), target * MILLION


def subsidiary_groups(region_of, channel_class_of):
    for year, target in SUBSIDIARY_YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION
