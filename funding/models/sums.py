"""The funding facts added up for the overview on its usual basis (no filter but the years and
the objective): its two grouped passes over every fact of the period took 6.4 times one plain
scan of the amounts at a million of them, over the goal of 5 (docs/breakdowns.md). These tables
hold the same facts added up by what those passes group and count by, a few rows per recipient
or channel and year (39 104 and 3 738 rows for a million facts in the benchmark's data), and
answer the same QuerySet methods: each count adds up the `facts` of the rows meeting the
condition a fact would meet. Rewritten with the facts (funding.refresh).
"""

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from projects.models import Channel, Recipient

from .facts import MEDIUM, SMALL, FactQuerySet, key

NONE_BEFORE = 0  # `prev` of a fact whose agreement has no earlier amount


class SumQuerySet(FactQuerySet):
    """Summed facts, counted as the facts are."""

    def tally(self, condition=None):
        return Sum("facts", filter=condition or None, default=0)

    def earlier_outside(self, first, stages):
        """The sums answer no stage filter: the latest earlier year at any stage."""
        return Q(prev=NONE_BEFORE) if first is None else Q(prev__lt=first)

    def above(self, threshold, field="ore"):
        if field == "largest":
            return Q(size__gte=1 if threshold == SMALL else 2)
        if threshold != SMALL:
            raise ValueError("The sums tell only facts above NOK 100 000 from the others.")
        return Q(small=False)


class SummedFacts(models.Model):
    objective = models.CharField(_("objective"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    prev = models.PositiveSmallIntegerField(
        _("latest earlier year"),
        help_text=_("Of the agreement's amounts, at any stage (0: none)."),
    )
    ore = models.BigIntegerField(_("amount (øre)"))
    facts = models.PositiveIntegerField(_("facts"))

    objects = SumQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year} {self.objective}: {self.facts} facts"


class RecipientSum(SummedFacts):
    """The facts of one recipient, objective and year, by the agreement profile's classes."""

    recipient = key(Recipient, _("recipient"))
    multi_year = models.BooleanField(_("multi-year agreement"))
    size = models.PositiveSmallIntegerField(
        _("size"),
        help_text=_(
            "The agreement's largest yearly amount: 0 up to NOK 100 000, 1 up to NOK 1 000 000, "
            "2 above."
        ),
    )
    small = models.BooleanField(_("at most NOK 100 000"))

    class Meta:
        verbose_name = _("facts summed by recipient")
        verbose_name_plural = _("facts summed by recipient")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "objective", "year", "prev", "multi_year", "size", "small"],
                name="recipient_sum_key",
            )
        ]


class ChannelSum(SummedFacts):
    """The facts of one channel, objective and year."""

    channel = key(Channel, _("channel"))

    class Meta:
        verbose_name = _("facts summed by channel")
        verbose_name_plural = _("facts summed by channel")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "objective", "year", "prev"], name="channel_sum_key"
            )
        ]


def sum_columns(model):
    """{column: the SQL computing it from a fact `f`} for the key of `model`."""
    columns = {
        "objective": "f.objective",
        "year": "f.year",
        "prev": f"COALESCE({greatest('f.prev_planned', 'f.prev_allocated', 'f.prev_disbursed')},"
        f" {NONE_BEFORE})",
    }
    if model is ChannelSum:
        return {"channel_id": "f.channel_id", **columns}
    small, medium = int(SMALL * 100), int(MEDIUM * 100)
    return {
        "recipient_id": "f.recipient_id",
        **columns,
        "multi_year": "f.multi_year",
        "size": f"CASE WHEN f.largest > {medium} THEN 2 WHEN f.largest > {small} THEN 1 ELSE 0 END",
        "small": f"f.ore <= {small}",
    }


def greatest(*columns):
    """The largest of `columns` that are not NULL (NULL if all are), in portable SQL."""
    first, *rest = columns
    if not rest:
        return first
    other = greatest(*rest)
    return (
        f"CASE WHEN {first} IS NULL THEN {other} WHEN {other} IS NULL OR {first} > {other} "
        f"THEN {first} ELSE {other} END"
    )
