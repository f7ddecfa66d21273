"""The funding facts added up, for the overview on its usual basis: no filter but the years
and the objective, every stage.

The overview's two grouped passes (by recipient and objective with the agreement profile's
counts, by channel) read every fact of the period, about six times one plain scan of the
amounts at a million of them. These tables hold the same facts added up by what those passes
group and count by: the year, the objective, the recipient or the channel, and the years the
counts compare with the period (an agreement's latest earlier and earliest later amount, and its
latest earlier one above NOK 100 000 and NOK 1 000 000, kept only where the facts are above
them), so that the passes read a few rows per recipient instead of every fact (75 669 and
3 738 rows for a million facts in the benchmark's data). Any other filter (a stage, a region, a
unit…) needs the facts themselves, and the overview reads them.

A year that is missing (no earlier or later amount) is stored as NONE_BEFORE or NONE_AFTER, so
that the rows have a unique key; the counts compare years within YEAR_MIN..YEAR_MAX (the
overview asks for them when the filter gives none), which those lie outside of.

Kept in step with the facts in the writer's transaction (funding.fact_refresh): the facts of the
agreements a write touches are kept aside before they are rewritten, and the sums change once
by the new facts less the old, one upsert per table with its rows in key order.
"""

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from projects.models import Channel, Recipient

from .facts import MEDIUM, SMALL, FactQuerySet, key

NONE_BEFORE, NONE_AFTER = 0, 9999
SIZES = {SMALL: 1, MEDIUM: 2}  # size: 0 up to NOK 100 000, 1 up to NOK 1 000 000, 2 above


class SumQuerySet(FactQuerySet):
    """Summed facts, counted as the facts are (FactQuerySet): each count adds up the `facts` of
    the rows meeting its condition."""

    def tally(self, condition=None):
        return Sum("facts", filter=condition or None, default=0)

    def above(self, threshold):
        return Q(size__gte=SIZES[threshold])


def profile_year(help_text):
    return models.PositiveSmallIntegerField(help_text=help_text)


class SummedFacts(models.Model):
    objective = models.CharField(_("objective"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    prev_any = profile_year(_("The year of the agreement's latest earlier amount (0: none)."))
    ore = models.BigIntegerField(_("amount (øre)"))
    facts = models.IntegerField(_("facts"))  # no check: an upsert's proposed row may be < 0

    objects = SumQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year} {self.objective}: {self.facts} facts"


class RecipientSum(SummedFacts):
    """The facts of one recipient, objective and year, with the same profile years."""

    recipient = key(Recipient, _("recipient"))
    next_any = profile_year(_("The year of the agreement's earliest later amount (9999: none)."))
    small_prev_any = profile_year(
        _("Its latest earlier amount above NOK 100 000, for facts above it.")
    )
    medium_prev_any = profile_year(
        _("Its latest earlier amount above NOK 1 000 000, for facts above.")
    )
    size = models.PositiveSmallIntegerField(
        _("size"), help_text=_("0: up to NOK 100 000, 1: up to NOK 1 000 000, 2: above.")
    )

    class Meta:
        verbose_name = _("facts summed by recipient")
        verbose_name_plural = _("facts summed by recipient")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "recipient", "objective", "year", "prev_any", "next_any",
                    "small_prev_any", "medium_prev_any", "size",
                ],
                name="recipient_sum_key",
            )
        ]  # fmt: skip


class ChannelSum(SummedFacts):
    """The facts of one channel, objective and year with the same latest earlier year."""

    channel = key(Channel, _("channel"))

    class Meta:
        verbose_name = _("facts summed by channel")
        verbose_name_plural = _("facts summed by channel")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "objective", "year", "prev_any"], name="channel_sum_key"
            )
        ]


def _columns(model):
    """{column: the SQL that computes it from a fact `f`} for `model`'s key."""
    small, medium = int(SMALL) * 100, int(MEDIUM) * 100
    columns = {
        "objective": "f.objective",
        "year": "f.year",
        "prev_any": f"COALESCE(f.prev_any, {NONE_BEFORE})",
    }
    if model is ChannelSum:
        return {"channel_id": "f.channel_id", **columns}
    return {
        "recipient_id": "f.recipient_id",
        **columns,
        "next_any": f"COALESCE(f.next_any, {NONE_AFTER})",
        # kept only for the facts above NOK 100 000 or 1 000 000, the only ones compared with it
        "small_prev_any": f"COALESCE(CASE WHEN f.ore > {small} THEN f.small_prev_any END, 0)",
        "medium_prev_any": f"COALESCE(CASE WHEN f.ore > {medium} THEN f.medium_prev_any END, 0)",
        "size": f"CASE WHEN f.ore > {medium} THEN 2 WHEN f.ore > {small} THEN 1 ELSE 0 END",
    }


# The facts a refresh rewrites, as they were: this connection's own table, emptied after use.
OLD = "funding_old_facts"
OLD_COLUMNS = (
    "recipient_id, channel_id, objective, year, prev_any, next_any, small_prev_any, "
    "medium_prev_any, ore"
)


def before_sql(agreements):
    """The statements that keep the facts of the agreements the SQL `agreements` selects as they
    are, before they are rewritten (nothing is locked: the sums change once, in added_sql)."""
    from .facts import Fact

    return [
        f"""CREATE TEMPORARY TABLE IF NOT EXISTS {OLD} (recipient_id bigint, channel_id bigint,
            objective varchar(10), year smallint, prev_any smallint, next_any smallint,
            small_prev_any smallint, medium_prev_any smallint, ore bigint)""",
        f"""INSERT INTO {OLD} ({OLD_COLUMNS}) SELECT {OLD_COLUMNS} FROM {Fact._meta.db_table}
            WHERE agreement_id IN ({agreements})""",
    ]


def added_sql(agreements):
    """The statements that change the sums by the rewritten facts of the agreements the SQL
    `agreements` selects (None: every fact, the sums empty) less the facts they replaced
    (before_sql): one upsert per table, its rows in key order, so that two writers wait for
    each other rather than lock the same rows in opposite orders; then emptied rows go."""
    from .facts import Fact

    fact = Fact._meta.db_table
    where = "1 = 1" if agreements is None else f"f.agreement_id IN ({agreements})"
    statements = []
    for model in (RecipientSum, ChannelSum):
        table, columns = model._meta.db_table, _columns(model)
        keys = ", ".join(columns)
        values = ", ".join(f"{sql} AS {column}" for column, sql in columns.items())
        changes = f"SELECT {values}, f.ore, 1 AS n FROM {fact} f WHERE {where}"
        if agreements is not None:
            changes += f" UNION ALL SELECT {values}, -f.ore, -1 FROM {OLD} f"
        statements.append(
            f"""INSERT INTO {table} ({keys}, ore, facts)
            SELECT {keys}, SUM(ore), SUM(n) FROM ({changes}) d WHERE 1 = 1
            GROUP BY {keys} ORDER BY {keys}
            ON CONFLICT ({keys}) DO UPDATE SET ore = {table}.ore + excluded.ore,
                facts = {table}.facts + excluded.facts"""
        )
        if agreements is not None:  # only rows the old facts were in can fall to zero
            first = next(iter(columns))  # the key index's first column
            statements.append(
                f"DELETE FROM {table} WHERE facts = 0 AND {first} IN (SELECT {first} FROM {OLD})"
            )
    return statements if agreements is None else [*statements, f"DELETE FROM {OLD}"]


def emptied():
    return [f"DELETE FROM {model._meta.db_table}" for model in (RecipientSum, ChannelSum)]
