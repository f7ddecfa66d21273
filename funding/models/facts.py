"""The funding facts: each yearly amount with the keys the pages group and filter by (its
agreement's project, unit, recipient, channel, objective and period), so that a page reads one
table instead of joining amounts, agreements and projects; and each fact's parts, its amount
split by its project's measure shares. Derived data, rewritten by the writes that change the
records (funding.refresh.facts_refresh), never edited.

Every sum of money the site shows is one of FactQuerySet's: `totals_by()` for a table,
`summary()` for a total, `agreement_profile()` for the agreements' durations and sizes.

Counting agreements once. An agreement has at most one amount a year, so a group of facts of
one year holds each agreement once; across years it must count each agreement by one fact
only, its first that passes the filter. Each fact stores, for each stage, the year of its
agreement's latest earlier amount at that stage (`prev_*`): under "years `first`..`last`,
stages S", a fact is its agreement's first when, for every stage in S, that year is empty or
before `first`. `COUNT(DISTINCT agreement)` gives the same number at 3-9 times the cost of the
grouped sum it sits in at a million facts (docs/breakdowns.md, "Counting agreements").
"""

from decimal import Decimal

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient

from .aggregates import NokSum, Rows
from .amounts import ORE, AmountStatus

STAGES = AmountStatus.values
SMALL, MEDIUM = Decimal(100_000), Decimal(1_000_000)  # the agreement profile's sizes, NOK


def key(model, name, **options):
    """A key to a record a fact is derived from: no constraint, no reverse accessor, no cascade
    (the refresh keeps facts in step with the records)."""
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=name,
        **options,
    )


def earlier_outside(first, stages):
    """The agreement has no earlier amount at any of `stages` (all when empty) from the year
    `first` on: the fact is its agreement's first among the facts of the years from `first`."""
    condition = Q()
    for stage in stages or STAGES:
        column = Q(**{f"prev_{stage}__isnull": True})
        if first is not None:
            column |= Q(**{f"prev_{stage}__lt": first})
        condition &= column
    return condition


def above(threshold, field="ore"):
    """The facts whose `field` (øre) is above `threshold` NOK."""
    return Q(**{f"{field}__gt": int(threshold * 100)})


class FactQuerySet(models.QuerySet):
    def within(self, first=None, last=None, stages=()):
        """The facts of the years `first`..`last` (None: open) at `stages` (empty: all),
        counting each agreement by its first fact among them."""
        qs = self
        if first is not None:
            qs = qs.filter(year__gte=first)
        if last is not None:
            qs = qs.filter(year__lte=last)
        if stages:
            qs = qs.filter(status__in=list(stages))
        first_fact = ExpressionWrapper(self.earlier_outside(first, stages), BooleanField())
        return qs.alias(first_fact=first_fact)

    def first_fact(self):
        """The condition of each agreement's first fact among these (see within())."""
        if "first_fact" in self.query.annotations:
            return Q(first_fact=True)
        return self.earlier_outside(None, ())

    def earlier_outside(self, first, stages):
        return earlier_outside(first, stages)

    def above(self, threshold, field="ore"):
        return above(threshold, field)

    def tally(self, condition=None):
        """How many facts (meeting `condition`)."""
        return Rows(condition)

    def counts(self, dims=()):
        """Total (NOK), agreements and agreement-years of each group of `dims`, and the counts
        that add up over the groups to the distinct agreements and agreement-years
        (`counted_*`): a fact's parts count by their lead part."""
        first = self.first_fact()
        lead = Q(lead=True) if self.model is FactPart else Q()
        tally = self.tally
        return {
            "total": NokSum("ore"),
            "agreements": tally() if "year" in dims else tally(first),
            "agreement_years": tally(),
            "counted_agreements": tally(first & lead),
            "counted_years": tally(lead),
        }

    def totals_by(self, *dims, counted=True, **extra):
        """One row per combination of `dims`: total (NOK), agreements, agreement-years (and
        `extra` aggregates); the total alone unless `counted`."""
        counts = self.counts(dims) if counted else {"total": NokSum("ore")}
        return self.order_by().values(*dims).annotate(**counts, **extra).order_by(*dims)

    def summary(self):
        """The grand total (NOK), the distinct agreements and the agreement-years."""
        counts = self.counts()
        row = self.order_by().aggregate(
            total=counts["total"],
            agreements=counts["counted_agreements"],
            agreement_years=counts["counted_years"],
        )
        row["total"] = Decimal(row["total"]).quantize(ORE)
        return row

    def profile_counts(self):
        """The agreement profile's counts, which add up over groups of whole agreements."""
        first, tally, above = self.first_fact(), self.tally, self.above
        return {
            "multi_year": tally(first & Q(multi_year=True)),
            "above_small": tally(first & above(SMALL, "largest")),
            "above_medium": tally(first & above(MEDIUM, "largest")),
            "agreement_years_le_small": tally(~above(SMALL)),
        }

    def agreement_profile(self):
        """The agreements by their period (one year or several) and their largest yearly
        amount (up to NOK 100 000, up to NOK 1 000 000), and the agreement-years of at most
        NOK 100 000."""
        counts = self.counts()
        row = self.order_by().aggregate(
            agreements=counts["counted_agreements"],
            agreement_years=counts["counted_years"],
            **self.profile_counts(),
        )
        return profile(row)


