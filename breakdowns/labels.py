"""Grouping the funding facts by their keys first and naming the groups after.

A breakdown's grouped query groups the facts by the ids they carry (recipient, channel, unit)
or by their own columns (objective, year), which PostgreSQL hashes in one pass over the table;
only then are the few groups joined to the reference tables that name them (a recipient's name
and region, a channel's name, kind, partner group and family) and added up by those names. The
same query, grouped by names across the joins, sorted a million joined rows by long texts.

Exact: the facts are grouped by keys of the agreement (every fact of an agreement has the
same recipient, channel, unit and objective), or by year, where an agreement has one fact, so
the groups' agreement counts add up.
"""

from decimal import Decimal
from functools import cache

from django.db import connections

from measures.models import Measure
from projects.models import AdministeringUnit, Channel, PartnerGroup, Recipient, Region

# The register is shallow (fixtures/reference/organisations.csv: at most two levels below the
# top), so a channel's family, its top-level parent, is the first ancestor found walking up
# FAMILY_DEPTH parents. A missing ancestor is NULL (an outer join); names and acronyms are
# never NULL, so the first non-NULL one is the top's.
FAMILY_DEPTH = 4
ORE = Decimal("0.01")


def family(column):
    levels = [f"c{level}.{column}" for level in reversed(range(1, FAMILY_DEPTH))]
    return f"COALESCE({', '.join(levels)}, c.{column})"


@cache  # the table names are the models': built once per process
def joins():
    """key -> (the joins that name a group of that key, {field: SQL expression})."""
    recipient, region = Recipient._meta.db_table, Region._meta.db_table
    channel, group = Channel._meta.db_table, PartnerGroup._meta.db_table
    ancestors = " ".join(
        f"LEFT JOIN {channel} c{n} ON c{n}.id = c{n - 1 if n > 1 else ''}.parent_id"
        for n in range(1, FAMILY_DEPTH)
    )
    return {
        "recipient": (
            f"JOIN {recipient} r ON r.id = g.recipient JOIN {region} rg ON rg.id = r.region_id",
            {
                "recipient__region__name": "rg.name",
                "recipient__region__geographic": "rg.geographic",
                "recipient__name": "r.name",
                "recipient__iso2": "r.iso2",
            },
        ),
        "channel": (
            f"JOIN {channel} c ON c.id = g.channel "
            f"LEFT JOIN {group} pg ON pg.id = c.partner_group_id {ancestors}",
            {
                "channel__name": "c.name",
                "channel__acronym": "c.acronym",
                "channel": "c.id",
                "channel__kind": "c.kind",
                "channel__partner_group__name": "pg.name",
                "family": family("name"),
                "family_acronym": family("acronym"),
                "family_id": family("id"),
            },
        ),
        "unit": (
            f"JOIN {AdministeringUnit._meta.db_table} u ON u.id = g.unit",
            {"unit__name": "u.name"},
        ),
        "measure": (
            f"LEFT JOIN {Measure._meta.db_table} m ON m.id = g.measure",
            {
                "measure_id": "g.measure",
                "number": "m.number",
                "title": "m.title",
                "plan_id": "m.plan_id",
            },
        ),
        "objective": ("", {"objective": "g.objective"}),
        "year": ("", {"year": "g.year"}),
    }


def key_of(field):
    """The fact key whose join names `field`."""
    return next(key for key, (_sql, fields) in joins().items() if field in fields)


def named_totals(facts, fields, extra=None):
    """[{field: value, …, total, agreements, agreement_years}] for the facts grouped by
    `fields` (paths named in `joins()`): grouped by their keys, then named and added up.
    `extra`: more counts {name: aggregate} that add up over groups of whole agreements."""
    known, extra = joins(), extra or {}
    keys = list(dict.fromkeys(key_of(field) for field in fields))
    inner = facts.totals_by(*keys).annotate(**extra).order_by()
    connection = connections[facts.db]
    inner_sql, params = inner.query.get_compiler(connection=connection).as_sql()
    expressions = {field: known[key_of(field)][1][field] for field in fields}
    selected = ", ".join(f'{sql} AS "{field}"' for field, sql in expressions.items())
    grouping = ", ".join(expressions.values())
    sums = ", ".join(f"SUM(g.{name})" for name in ["agreements", "agreement_years", *extra])
    sql = (
        f"SELECT {selected}, SUM(g.total), {sums} "
        f"FROM ({inner_sql}) g {' '.join(known[key][0] for key in keys)} GROUP BY {grouping}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    names = [*fields, "total", "agreements", "agreement_years", *extra]
    out = []
    for values in rows:
        row = dict(zip(names, values, strict=True))
        for count in ("agreements", "agreement_years", *extra):
            row[count] = int(row[count])
        # SQLite sums decimals as floats: back to øre (their shortest text is exact to the øre)
        row["total"] = Decimal(str(row["total"] or 0)).quantize(ORE)
        if "recipient__region__geographic" in row:  # SQLite answers booleans as 0 and 1
            row["recipient__region__geographic"] = bool(row["recipient__region__geographic"])
        out.append(row)
    return out
