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


# A small activity that the schema, the codelists and the ruleset all accept; tests change it
# with `document((old, new), …)`.
ACTIVITY = """<iati-activities version="2.03">
<iati-activity default-currency="NOK" xml:lang="en">
  <iati-identifier>NO-BRC-972417920-X1</iati-identifier>
  <reporting-org ref="NO-BRC-972417920" type="10"><narrative>MFA</narrative></reporting-org>
  <title><narrative>Shelter</narrative></title>
  <description type="1"><narrative>Shelters.</narrative></description>
  <participating-org role="1" ref="NO-BRC-972417920"><narrative>MFA</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2007-01-01"/>
  <activity-date type="3" iso-date="2008-12-31"/>
  <recipient-country code="AL"/>
  <sector code="15190" vocabulary="1"/>
  <transaction>
    <transaction-type code="3"/>
    <transaction-date iso-date="2007-12-31"/>
    <value value-date="2007-12-31">10</value>
  </transaction>
</iati-activity>
</iati-activities>"""


def document(*changes, text=ACTIVITY):
    """The activity document with each (old, new) replaced, as an lxml tree."""
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return etree.ElementTree(etree.fromstring(text))
