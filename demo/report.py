"""The 2007 report's headings and texts as demo records (fixtures/demo/report_2007/): the
headings its measure sections group efforts under, and the prose of its sections 1, 2.1, 2.2
and 2.3, written in our own words."""

import csv
from pathlib import Path

from django.conf import settings

from followup.models import ReportHeading, ReportText
from projects.models import Channel, Recipient, Region

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "demo" / "report_2007"


class DemoReportError(Exception):
    """A demo heading, text or effort names something the records lack."""


def rows(name):
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def record(model, name):
    """The record of `model` named `name`, or None for an empty cell."""
    if not name:
        return None
    found = model.objects.filter(name=name).first()
    if found is None:
        raise DemoReportError(f"No {model._meta.verbose_name} is called {name!r}.")
    return found


def headings_load():
    """The headings of headings.csv, created where missing: {key: ReportHeading}."""
    headings = {}
    for row in rows("headings.csv"):
        parent = headings[row["parent"]] if row["parent"] else None
        fields = {
            "kind": row["kind"],
            "label_nb": row["label_nb"],
            "region": record(Region, row["region"]),
            "recipient": record(Recipient, row["country"]),
            "organisation": record(Channel, row["organisation"]),
        }
        heading, _created = ReportHeading.objects.update_or_create(
            parent=parent, label=row["label"], defaults=fields
        )
        headings[row["key"]] = heading
    return headings


def headings_remove():
    """The headings no effort is under any more, the lowest first."""
    removed = 0
    while True:
        unused = ReportHeading.objects.filter(efforts=None, children=None)
        count = unused.count()
        if not count:
            return removed
        unused.delete()
        removed += count


def texts():
    """The report texts of texts.csv, as fields."""
    return [
        {
            "year": int(row["year"]),
            "place": row["place"],
            "order": int(row["order"]),
            "title": row["title"],
            "body": row["body"],
            "language": row["language"],
            "demo": True,
        }
        for row in rows("texts.csv")
    ]


def texts_load():
    """Write the demo texts anew (staff texts of the same place and order are left alone and
    win: a demo text does not replace them)."""
    ReportText.objects.filter(demo=True).delete()
    taken = set(ReportText.objects.values_list("year", "place", "order"))
    wanted = [t for t in texts() if (t["year"], t["place"], t["order"]) not in taken]
    for fields in wanted:
        ReportText.objects.create(**fields, review_state=ReportText.State.APPROVED)
    return len(wanted)
