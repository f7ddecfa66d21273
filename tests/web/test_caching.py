"""A page from the cache (web.caching) asks the database only for the user and the data version
(and the session, unless the cache holds it): the demo banner comes from the cache with the
page, the navigation from the shell's fragment cache; and what each user sees stays theirs."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from projects.roles import ANALYSTS

BANNER = "Demo data: projects from the 2007 report"


def warm_queries(settings):
    """The user and the data version, and the session when it is only in the database."""
    return 3 if settings.SESSION_ENGINE.endswith(".db") else 2


@pytest.mark.parametrize("url", ["/", "/breakdowns/region/?status=disbursed"])
def test_a_warm_page_runs_the_pinned_queries(
    superuser_client, django_assert_num_queries, settings, make_agreement, url
):
    make_agreement(amounts={2007: Decimal("1000")})
    first = superuser_client.get(url)
    with django_assert_num_queries(warm_queries(settings)) as queries:
        again = superuser_client.get(url)
    assert again.status_code == first.status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "auth_user" in tables and "history_dataversion" in tables
    assert "projects_project" not in tables  # the demo banner's question is cached


def test_the_demo_banner_comes_and_goes_with_the_data(superuser_client, make_agreement):
    agreement = make_agreement(amounts={2007: Decimal("1000")})
    assert BANNER not in superuser_client.get("/").content.decode()
    project = agreement.project
    project.demo = "narrative"
    project.save()  # a new data version: the cached page is not used again
    assert BANNER in superuser_client.get("/").content.decode()
    assert BANNER in superuser_client.get("/").content.decode()  # from the cache
    project.demo = ""
    project.save()
    assert BANNER not in superuser_client.get("/").content.decode()


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("ola", password="x")
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


def test_the_cached_navigation_keeps_each_users_links_and_language(
    client, superuser, analyst, make_agreement
):
    make_agreement()
    client.force_login(superuser)
    staff = client.get("/").content.decode()
    client.force_login(analyst)
    plain = client.get("/").content.decode()
    norwegian = client.get("/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert 'href="/admin/"' in staff and "Log out boss" in staff
    assert 'href="/admin/"' not in plain and "Log out ola" in plain and "Log out boss" not in plain
    assert ">Breakdowns</a>" in plain and ">Breakdowns</a>" not in norwegian
    assert "Logg ut ola" in norwegian
