"""The projects app's reference tables in and out of the admin as CSV or XLSX
(django-import-export): recipients, organisations (channels), administering units, each with
its aliases in one cell, partner groups and OECD channel codes. Every other record is named by
its natural key: a region, partner group or organisation by its name, an OECD code by its
number. See history.resources for what every reference import shares, docs/import-format.md
for the files."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from history.resources import ReferenceResource
from history.widgets import Aliases, Choice, NaturalKey, Text, Whole

from .models import (
    AdministeringUnit,
    Channel,
    ChannelCode,
    OrganisationKind,
    PartnerGroup,
    Recipient,
    Region,
)


def column(attribute, heading, widget=None):
    return fields.Field(attribute, heading, widget or Text())


class PartnerGroupResource(ReferenceResource):
    name = column("name", "Name")

    class Meta(ReferenceResource.Meta):
        model = PartnerGroup
        name = "Partner groups (Name)"
        fields = ["name"]
        import_id_fields = ["name"]


class ChannelCodeResource(ReferenceResource):
    code = column("code", "Code", Whole())
    name = column("name", "Name")
    parent_code = column("parent_code", "Parent code", Whole())

    class Meta(ReferenceResource.Meta):
        model = ChannelCode
        name = "OECD channel codes (Code, Name, Parent code)"
        fields = ["code", "name", "parent_code"]
        import_id_fields = ["code"]


class RecipientResource(ReferenceResource):
    name = column("name", "Name")
    kind = column("kind", "Kind", Choice(Recipient.Kind.choices))
    iso2 = column("iso2", "ISO alpha-2", Text(null=True))
    iso3 = column("iso3", "ISO alpha-3", Text(null=True))
    region = column("region", "Region", NaturalKey(Region))
    aliases = Aliases("recipient_id")

    class Meta(ReferenceResource.Meta):
        model = Recipient
        name = "Recipients (Name, Kind, ISO codes, Region, Aliases)"
        fields = ["name", "kind", "iso2", "iso3", "region", "aliases"]
        import_id_fields = ["name"]

    def get_queryset(self):
        return Recipient.objects.select_related("region").prefetch_related("aliases")


def depth(channel, parents):
    """How many ancestors an organisation has (the register has no loops: Channel.clean)."""
    found = 0
    while (channel := parents.get(channel)) is not None:
        found += 1
    return found


class ChannelResource(ReferenceResource):
    name = column("name", "Name")
    acronym = column("acronym", "Acronym")
    kind = column("kind", "Kind", Choice(OrganisationKind.choices))
    parent = column("parent", "Parent", NaturalKey(Channel, label=_("organisation")))
    partner_group = column("partner_group", "Partner group", NaturalKey(PartnerGroup))
    oecd_code = column(
        "oecd_code", "OECD code", NaturalKey(ChannelCode, key=lambda code: code.code)
    )
    website = column("website", "Website")
    description = column("description", "Description")
    source = column("source", "Source")
    aliases = Aliases("channel_id")

    class Meta(ReferenceResource.Meta):
        model = Channel
        name = "Organisations (Name, Acronym, Kind, Parent, Partner group, OECD code, …)"
        fields = [
            "name", "acronym", "kind", "parent", "partner_group", "oecd_code", "website",
            "description", "source", "aliases",
        ]  # fmt: skip
        import_id_fields = ["name"]

    def get_queryset(self):
        return Channel.objects.select_related(
            "parent", "partner_group", "oecd_code"
        ).prefetch_related("aliases")

    def filter_export(self, queryset, **kwargs):
        """Parents before their children, so that the file imports into an empty register."""
        rows = list(queryset)
        parents = dict(Channel.objects.values_list("pk", "parent_id"))
        return sorted(rows, key=lambda channel: depth(channel.pk, parents))


class AdministeringUnitResource(ReferenceResource):
    name = column("name", "Name")
    kind = column("kind", "Kind", Choice(AdministeringUnit.Kind.choices))
    aliases = Aliases("unit_id")

    class Meta(ReferenceResource.Meta):
        model = AdministeringUnit
        name = "Administering units (Name, Kind, Aliases)"
        fields = ["name", "kind", "aliases"]
        import_id_fields = ["name"]

    def get_queryset(self):
        return AdministeringUnit.objects.prefetch_related("aliases")
