"""A record's name as of a year, from its earlier names (projects.models.names.EarlierName)."""


def name_in(record, year):
    """`record`'s name in `year`: the earliest-ending earlier name still in use then, else its
    name (read from the prefetched earlier names when there are some)."""
    if year is not None:
        for earlier in sorted(record.earlier_names.all(), key=lambda e: e.until):
            if year <= earlier.until:
                return earlier.name
    return record.in_language()


def name_with_earlier(record, year):
    """Today's name, with the name of `year` beside it where it differs: the pages' form."""
    then, now = name_in(record, year), record.in_language()
    return now if then == now else f"{now} ({then} in {year})"
