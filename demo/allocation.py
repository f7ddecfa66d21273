"""Illustrative amounts: iterative proportional fitting to the report's published totals.

The regional and country targets are on the report's own basis (footnote 4: "paid or
allocated"), so they apply to the years up to the report's year (PAID_OR_ALLOCATED_UNTIL: the
demo's later years are planned, see layout.status_for); the year and channel targets cover every
year. A filler in a country may not receive more in a year than the largest yearly amount of an
agreement the report names in that country (`capped`): fillers that would are fixed below that
amount and the rest is fitted again.
"""

from decimal import Decimal

from web.formats import nok

from .layout import WEST_BALKANS

MILLION = 1_000_000
PAID_OR_ALLOCATED_UNTIL = 2007
CAP_MARGIN = 0.9  # a capped filler gets this fraction of the largest named yearly amount
ROUNDS = 200
FLOOR = 150_000.0
STEP = 0.8  # a filler above its cap comes down by at most this factor a round

# Targets in NOK million, main objective (published-figures.csv).
YEAR_TARGETS = {
    2000: 5, 2001: 7, 2002: 10, 2003: 30, 2004: 38, 2005: 42,
    2006: 48, 2007: 42, 2008: 17, 2009: 10, 2010: 3,
}  # fmt: skip
# Paid or allocated 2000-2007 (222 = 252 - 27 planned for 2008-2009 - 3 for 2010): the
# geographically allocated 220 gives Europe 51.7 %, Asia 26.6 % (58.5), Africa 21.6 % (47.5).
REGION_TARGETS = {"Europe": 113.65, "Asia": 58.48, "Africa": 47.48, "America": 0.39, None: 2.0}
COUNTRY_TARGETS = {  # paid or allocated; Bosnia and Herzegovina 14 %, then Albania, Macedonia
    "Bosnia and Herzegovina": 31.5,
    "Albania": 17.5,
    "North Macedonia": 15.5,
    "Croatia": 9.0,
}
CHANNEL_TARGETS = {  # every year and stage; NCA below Save the Children Norway
    "IOM": 89, "UNICEF": 40, "UN": 39, "SCN": 18.4, "NCA": 17, "NGO Norwegian": 11.6, "other": 37,
}  # fmt: skip
WEST_BALKANS_TARGETS = {2006: 30, 2007: 15}
SUBSIDIARY_YEAR_TARGETS = {
    2000: 0.8, 2001: 0.6, 2002: 0.6, 2003: 9, 2004: 11, 2005: 12,
    2006: 13, 2007: 15, 2008: 3, 2009: 2, 2010: 1,
}  # fmt: skip


def rake(weights, constraints, rounds=4000):
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


def allocate(agreements, region_of, channel_class_of, countries=frozenset()):
    """Amounts for every agreement-year: {(key, year): Decimal}, deterministic.

    region_of(recipient) -> region name, None when not geographically allocated;
    channel_class_of(channel) -> one of CHANNEL_TARGETS' keys; countries: the recipients that
    are countries (not regional or global), whose fillers are capped.
    """
    amounts = {}
    for a in agreements:
        for year, value in zip(a.years, a.fixed, strict=False):
            amounts[(a.key, year)] = Decimal(value)
    largest = {}  # recipient -> the largest yearly amount of a named agreement, so far
    for objective, groups in [("main", main_groups), ("subsidiary", subsidiary_groups)]:
        tests = list(groups(region_of, channel_class_of))
        cells = [(a, year) for a in agreements if a.objective == objective for year in a.years]
        for cell, value in fit(cells, amounts, tests, (countries, largest)).items():
            amounts[cell] = Decimal(round(value, -3))
        for a, year in cells:
            if a.demo != "filler":
                value = float(amounts[key((a, year))])
                largest[a.recipient] = max(largest.get(a.recipient, 0.0), value)
    return amounts


