"""/iati/activities.xml: who may fetch it, its filters, and its queries."""

import pytest
from django.urls import reverse

from iati.rules import problems
from projects.roles import EDITORS

from .conftest import parse

URL = "/iati/activities.xml"


def body(response):
    """The document, streamed as it is written."""
    assert response.streaming
    return b"".join(response.streaming_content)


def test_the_url_is_named():
    assert reverse("iati:activities") == URL


def test_an_analyst_gets_a_valid_document(analyst_client, make_agreement):
    make_agreement(title="Shelter <Tirana> & co", purpose_code="15190")
    response = analyst_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = parse(body(response))
    assert root.findtext("iati-activity/title/narrative") == "Shelter <Tirana> & co"
    assert problems(root.getroottree()) == []


def test_an_editor_may_fetch_it(role_client, make_agreement):
    make_agreement(purpose_code="15190")
    assert role_client(EDITORS).get(URL).status_code == 200


def test_a_user_without_a_role_may_not(role_client):
    assert role_client(None).get(URL).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_is_get_only(analyst_client):
    assert analyst_client.post(URL).status_code == 405


def test_the_breakdown_filters_apply(analyst_client, make_agreement):
    make_agreement(title="In Albania", purpose_code="15190", recipient="Albania")
    make_agreement(title="In Moldova", purpose_code="15190", recipient="Moldova")
    root = parse(body(analyst_client.get(URL, {"country": "MD"})))
    assert [a.findtext("title/narrative") for a in root] == ["In Moldova"]


def test_a_bad_filter_is_a_400_naming_it(analyst_client):
    response = analyst_client.get(URL, {"year_from": "soon"})
    assert response.status_code == 400
    assert b"year_from" in response.content


def test_it_says_what_is_missing_while_the_reporting_org_is_unset(analyst_client, settings):
    settings.IATI_REPORTING_ORG_NAME = ""
    response = analyst_client.get(URL)
    assert response.status_code == 503
    assert [t.name for t in response.templates][:2] == ["iati/not_configured.html", "base.html"]
    page = response.content.decode()
    assert "for an administrator of the site" in page
    assert "<code>IATI_REPORTING_ORG_NAME</code></td><td><code>Norwegian Ministry of " in page
    assert page.count("(not set)") == 1
    assert f'href="{reverse("iati:docs")}"' in page


def test_the_setup_link_gives_the_iati_documentation(analyst_client):
    response = analyst_client.get(reverse("iati:docs"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"IATI_REPORTING_ORG_REF" in b"".join(response.streaming_content)


@pytest.mark.parametrize("agreements", [3, 60])
def test_its_query_count_does_not_grow_with_agreements(
    analyst_client, make_agreement, django_assert_num_queries, agreements
):
    for n in range(agreements):
        make_agreement(title=f"Project {n}", purpose_code="15190", amounts={2006: 1, 2007: 2})
    # session, user, the user's and the groups' permissions, agreements, their amounts
    with django_assert_num_queries(6):
        document = body(analyst_client.get(URL))
    assert len(parse(document)) == agreements


def test_it_fetches_the_amounts_a_batch_of_agreements_at_a_time_while_it_writes(
    analyst_client, make_agreement, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("iati.export.BATCH", 2)
    for n in range(5):
        make_agreement(title=f"Project {n}", purpose_code="15190", amounts={2007: 1})
    response = analyst_client.get(URL)
    # the agreements (one query, read as written), their amounts per batch of 2
    with django_assert_num_queries(1 + 3):
        document = body(response)
    assert [a.findtext("title/narrative") for a in parse(document)] == [
        f"Project {n}" for n in range(5)
    ]


@pytest.mark.parametrize("path", [URL, "/iati/organisation.xml", "/iati/setup/"])
def test_a_parameter_the_page_does_not_take_is_a_400_naming_it(analyst_client, path):
    response = analyst_client.get(path, {"format": "json"})
    assert response.status_code == 400
    assert "format" in response.content.decode()
