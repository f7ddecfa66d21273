"""Problems that only show across rows or against the database, found with SQL on the stage."""

from decimal import Decimal

from django.utils.translation import gettext as _

from web import formats


def nok(ore):
    """An amount in øre as people read it: "NOK 1 234.50" (web.formats.nok)."""
    return formats.nok(Decimal(ore) / 100, code=True)


def find_conflicts(stage, lookups, errors):
    """Add every cross-row and database conflict to `errors` (reads only)."""
    if stage.fmt != "norad":
        amounts_that_differ(stage, errors)
    numbers_that_differ(stage, lookups, errors)
    projects_that_differ(stage, lookups, errors)
    find_database_conflicts(stage, lookups, errors)


def amounts_that_differ(stage, errors):
    """Two rows of one agreement and year with different amounts or statuses."""
    for line, last, year, low, high, title, number in stage.all(
        """SELECT a.line, a.last_line, a.year, a.min_ore, a.ore, g.title, g.number
        FROM import_amt AS a JOIN import_agr AS g ON g.akey = a.akey
        WHERE a.values_differ = 1 ORDER BY a.line"""
    ):
        label = _("agreement %(number)s") % {"number": number} if number else f'"{title}"'
        if low != high:
            amounts = _("%(low)s and %(high)s") % {"low": nok(low), "high": nok(high)}
        else:
            amounts = _("different statuses")
        message = _(
            "%(label)s has two different amounts for %(year)s (lines %(line)s and %(last)s: "
            "%(amounts)s); keep one row per agreement and year"
        )
        values = {"label": label, "year": year, "line": line, "last": last, "amounts": amounts}
        errors.add(last, str(year), "", message % values)


def numbers_that_differ(stage, lookups, errors):
    """One agreement number on rows of different projects or units."""
    rows = stage.all(
        """SELECT s.number, s.title, s.channel_id, s.recipient_id, s.unit_id, MIN(s.line)
        FROM import_stage AS s JOIN import_agr AS g ON g.akey = s.akey WHERE g.keys_differ = 1
        GROUP BY s.number, s.title, s.channel_id, s.recipient_id, s.unit_id ORDER BY 6"""
    )
    first = {}
    for number, title, channel, recipient, unit, line in rows:
        if number not in first:
            first[number] = (title, channel, recipient, unit, line)
            continue
        other = first[number]
        for label, kind, mine, theirs in (
            (_("project title"), None, title, other[0]),
            (_("partner"), "channel", channel, other[1]),
            (_("recipient"), "recipient", recipient, other[2]),
            (_("administering unit"), "unit", unit, other[3]),
        ):
            if mine != theirs:
                shown = lookups.name_of(kind, mine) if kind else mine
                was = lookups.name_of(kind, theirs) if kind else theirs
                errors.add(
                    line,
                    label,
                    shown,
                    _(
                        'agreement number %(number)s has the %(label)s "%(was)s" on line '
                        "%(line)s; one agreement number belongs to one project, partner, "
                        "recipient and unit"
                    )
                    % {"number": number, "label": label, "was": was, "line": other[4]},
                )


def projects_that_differ(stage, lookups, errors):
    """One project (title, channel, recipient) with rows that disagree on a value they must
    share (objective, measures)."""
    schema, seen = stage.schema, set()
    keys = schema.key_list("s.") + ", " + schema.agreeing_list("s.")
    position = len(schema.project_keys) + len(schema.agreeing) + 1
    for row in stage.all(
        f"""SELECT {keys}, MIN(s.line) FROM import_stage AS s
        JOIN import_proj AS p ON {schema.same_project("p", "s")} WHERE p.rows_differ = 1
        GROUP BY {keys} ORDER BY {position}"""
    ):
        title, channel, recipient = key = row[: len(schema.project_keys)]
        if key not in seen:
            seen.add(key)
            continue
        errors.add(
            row[-1],
            _("objective/measures"),
            title,
            _(
                'the project "%(title)s" (%(channel)s, %(recipient)s) has a different objective '
                "or different measures on an earlier row"
            )
            % {
                "title": title,
                "channel": lookups.name_of("channel", channel),
                "recipient": lookups.name_of("recipient", recipient),
            },
        )


def find_database_conflicts(stage, lookups, errors):
    name = lookups.name_of
    for line, number, title, channel, recipient, unit in stage.all(
        """SELECT g.line, g.number, p.title, p.channel_id, p.recipient_id, a.unit_id
        FROM import_agr AS g JOIN {agreement} AS a ON a.id = g.agreement_id
        JOIN {project} AS p ON p.id = a.project_id
        WHERE g.number IS NOT NULL AND (g.title <> p.title OR g.channel_id <> p.channel_id
        OR g.recipient_id <> p.recipient_id OR g.unit_id <> a.unit_id) ORDER BY g.line"""
    ):
        errors.add(
            line,
            _("agreement number"),
            number,
            _(
                'agreement %(number)s is already recorded for "%(title)s" (%(channel)s, '
                "%(recipient)s, %(unit)s); the file gives another project or unit for it"
            )
            % {
                "number": number,
                "title": title,
                "channel": name("channel", channel),
                "recipient": name("recipient", recipient),
                "unit": name("unit", unit),
            },
        )
    for line, title, numbers in stage.all(
        """SELECT g.line, g.title, MIN(a.number) FROM import_agr AS g
        JOIN {agreement} AS a ON a.project_id = g.project_id AND a.unit_id = g.unit_id
        WHERE g.number IS NULL AND g.agreement_id IS NULL GROUP BY g.line, g.title
        ORDER BY g.line"""
    ):
        errors.add(
            line,
            _("agreement number"),
            "",
            _(
                '"%(title)s" already has a numbered agreement with this unit (%(numbers)s); '
                "give the agreement number"
            )
            % {"title": title, "numbers": numbers},
        )
