"""The records that name the groups of a breakdown: the facts are grouped by their keys in SQL
(a recipient's id, a channel's id…), which PostgreSQL hashes in one pass; the few groups are
then named here from the reference tables, each read once per page and only when a dimension
asks for it."""

from functools import cached_property

from measures.models import Measure
from projects.models import AdministeringUnit, Channel, Recipient


class Names:
    """The reference records by id, read on first use; with `as_of` (a year), recipients and
    channels are named as they were then (projects.models.names: "Macedonia" in 2007)."""

    def __init__(self, as_of=None):
        self.as_of = as_of

    def read(self, queryset):
        if self.as_of is not None:
            queryset = queryset.prefetch_related("earlier_names")
        return queryset.in_bulk()

    def name(self, record):
        """`record`'s name in the active language (as of `as_of`, if given)."""
        return record.in_language() if self.as_of is None else record.name_in(self.as_of)

    @cached_property
    def recipients(self):
        return self.read(Recipient.objects.select_related("region"))

    @cached_property
    def channels(self):
        return self.read(Channel.objects.select_related("partner_group"))

    @cached_property
    def units(self):
        return AdministeringUnit.objects.in_bulk()

    @cached_property
    def measures(self):
        return Measure.objects.in_bulk()

    def family(self, channel):
        """The top of the register above `channel` (itself when it has no parent); a loop in
        the register stops where it would repeat."""
        seen = {channel.pk}
        while channel.parent_id is not None and channel.parent_id not in seen:
            seen.add(channel.parent_id)
            channel = self.channels[channel.parent_id]
        return channel


class Reading(Names):
    """Names that also keep each table and profile computed through them, by the SQL of the
    facts they read: the published figures (and the report's section 2.2) ask for the same dozen
    tables many times over. One Reading serves one computation of them, never a process."""

    def __init__(self, as_of=None):
        super().__init__(as_of)
        self.done = {}

    def once(self, key, facts, compute):
        key = (*key, str(facts.query))
        if key not in self.done:
            self.done[key] = compute()
        return self.done[key]

    def table(self, dimension, facts, sort=None):
        from .tables import breakdown  # tables reads names: import it when first asked

        return self.once(
            ("table", dimension.slug, sort),
            facts,
            lambda: breakdown(dimension, facts, sort=sort, names=self),
        )

    def profile(self, facts):
        return self.once(("profile",), facts, facts.agreement_profile)

    def summary(self, facts):
        return self.once(("summary",), facts, facts.summary)
