"""The projects app's models: geography, partners (the organisation register), and projects with
their agreements."""

from .geography import Alias, Recipient, RecipientAlias, Region
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
    "OrganisationKind",
    "PartnerGroup",
    "Project",
    "ProjectMeasure",
    "Recipient",
    "RecipientAlias",
    "Region",
    "UnitAlias",
]
