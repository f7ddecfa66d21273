"""The organisation kind and family breakdowns: every amount in exactly one row, families
found by walking up the register, and rows that drill down to the channel breakdown."""

from decimal import Decimal

import pytest

from breakdowns.dimensions import DIMENSIONS
from breakdowns.tables import breakdown
from funding.models import Fact
from projects.models import Channel


def table(slug, **filters):
    return breakdown(DIMENSIONS[slug], Fact.objects.filter(**filters))


def test_the_family_breakdown_adds_up_to_the_channel_breakdowns_total(dataset):
    families, channels = table("organisation-family"), table("channel")
    assert families.total == channels.total == sum(row.amount for row in families.rows)
    assert families.agreements == channels.agreements
    assert families.agreement_years == channels.agreement_years


def test_a_channel_two_levels_down_counts_in_its_top_level_family(make_agreement):
    # UNGIFT's parent is UNODC, whose parent is the United Nations
    make_agreement(
        {2007: "70.00"}, channel="United Nations Global Initiative to Fight Human Trafficking"
    )
    make_agreement({2007: "9.00"}, channel="United Nations Children's Fund")
    make_agreement({2007: "1.00"}, channel="International Organization for Migration")
    rows = {row.key: (row.label, row.amount) for row in table("organisation-family").rows}
    assert rows == {
        "United Nations": ("United Nations (UN)", Decimal("79.00")),
        "International Organization for Migration": (
            "International Organization for Migration (IOM)",
            Decimal("1.00"),
        ),
    }


def test_a_loop_in_the_register_stops_the_family_walk(make_agreement):
    make_agreement({2007: "5.00"}, channel="Norwegian Church Aid")
    church = Channel.objects.get(name="Norwegian Church Aid")
    other = Channel.objects.exclude(pk=church.pk).first()
    Channel.objects.filter(pk=church.pk).update(parent=other)
    Channel.objects.filter(pk=other.pk).update(parent=church)
    assert table("organisation-family").total == Decimal("5.00")


def test_a_channel_without_a_kind_shows_as_kind_not_recorded(make_agreement):
    Channel.objects.filter(name="Norwegian Church Aid").update(kind="")
    make_agreement({2007: "5.00"}, channel="Norwegian Church Aid")
    row = table("organisation-kind").row("")
    assert (row.label, row.amount, row.url) == ("Kind not recorded", Decimal("5.00"), None)


def test_rows_drill_down_to_the_channel_breakdown(superuser_client, dataset):
    page = superuser_client.get(
        "/breakdowns/organisation-family/?objective=all&year_from=2007"
    ).content.decode()
    assert (
        'href="/breakdowns/channel/?year_from=2007&amp;objective=all&amp;channel_family=United+Nations"'
        in page
    )
    page = superuser_client.get("/breakdowns/organisation-kind/?objective=all").content.decode()
    assert 'href="/breakdowns/channel/?objective=all&amp;channel_kind=un_entity"' in page
    data = superuser_client.get(
        "/breakdowns/channel/?objective=all&channel_kind=un_entity&format=json"
    ).json()
    assert [row["key"] for row in data["rows"]] == ["United Nations Children's Fund"]
    data = superuser_client.get(
        "/breakdowns/channel/?objective=all&channel_family=United+Nations&format=json"
    )
    assert data.json()["total"] == "300.01"


@pytest.mark.parametrize("slug", ["organisation-kind", "organisation-family"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_new_breakdowns_download(superuser_client, dataset, slug, fmt):
    response = superuser_client.get(f"/breakdowns/{slug}/?objective=all&format={fmt}")
    assert response.status_code == 200
    assert response.content
    by_year = superuser_client.get(f"/breakdowns/{slug}/?objective=all&by=year&format={fmt}")
    assert by_year.status_code == 200


def test_organisation_rows_link_to_the_organisations_page(superuser_client, dataset):
    unicef = Channel.objects.get(name="United Nations Children's Fund")
    page = superuser_client.get("/breakdowns/channel/?objective=all").content.decode()
    assert f'<a href="/organisations/{unicef.pk}/" class="muted"' in page
    page = superuser_client.get("/breakdowns/organisation-family/?objective=all").content.decode()
    assert f'<a href="/organisations/{unicef.parent_id}/" class="muted"' in page
