"""Closed years held by the database (funding/migrations/0016): every write path, the one-page
entry included, refuses to create, change or delete an amount of a closed year."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from breakdowns.closing import close_year
from funding.models import YearlyAmount
from projects.models import Project
from tests.funding.test_project_entry import edit_data, editor_client, entry_data  # noqa: F401

CLOSED = "2007 is a closed reporting year (closed by the command line on"


@pytest.fixture
def closed(make_agreement):
    agreement = make_agreement({2007: "1000.00", 2008: "500.00"})
    close_year(2007, note="Report published")
    return agreement


def refused(write):
    with pytest.raises(IntegrityError, match="closed reporting year"), transaction.atomic():
        write()


def amounts():
    return sorted(YearlyAmount.objects.values_list("year", "amount", "status"))


def test_bulk_updates_and_deletes_of_a_closed_year_are_refused(closed):
    before = amounts()
    refused(lambda: YearlyAmount.objects.filter(year=2007).update(amount=Decimal(1)))
    refused(lambda: YearlyAmount.objects.update(status="planned"))
    refused(lambda: YearlyAmount.objects.filter(year=2007).delete())
    refused(lambda: YearlyAmount.objects.filter(year=2008).update(year=2007))
    assert amounts() == before


def test_a_save_a_create_and_a_cascade_into_a_closed_year_are_refused(closed):
    before = amounts()
    amount = YearlyAmount.objects.get(year=2007)
    amount.amount = Decimal(1)
    refused(amount.save)
    refused(lambda: YearlyAmount.objects.create(agreement=closed, year=2007, amount=1))
    refused(YearlyAmount.objects.get(year=2007).delete)
    refused(closed.delete)
    refused(Project.objects.all().delete)
    assert amounts() == before


def test_open_years_and_a_version_count_alone_still_change(closed):
    YearlyAmount.objects.filter(year=2008).update(amount=Decimal(600))
    YearlyAmount.objects.filter(year=2007).update(version=5)
    YearlyAmount.objects.filter(year=2008).delete()
    assert amounts() == [(2007, Decimal("1000.00"), "allocated")]


def test_reopening_the_year_lets_its_amounts_change_again(closed):
    from breakdowns.closing import reopen_year

    reopen_year(2007, reason="A correction")
    YearlyAmount.objects.filter(year=2007).update(amount=Decimal(1))
    assert YearlyAmount.objects.get(year=2007).amount == Decimal(1)


@pytest.fixture
def entered(editor_client):  # noqa: F811
    editor_client.post("/projects/enter/", entry_data())
    project = Project.objects.get(title="Shelter in Tirana")
    close_year(2007, note="Report published")
    page = editor_client.get(f"/projects/{project.pk}/edit/")
    return project, edit_data(page.context["entry"])


@pytest.mark.parametrize(
    "change",
    [
        {"agreements-0-amounts-1-amount": "1.00"},  # 2007 changed
        {"agreements-0-amounts-1-DELETE": "on"},  # 2007 deleted
        {"agreements-1-amounts-1-year": "2007", "agreements-1-amounts-0-year": "2008"},
        {"agreements-0-DELETE": "on"},  # the agreement holding 2007 dropped
    ],
)
def test_the_entry_page_refuses_to_touch_an_amount_of_a_closed_year(
    editor_client,  # noqa: F811
    entered,
    change,
):
    project, data = entered
    before = amounts()
    response = editor_client.post(f"/projects/{project.pk}/edit/", data | change)
    assert response.status_code == 200
    assert CLOSED in response.content.decode()
    assert amounts() == before


def test_the_entry_page_refuses_a_new_amount_in_a_closed_year(editor_client):  # noqa: F811
    rows = [[(2006, "1000", "allocated")], [(2008, "500", "allocated")]]
    editor_client.post("/projects/enter/", entry_data(amounts=rows))
    project = Project.objects.get(title="Shelter in Tirana")
    close_year(2007, note="Report published")
    data = edit_data(editor_client.get(f"/projects/{project.pk}/edit/").context["entry"])
    data |= {
        "agreements-0-amounts-TOTAL_FORMS": "2",
        "agreements-0-amounts-1-year": "2007",
        "agreements-0-amounts-1-amount": "9",
        "agreements-0-amounts-1-status": "planned",
    }
    response = editor_client.post(f"/projects/{project.pk}/edit/", data)
    assert CLOSED in response.content.decode()
    assert not YearlyAmount.objects.filter(year=2007).exists()
