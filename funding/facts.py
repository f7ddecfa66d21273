"""The funding facts: one row per yearly amount with the keys the breakdowns group and filter by
(its agreement's project, unit, recipient, channel and objective), so that a page reads one
table instead of joining amounts, agreements and projects.

Counting agreements without COUNT(DISTINCT): the years of an agreement's amounts are distinct
(one amount per agreement and year), so each fact also stores, for each stage and for any
stage, the year of the agreement's latest earlier amount (`prev_*`), of its earliest later one
(`next_*`) and of its latest earlier one above NOK 100 000 and above NOK 1 000 000
(`small_prev_*`, `medium_prev_*`). For a filter "years `first`..`last`, stages S" (every other
filter is the agreement's own, so it keeps or drops all its facts), the agreement's first fact
that passes is the one whose `prev_s` is before `first` (or none) for every stage s in S (or
`prev_any`, when S is every stage): counting those facts counts each agreement once, in one
pass (`FactQuerySet`). Facts are derived data, rebuilt for the agreements a write touches in
the same transaction (funding.fact_refresh).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient

from .aggregates import NokSum, Rows

ORE = Decimal("0.01")
SMALL, MEDIUM = Decimal(100_000), Decimal(1_000_000)  # the agreement profile's categories
STAGES = ("planned", "allocated", "disbursed")  # YearlyAmount.Status, in the database


def key(model, name):
    """A foreign key to one of the records a fact is derived from: no constraint, no reverse
    accessor, no cascade (the refresh keeps facts in step with the records)."""
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=name,
    )


def stage_years():
    """A year (or none) for each stage, in STAGES' order."""
    return [models.PositiveSmallIntegerField(null=True, editable=False) for _stage in STAGES]


def compared(stages):
    """The stage columns a condition over `stages` reads: `*_any` (any stage) for all three."""
    return ("any",) if set(stages) == set(STAGES) else stages


def outside(prefix, stages, lookup, year):
    """For each stage in `stages`, the `prefix`ed year is empty or `lookup` (lt, gt) `year`
    (None: only empty)."""
    condition = Q()
    for stage in compared(stages):
        column = Q(**{f"{prefix}{stage}__isnull": True})
        if year is not None:
            column |= Q(**{f"{prefix}{stage}__{lookup}": year})
        condition &= column
    return condition


def included(first, stages, prefix):
    """No earlier amount of the agreement at a stage in `stages` falls within the years from
    `first` on (the `prefix`ed years: latest earlier amount of each stage)."""
    return outside(prefix, stages, "lt", first)


class FactQuerySet(models.QuerySet):
    """Facts filtered by years and stages remember them (`within`), so that their totals count
    each agreement once: every filter but years and stages keeps or drops whole agreements."""

    counting = (None, None, STAGES)  # first year, last year, stages
    # source(parts) filters the measure parts (FactPart) as these facts were filtered; any
    # further filter() forgets it (parts() then selects the parts of these facts instead)
    source = None

    def _clone(self):
        clone = super()._clone()
        clone.counting, clone.source = self.counting, self.source
        return clone

    def _filter_or_exclude(self, negate, args, kwargs):
        clone = super()._filter_or_exclude(negate, args, kwargs)
        clone.source = None
        return clone

    def parts(self):
        """The measure parts (FactPart) of these facts, counted the same way."""
        if self.model is FactPart:
            return self
        if self.source is not None:
            return self.source(FactPart.objects.all())
        return FactPart.objects.filter(fact__in=self.values("pk")).counted(*self.counting)

    def within(self, first=None, last=None, stages=None):
        """The facts of the years `first`..`last` and the `stages` (None or empty: all)."""
        qs = self
        if first is not None:
            qs = qs.filter(year__gte=first)
        if last is not None:
            qs = qs.filter(year__lte=last)
        if stages:
            qs = qs.filter(status__in=list(stages))
        return qs.counted(first, last, stages)

    def counted(self, first=None, last=None, stages=None):
        """These facts, counted as filtered by the years `first`..`last` and the `stages` too
        (narrowing the bounds earlier calls recorded): the filters themselves are the
        caller's."""
        old_first, old_last, old_stages = self.counting
        clone = self._chain()
        clone.counting = (
            old_first if first is None else max(first, old_first or first),
            old_last if last is None else min(last, old_last or last),
            tuple(s for s in old_stages if s in stages) if stages else old_stages,
        )
        return clone

    def first_fact(self):
        """The condition of the first fact of each agreement among these."""
        first, _last, stages = self.counting
        return included(first, stages, "prev_")

    def once(self):
        """What adds up, over any grouping of these facts (by year, by measure), to the
        distinct agreements and the agreement-years: each agreement's first fact and each
        fact, counting a fact's measure parts (FactPart) by their lead part only."""
        lead = Q(first_part=True) if self.model is FactPart else Q()
        return {
            "firsts": self.tally(self.first_fact() & lead),
            "leads": self.tally(lead),
        }

    def only_fact(self):
        """The condition of the first fact of each agreement with no later one among these."""
        _first, last, stages = self.counting
        return self.first_fact() & outside("next_", stages, "gt", last)

    def first_above(self, size, threshold):
        """The condition of each agreement's first fact above `threshold` NOK among these."""
        first, _last, stages = self.counting
        return included(first, stages, f"{size}_prev_") & self.above(threshold)

    def above(self, threshold):
        """The condition of facts above `threshold` NOK (SMALL or MEDIUM)."""
        return Q(ore__gt=threshold * 100)

    def tally(self, condition=None):
        """How many facts (meeting `condition`): what the summed facts (funding.sums) add up."""
        return Rows(filter=condition)

    def counts(self, by_year=False):
        """Total, agreements and agreement-years; `by_year`: in groups of one year, where an
        agreement has at most one fact."""
        return {
            "total": NokSum("ore"),
            "agreements": self.tally() if by_year else self.tally(self.first_fact()),
            "agreement_years": self.tally(),
        }

    def totals_by(self, *dims):
        """One row per combination of `dims`: total (NOK), agreements and agreement-years."""
        counts = self.counts(by_year="year" in dims)
        return self.order_by().values(*dims).annotate(**counts).order_by(*dims)

    def summary(self):
        """The grand total (NOK), the distinct agreements and the agreement-years."""
        row = self.order_by().aggregate(**self.counts())
        row["total"] = Decimal(row["total"]).quantize(ORE)
        return row

    def profile_sums(self):
        """The agreement profile's counts, which add up over groups of whole agreements."""
        return {
            "one_year": self.tally(self.only_fact()),
            "above_small": self.tally(self.first_above("small", SMALL)),
            "above_medium": self.tally(self.first_above("medium", MEDIUM)),
            "agreement_years_le_small": self.tally(~self.above(SMALL)),
        }

    def agreement_profile(self):
        """Agreements counted by the span of their funded years (one year or several) and by
        their largest annual amount (up to NOK 100 000, up to NOK 1 000 000), and the
        agreement-years of at most NOK 100 000: one pass."""
        counts = self.counts()
        del counts["total"]
        return profile(self.order_by().aggregate(**counts, **self.profile_sums()))


