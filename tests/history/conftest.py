import pytest
from django.contrib.auth.models import Group

from funding.models import YearlyAmount
from imports.services import import_records
from projects.roles import ANALYSTS, EDITORS


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("eddie", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def analyst(db, django_user_model):
    user = django_user_model.objects.create_user("ana")
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def import_run(db):
    """The import run of one agreement with one amount (through the importer's real path)."""
    record = {
        "title": "Shelter in Tirana",
        "channel": "International Organization for Migration",
        "recipient": "Albania",
        "unit": "West Balkans Section",
        "measures": [1],
        "year": 2007,
        "amount": 1000,
        "status": YearlyAmount.Status.ALLOCATED,
    }
    result = import_records([record], name="test")
    assert result.ok, result.errors
    return result.run
