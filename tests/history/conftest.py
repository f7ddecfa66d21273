import pytest
from django.contrib.auth.models import Group

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
