"""The projects app's models: geography, partners (the organisation register), and projects with
their agreements."""

from .geography import Alias, Recipient, RecipientAlias, Region
from .names import EarlierName
from .naming import name_in, name_with_earlier
from .partners import (
    AdministeringUnit,
    Channel,
    ChannelAlias,
    ChannelCode,
    OrganisationKind,
    PartnerGroup,
    UnitAlias,
)
from .projects import Agreement, Project, ProjectMeasure

__all__ = [
    "AdministeringUnit",
    "Agreement",
    "Alias",
    "Channel",
    "ChannelAlias",
    "ChannelCode",
    "EarlierName",
    "OrganisationKind",
    "PartnerGroup",
    "Project",
    "ProjectMeasure",
    "Recipient",
    "RecipientAlias",
    "Region",
    "UnitAlias",
    "name_in",
    "name_with_earlier",
]
