"""Reference data of the measures app, read from fixtures/reference/*.csv.

Used by the data migration (with historical models) and by `manage.py load_reference`.
Loading is idempotent and never blanks out a value that staff filled in.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.conf import settings


def reference_rows(name):
    path = Path(settings.BASE_DIR) / "fixtures" / "reference" / name
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def fill(model, lookup, values):
    """Create the row matching `lookup`, or fill in its empty fields from `values`."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        changed = [k for k, v in values.items() if v not in ("", None) and getattr(obj, k) != v]
        for field in changed:
            setattr(obj, field, values[field])
        if changed:
            obj.save(update_fields=changed)
    return obj


def known(model, values):
    """`values` without the fields `model` lacks: an earlier migration's historical model loads
    the columns it knows, a later data migration fills in the rest."""
    names = {field.name for field in model._meta.get_fields()}
    return {name: value for name, value in values.items() if name in names}


def load(apps):
    Plan = apps.get_model("measures", "Plan")
    Goal = apps.get_model("measures", "Goal")
    Ministry = apps.get_model("measures", "Ministry")
    Measure = apps.get_model("measures", "Measure")

    plans = {}
    for row in reference_rows("plans.csv"):
        period = (int(row["start_year"]), int(row["end_year"]))
        pledge = {
            "title": row["title"],
            "pledged_amount": Decimal(row["pledged_amount"]) if row["pledged_amount"] else None,
            "pledge_source": row["pledge_source"],
        }
        plans[period] = fill(
            Plan, {"start_year": period[0], "end_year": period[1]}, known(Plan, pledge)
        )
    for row in reference_rows("goals.csv"):
        plan = plans[(int(row["plan_start_year"]), int(row["plan_end_year"]))]
        values = known(Goal, {"title": row["title"], "source": row["source"]})
        fill(Goal, {"plan": plan, "number": int(row["number"])}, values)
    ministries = {}
    for row in reference_rows("ministries.csv"):
        ministries[row["name"]] = fill(
            Ministry, {"name": row["name"]}, {"coordinates": row["coordinates"] == "1"}
        )
    for row in reference_rows("measures.csv"):
        plan = plans[(int(row["plan_start_year"]), int(row["plan_end_year"]))]
        measure = fill(
            Measure, {"plan": plan, "number": int(row["number"])}, {"title": row["title"]}
        )
        names = [n for n in row["responsible_ministries"].split("|") if n]
        measure.responsible_ministries.add(*(ministries[n] for n in names))


def load_responsibilities(apps):
    """How many of each plan's measures each ministry is responsible for, as the sources say."""
    Plan = apps.get_model("measures", "Plan")
    Ministry = apps.get_model("measures", "Ministry")
    PlanResponsibility = apps.get_model("measures", "PlanResponsibility")
    for row in reference_rows("plan_responsibilities.csv"):
        plan = Plan.objects.get(
            start_year=int(row["plan_start_year"]), end_year=int(row["plan_end_year"])
        )
        ministry = Ministry.objects.get(name=row["ministry"])
        values = {"measures": int(row["measures"]), "source": row["source"]}
        fill(PlanResponsibility, {"plan": plan, "ministry": ministry}, values)