def profile(sums):
    """The agreement profile from the counts of `profile_sums()` and `counts()`."""
    agreements, above_medium = sums["agreements"], sums["above_medium"]
    return {
        "agreements": agreements,
        "one_year": sums["one_year"],
        "multi_year": agreements - sums["one_year"],
        "largest_le_small": agreements - sums["above_small"],
        "largest_le_medium": agreements - above_medium,
        "largest_above_medium": above_medium,
        "agreement_years": sums["agreement_years"],
        "agreement_years_le_small": sums["agreement_years_le_small"],
    }


class FactKeys(models.Model):
    """What a fact and a fact's part both carry: the keys the filters and breakdowns read."""

    agreement = key(Agreement, _("agreement"))
    project = key(Project, _("project"))
    unit = key(AdministeringUnit, _("administering unit"))
    recipient = key(Recipient, _("recipient"))
    channel = key(Channel, _("channel"))
    objective = models.CharField(max_length=10, verbose_name=_("objective"))
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    status = models.CharField(max_length=10, verbose_name=_("status"))
    # the amount in øre: PostgreSQL adds up and compares bigints faster than numerics (the
    # overview's grouped query: 307 ms with numerics, about 200 ms with øre and COUNT FILTER)
    ore = models.BigIntegerField(_("amount (øre)"))
    # the year of the agreement's latest earlier amount at each stage
    prev_planned, prev_allocated, prev_disbursed = stage_years()
    prev_any = models.PositiveSmallIntegerField(null=True, editable=False)  # at any stage

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.amount} ({self.status})"

    @property
    def amount(self):
        """The amount in NOK, to the øre ("2.00", as the amounts' own field gives it)."""
        return (Decimal(self.ore) / 100).quantize(ORE)


class Fact(FactKeys):
    """One yearly amount with its agreement's keys (its primary key is the amount's)."""

    id = models.BigIntegerField(primary_key=True)
    # the year of the agreement's earliest later amount at each stage
    next_planned, next_allocated, next_disbursed = stage_years()
    next_any = models.PositiveSmallIntegerField(null=True, editable=False)
    # the year of its latest earlier amount above NOK 100 000 at each stage
    small_prev_planned, small_prev_allocated, small_prev_disbursed = stage_years()
    small_prev_any = models.PositiveSmallIntegerField(null=True, editable=False)
    # the year of its latest earlier amount above NOK 1 000 000 at each stage
    medium_prev_planned, medium_prev_allocated, medium_prev_disbursed = stage_years()
    medium_prev_any = models.PositiveSmallIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("funding fact")
        verbose_name_plural = _("funding facts")
        indexes = [models.Index(fields=["agreement"], name="fact_agreement")]


class FactPart(FactKeys):
    """A fact's part for one of its project's measures (or for none, when the project has no
    measures): the amount split by the measure shares in øre, the øre left by rounding down
    going one each to the largest remainders (ties: lowest measure id), so that the parts add
    up to the amount exactly. `amount` is the part."""

    fact = key(Fact, _("funding fact"))
    measure = models.ForeignKey(
        Measure,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
        verbose_name=_("measure"),
    )

    first_part = models.BooleanField(
        default=False, help_text=_("One part of each fact (the first), for counting facts.")
    )

    class Meta:
        verbose_name = _("funding fact's part")
        verbose_name_plural = _("funding facts' parts")
        indexes = [models.Index(fields=["agreement"], name="fact_part_agreement")]
