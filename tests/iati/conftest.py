import pytest
from django.contrib.auth.models import Group
from lxml import etree

from projects.roles import ANALYSTS, EDITORS

MINISTRY = "NO-BRC-972417920"


@pytest.fixture(autouse=True)
def reporting_org(settings):
    settings.IATI_REPORTING_ORG_REF = MINISTRY
    settings.IATI_REPORTING_ORG_NAME = "Norwegian Ministry of Foreign Affairs"
    settings.IATI_REPORTING_ORG_TYPE = "10"


@pytest.fixture
def role_client(client, django_user_model):
    def login(group=None):
        user = django_user_model.objects.create_user(f"user-{group}", is_staff=group == EDITORS)
        if group:
            user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return login


@pytest.fixture
def analyst_client(role_client):
    return role_client(ANALYSTS)


def parse(data):
    return etree.fromstring(data)
