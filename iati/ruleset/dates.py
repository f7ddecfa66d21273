"""The ruleset's rules about dates (SPEC.rst); "NOW" is today. Each returns None when the case
holds (or a date it needs is missing), else a detail of the failure."""

from django.utils.translation import gettext as _

from .nodes import dates


def shown(day, path, today):
    return _("today (%(day)s)") % {"day": day} if path == "NOW" else day.isoformat()


def date_order(element, case, today):
    """Every date `less` selects is on or before every date `more` selects."""
    for less in dates(element, case["less"], today):
        for more in dates(element, case["more"], today):
            if less > more:
                return _("%(less)s is after %(more)s") % {
                    "less": less.isoformat(),
                    "more": shown(more, case["more"], today),
                }
    return None


def date_now(element, case, today):
    later = [day for day in dates(element, case["date"], today) if day > today]
    if later:
        return _("%(day)s is after today (%(today)s)") % {"day": later[0], "today": today}
    return None


def time_limit(element, case, today):
    """The end is at most a year (365 days) after the start."""
    starts, ends = dates(element, case["start"], today), dates(element, case["end"], today)
    if starts and ends and (ends[0] - starts[0]).days > 365:
        return _("%(start)s to %(end)s is longer than a year") % {
            "start": starts[0],
            "end": ends[0],
        }
    return None


def between_dates(element, case, today):
    found = [dates(element, case[key], today) for key in ("date", "start", "end")]
    if not all(found):
        return None
    day, start, end = (days[0] for days in found)
    if start <= day <= end:
        return None
    return _("%(day)s is not between %(start)s and %(end)s") % {
        "day": day,
        "start": start,
        "end": end,
    }
