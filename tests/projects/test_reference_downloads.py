"""/reference/: analysts (who have no admin) download the reference tables as the admin's
export writes them."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from projects.models import AdministeringUnit
from projects.roles import ANALYSTS


@pytest.fixture
def analyst_client(client, django_user_model):
    analyst = django_user_model.objects.create_user("ana")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    return client


def test_an_analyst_sees_every_table(analyst_client):
    page = analyst_client.get(reverse("reference:tables"))
    assert [slug for slug, label in page.context["tables"]] == [
        "measures", "recipients", "organisations", "units", "partner-groups", "oecd-codes",
    ]  # fmt: skip


def test_an_analyst_downloads_units_with_aliases_as_csv(analyst_client):
    unit = AdministeringUnit.objects.create(name="Unit A", kind="embassy")
    unit.aliases.create(name="=A")
    response = analyst_client.get(reverse("reference:table", args=["units"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,Kind,Aliases"
    assert "Unit A,embassy,'=A" in lines


def test_an_analyst_downloads_measures_as_xlsx(analyst_client):
    response = analyst_client.get(reverse("reference:table", args=["measures"]), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["Plan", "Number", "Title", "Goal", "Lead ministry"]
    assert sheet.max_row > 30


@pytest.mark.parametrize("units", [3, 300])
def test_a_download_takes_a_fixed_number_of_queries(
    analyst_client, django_assert_num_queries, units
):
    AdministeringUnit.objects.bulk_create(
        AdministeringUnit(name=f"Unit {n}", kind="section") for n in range(units)
    )
    with django_assert_num_queries(7):
        analyst_client.get(reverse("reference:table", args=["organisations"]))
    with django_assert_num_queries(6):
        analyst_client.get(reverse("reference:table", args=["units"]))


def test_an_unknown_table_or_format_is_not_found(analyst_client):
    assert analyst_client.get(reverse("reference:table", args=["users"])).status_code == 404
    url = reverse("reference:table", args=["units"])
    assert analyst_client.get(url, {"format": "pdf"}).status_code == 404
