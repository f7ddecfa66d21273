"""Pages and downloads come from the cache until the data changes, and a change, whichever way
it is made, is visible on the very next request; nothing of one user's page reaches another."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from history.models import DataVersion
from history.versions import bump_data_version, data_version
from imports.services import import_records
from projects.roles import ANALYSTS

PAGES = ["/", "/breakdowns/region/", "/breakdowns/year/?by=year", "/breakdowns/unit/?format=csv"]


def record(amount, year=2007):
    return {
        "title": "Vatra Centre",
        "channel": "NCA",
        "recipient": "Albania",
        "unit": "West Balkans Section",
        "measures": [(1, 100)],
        "year": year,
        "amount": Decimal(amount),
        "status": "allocated",
    }


@pytest.fixture
def analyst(db, django_user_model):
    def make(username):
        user = django_user_model.objects.create_user(username, password="x")
        user.groups.add(Group.objects.get(name=ANALYSTS))
        return user

    return make


@pytest.mark.parametrize("url", PAGES)
def test_an_edit_shows_on_the_next_request(superuser_client, make_agreement, url):
    agreement = make_agreement(amounts={2007: Decimal("1234567")})
    assert "1234567" in digits(superuser_client.get(url))
    amount = agreement.amounts.get()
    amount.amount = Decimal("7654321")
    amount.save(update_fields=["amount"])
    facts_refresh([agreement.pk])  # as every write path does
    assert "7654321" in digits(superuser_client.get(url))


@pytest.mark.parametrize("url", PAGES)
def test_an_import_and_a_delete_show_on_the_next_request(superuser_client, url):
    assert import_records([record("1234567")], name="test").ok
    assert "1234567" in digits(superuser_client.get(url))
    assert import_records([record("7654321")], name="test").ok
    assert "7654321" in digits(superuser_client.get(url))
    amount = YearlyAmount.objects.get()
    amount.delete()
    facts_refresh([amount.agreement_id])
    assert "7654321" not in digits(superuser_client.get(url))


def test_a_dry_run_and_a_rolled_back_change_keep_the_version(db):
    before = data_version()
    assert import_records([record("10")], name="test", dry_run=True).ok
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_data_version()
        raise RuntimeError
    assert data_version() == before == DataVersion.objects.get().token
    assert bump_data_version() == data_version() != before


def test_history_records_and_import_runs_do_not_change_the_version(db):
    assert import_records([record("10")], name="test").ok
    version = data_version()
    assert import_records([record("10")], name="test").ok  # nothing changes; a run is saved
    assert data_version() == version


def test_one_users_page_never_reaches_another(client, analyst, make_agreement):
    make_agreement(amounts={2007: Decimal("1000")})
    for name in ("kari", "ola"):
        client.force_login(analyst(name))
        page = client.get("/breakdowns/region/").content.decode()
        assert f"Log out {name}" in page
        assert name == "kari" or "Log out kari" not in page
        assert client.cookies["csrftoken"].value not in page
    first = client.get("/").content.decode()
    client.force_login(analyst("per"))
    second = client.get("/").content.decode()
    assert "Log out per" in second and "Log out ola" not in second
    assert token(first) != token(second)


def token(page):
    start = page.index('name="csrfmiddlewaretoken" value="') + 34
    return page[start : page.index('"', start)]


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def digits(response):
    """The page with the number formats' spaces and separators taken out."""
    return (
        body(response).replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "")
    )