def fit(cells, amounts, tests, bounds):
    """The cells' amounts meeting every (test, target), fillers capped: {(key, year): float}.

    A capped filler is fixed at its cap and the rest fitted again; as the named agreements'
    amounts move, so do the caps, until nothing changes."""
    given = {key(cell): float(amounts[key(cell)]) for cell in cells if key(cell) in amounts}
    caps = {}
    for _ in range(ROUNDS):
        fixed = {**given, **caps}
        free = [cell for cell in cells if key(cell) not in fixed]
        fixed_cells = [(cell, fixed[key(cell)]) for cell in cells if key(cell) in fixed]
        weights = rake(initial(free), constraints(free, fixed_cells, tests))
        values = [*fixed_cells, *zip(free, weights, strict=True)]
        wanted = capped(values, bounds, caps)
        if wanted == caps:
            return {
                **caps,
                **{key(cell): weight for cell, weight in zip(free, weights, strict=True)},
            }
        caps = wanted
    raise ValueError("The demo's fillers cannot be kept below the named agreements.")


def key(cell):
    return (cell[0].key, cell[1])


def initial(free):
    """Deterministic starting weights; fillers start smaller than named agreements."""
    return [
        (1.0 + ((7 * i) % 11) / 10) * (0.5 if a.demo == "filler" and year < 2007 else 3.0)
        for i, (a, year) in enumerate(free)
    ]


def constraints(free, fixed, tests):
    out = []
    for test, target in tests:
        members = [i for i, (a, year) in enumerate(free) if test(a, year)]
        taken = sum(value for (a, year), value in fixed if test(a, year))
        if not members:
            if abs(target - taken) > 1_000:
                raise ValueError(
                    f"No free agreement-year for a target of {nok(target, code=True)}."
                )
            continue
        out.append((members, target - taken))
    return out


def capped(values, bounds, caps):
    """{(key, year): amount} for the cells held at a bound: one-year fillers in a country above
    CAP_MARGIN of the largest yearly amount of a named agreement there, and any fitted amount
    below FLOOR (the report counts its agreement-years of NOK 100 000 or less; those are fixed)."""
    countries, largest = bounds[0], dict(bounds[1])
    for (a, _year), value in values:
        if a.demo != "filler":
            largest[a.recipient] = max(largest.get(a.recipient, 0.0), value)
    wanted = {}
    for (a, year), value in values:
        cell = (a.key, year)
        if a.fixed or (
            cell not in caps and value >= FLOOR and value <= cap_of(a, largest, countries)
        ):
            continue
        if value < FLOOR or caps.get(cell) == FLOOR:
            wanted[cell] = FLOOR
        else:
            cap = cap_of(a, largest, countries)
            wanted[cell] = max(cap, float(int(STEP * value / 1000) * 1000))
    return wanted


def cap_of(a, largest, countries):
    """The most a one-year filler in a country may get: below the named agreements there."""
    one_year_filler = a.demo == "filler" and a.first_year == a.last_year
    if one_year_filler and a.recipient in countries and a.recipient in largest:
        return float(int(CAP_MARGIN * largest[a.recipient] / 1000) * 1000)
    return float("inf")


def paid_or_allocated(year):
    return year <= PAID_OR_ALLOCATED_UNTIL


def main_groups(region_of, channel_class_of):
    for year, target in YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION
    for region, target in REGION_TARGETS.items():
        yield (
            (lambda a, y, region=region: paid_or_allocated(y) and region_of(a.recipient) == region),
            target * MILLION,
        )
    for name, target in CHANNEL_TARGETS.items():
        yield (lambda a, y, name=name: channel_class_of(a.channel) == name), target * MILLION
    for country, target in COUNTRY_TARGETS.items():
        yield (
            (lambda a, y, country=country: paid_or_allocated(y) and a.recipient == country),
            target * MILLION,
        )
    for year, target in WEST_BALKANS_TARGETS.items():
        yield (lambda a, y, year=year: y == year and a.recipient in WEST_BALKANS), target * MILLION


def subsidiary_groups(region_of, channel_class_of):
    for year, target in SUBSIDIARY_YEAR_TARGETS.items():
        yield (lambda a, y, year=year: y == year), target * MILLION