def profile(sums):
    """The agreement profile from the sums of `agreements`, `agreement_years` and
    profile_counts()."""
    agreements, above_medium = sums["agreements"], sums["above_medium"]
    return {
        "agreements": agreements,
        "one_year": agreements - sums["multi_year"],
        "multi_year": sums["multi_year"],
        "largest_le_small": agreements - sums["above_small"],
        "largest_le_medium": agreements - above_medium,
        "largest_above_medium": above_medium,
        "agreement_years": sums["agreement_years"],
        "agreement_years_le_small": sums["agreement_years_le_small"],
    }


class FactKeys(models.Model):
    """What a fact and its parts carry: the keys the filters and groups read."""

    agreement = key(Agreement, _("agreement"))
    project = key(Project, _("project"))
    unit = key(AdministeringUnit, _("administering unit"))
    recipient = key(Recipient, _("recipient"))
    channel = key(Channel, _("channel"))
    objective = models.CharField(_("objective"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10)
    # in øre: PostgreSQL adds up bigints faster than numerics, and the parts split exactly
    ore = models.BigIntegerField(_("amount (øre)"))
    # the year of the agreement's latest earlier amount at each stage (see the module's text)
    prev_planned = models.PositiveSmallIntegerField(null=True, editable=False)
    prev_allocated = models.PositiveSmallIntegerField(null=True, editable=False)
    prev_disbursed = models.PositiveSmallIntegerField(null=True, editable=False)

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.amount} ({self.status})"

    @property
    def amount(self):
        """The amount in NOK, to the øre."""
        return (Decimal(self.ore) / 100).quantize(ORE)


class Fact(FactKeys):
    """One yearly amount with its agreement's keys (its primary key is the amount's)."""

    id = models.BigIntegerField(primary_key=True)
    multi_year = models.BooleanField(
        _("multi-year agreement"), help_text=_("The agreement's period spans several years.")
    )
    largest = models.BigIntegerField(
        _("agreement's largest yearly amount (øre)"),
        help_text=_("Of all the agreement's yearly amounts, at any stage."),
    )

    class Meta:
        verbose_name = _("funding fact")
        verbose_name_plural = _("funding facts")
        indexes = [models.Index(fields=["agreement"], name="fact_agreement")]


class FactPart(FactKeys):
    """A fact's part for one of its project's measures (or for none, when the project has no
    measures): the amount split by the shares in øre, the øre left by rounding down going one
    each to the largest remainders (ties: lowest measure id), so that the parts add up to the
    amount exactly."""

    fact = key(Fact, _("funding fact"))
    measure = key(Measure, _("measure"), null=True)
    lead = models.BooleanField(
        _("lead part"), default=False, help_text=_("One part of each fact, for counting facts.")
    )

    class Meta:
        verbose_name = _("funding fact's part")
        verbose_name_plural = _("funding facts' parts")
        indexes = [models.Index(fields=["agreement"], name="fact_part_agreement")]
