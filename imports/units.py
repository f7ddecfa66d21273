"""Administering units: a unit editor's file may create and change only their own units'
agreements and amounts (projects.units). A file naming another unit's agreement — a row whose
unit is another's, or whose agreement number is another unit's agreement — is refused whole,
with one error per such row. One step of its own, after the stage is matched with the database
(reads only)."""

from django.utils.translation import gettext as _

from projects.models import AdministeringUnit, Agreement
from projects.units import limited_to, names


def refuse_other_units(stage, user, errors):
    """Add an error for every staged row that names an agreement of a unit not the user's."""
    units = limited_to(user)
    if units is None:
        return
    mine = sorted(units)
    marks = ", ".join(["%s"] * len(mine)) or "NULL"
    unit_names = dict(AdministeringUnit.objects.values_list("pk", "name"))
    rows = stage.all(
        f"""SELECT DISTINCT s.line, ia.unit_id, a.unit_id FROM import_stage AS s
        JOIN import_agr AS ia ON ia.akey = s.akey
        LEFT JOIN {Agreement._meta.db_table} AS a ON a.id = ia.agreement_id
        WHERE ia.unit_id IS NULL OR ia.unit_id NOT IN ({marks})
        OR (a.unit_id IS NOT NULL AND a.unit_id NOT IN ({marks}))
        ORDER BY s.line""",
        mine * 2,
    )
    yours = names(units) or _("none: ask the coordinating section to add you to your unit")
    for line, staged, stored in rows:
        other = staged if staged not in units else stored
        errors.add(
            line,
            "unit",
            unit_names.get(other, ""),
            _(
                "this row names an agreement of %(unit)s; you may import only the agreements "
                "of your own units (%(mine)s)"
            )
            % {"unit": unit_names.get(other, "?"), "mine": yours},
        )
