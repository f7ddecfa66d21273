"""Section 2.2's sentences and footnotes, in our own words, each translatable with named
placeholders; `parts` fills one with text, figures and lists of them."""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"%\((\w+)\)s")

PLAN_TITLED = _("%(title)s (%(period)s)")
PLAN_UNTITLED = _("for %(period)s")
PLEDGE_FIRST = _(
    "With the plan of action %(plan)s, the Government pledged %(amount)s from the Ministry's "
    "budget for the work against human trafficking."
)
PLEDGE_MORE = _("A further %(amount)s was promised with the plan of action %(plan)s.")

LIST = _(
    "The list appended to this report holds %(projects)s projects and project plans against "
    "human trafficking for which funding from the Ministry's budget has been approved in "
    "%(period)s."
)
AWARDED = _(
    "By this list, %(awarded)s was paid out or allocated from %(first)s to the end of %(year)s "
    "to projects aimed directly at human trafficking, and %(subsidiary)s to projects that count "
    "the fight against trafficking as a secondary objective."
)
PLANNED = _(
    "For %(period)s, the Ministry has already planned %(planned)s of direct project support."
)
FULFILMENT = {
    "margin": _("The pledges of %(pledged)s in all have thus been kept with a comfortable margin."),
    "kept": _("The pledges of %(pledged)s in all have thus been kept."),
    "short": _("This still falls short of the pledges of %(pledged)s in all."),
    None: _(
        "The records cannot yet show whether the pledges of %(pledged)s in all have been kept."
    ),
}
TOTALS = _(
    "Over %(period)s as a whole, projects aimed directly at human trafficking receive %(total)s "
    "through the Ministry's budget, and projects with it as a secondary objective "
    "%(subsidiary)s."
)

AGREEMENTS = _(
    "These %(projects)s projects and project plans fall under %(agreements)s agreements."
)
DURATION = _(
    "Of these agreements, %(one_year)s (%(share)s) last a single year and %(multi_year)s run "
    "for two years or more."
)
UNITS = _("Counted by one-year agreements, the largest administering units are %(units)s.")
UNIT = _("%(unit)s (%(count)s)")
SIZES = _(
    "For %(share)s of the agreements, the largest yearly amount is %(medium)s or less, and "
    "%(small_years)s of the %(projects)s projects receive %(small)s or less."
)

REGION_BY_FAR = _(
    "%(region)s receives by a wide margin the largest part of the funding, %(share)s of the total."
)
REGION_FIRST = _("%(region)s receives the largest part of the funding, %(share)s of the total.")
COUNTRY_FIRST = _(
    "Among the recipient countries, %(country)s receives the most: %(share)s of the total, or "
    "%(amount)s."
)
COUNTRIES_NEXT = {
    1: _("The next largest recipient country is %(first)s."),
    2: _("The next largest recipient countries are %(first)s and %(second)s."),
}
REGIONS_NEXT = {
    1: _("%(second)s follows with %(share2)s of the funding (%(amount2)s)."),
    2: _(
        "%(second)s follows with %(share2)s of the funding (%(amount2)s), then %(third)s with "
        "%(share3)s (%(amount3)s)."
    ),
}
NO_REGIONS = _("The records hold no funding by region for %(period)s.")

CHANNEL_FIRST = _("Of the channels, %(channel)s receives the most, %(amount)s in all.")
UN = _("UN organisations together receive %(amount)s.")
UN_MEMBER = _(
    "UN organisations together receive %(amount)s; the largest part of it, %(member_amount)s, "
    "goes to %(member)s."
)
NGOS = _("Norwegian NGOs receive %(amount)s.")
NGO_MEMBER = _(
    "Norwegian NGOs receive %(amount)s, of which %(member)s receives the most: %(member_amount)s."
)

BALKANS = _("Project funding in the West Balkans %(change)s between %(previous)s and %(year)s.")
NO_BALKANS = _(
    "The records give no comparison of project funding in the West Balkans between "
    "%(previous)s and %(year)s."
)

AGREEMENT_NOTE = _(
    "Here one agreement covers one project name with one partner in one country, funded by "
    "decision of one embassy or Ministry section, over one year or more."
)
REGIONS_NOTE = _(
    "The figures by region and country are the amounts paid out or allocated in %(period)s."
)


def parts(template, **values):
    """The translated `template` as a list of parts: its text, and each %(name)s placeholder
    replaced by its value (a text, a Figure or a Note, or a list of them)."""
    pieces = PLACEHOLDER.split(str(template))
    result = []
    for index, piece in enumerate(pieces):
        if not index % 2:
            if piece:
                result.append(piece)
            continue
        value = values[piece]
        result.extend(value if isinstance(value, list) else [value])
    return result


def joined(items):
    """Parts lists joined as a list of items: "A", "A and B", "A, B and C"."""
    if len(items) < 2:
        return [part for item in items for part in item]
    head = []
    for item in items[:-2]:
        head += [*item, gettext(", ")]
    return parts(gettext("%(first)s and %(second)s"), first=[*head, *items[-2]], second=items[-1])
