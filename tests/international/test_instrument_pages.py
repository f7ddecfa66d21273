"""The instrument pages: the list with its counts, an instrument with its status chart, sorted
by any column and downloadable as CSV, XLSX and JSON, in a constant number of queries."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from international.models import Instrument, InstrumentStatus
from projects.models import Channel, Recipient


@pytest.fixture
def cets(db):
    return Instrument.objects.get(short_name="CETS No. 197")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def states(response):
    return [s.country.name for s in response.context["chart"].statuses]


def test_the_list_shows_each_instrument_with_its_counts(superuser_client, cets):
    response = page(superuser_client, "/instruments/")
    rows = {i.short_name: i for i in response.context["instruments"]}
    assert len(rows) == 23
    assert (rows["CETS No. 197"].signed_only, rows["CETS No. 197"].ratified) == (15, 26)
    assert rows["CETS No. 197"].in_force == 1
    assert (rows["UNTOC"].signed_only, rows["UNTOC"].ratified, rows["UNTOC"].in_force) == (0, 0, 0)
    content = response.content.decode()
    assert f'href="/instruments/{cets.pk}/"' in content
    committee = Channel.objects.get(name="Committee of Ministers")
    # organisations link to their pages (served by funding: Channel.get_absolute_url)
    assert (
        f'<a href="/organisations/{committee.pk}/">Committee of Ministers</a>, '
        f'<a href="/organisations/{committee.parent_id}/">Council of Europe (CoE)</a>'
    ) in content
    assert '<time datetime="2008-02-01">1 Feb 2008</time>' in content


def test_the_instrument_page_shows_its_dates_bodies_and_each_states_status(superuser_client, cets):
    content = page(superuser_client, f"/instruments/{cets.pk}/").content.decode()
    assert "Council of Europe Convention on Action against Trafficking in Human Beings" in content
    for text in ["3 May 2005", "16 May 2005", "1 Feb 2008", "GRETA", "Committee of Ministers"]:
        assert text in content, text
    assert "Signed, not ratified: 15. Ratified (or acceded, accepted, approved): 26." in content
    assert '<time datetime="2007-12-21">21 Dec 2007</time>' in content  # Norway, the report
    assert "not recorded" in content  # the memo gives no other state's dates


def test_a_protocol_links_the_convention_it_supplements_and_back(superuser_client, db):
    untoc = Instrument.objects.get(short_name="UNTOC")
    palermo = Instrument.objects.get(short_name="Palermo Protocol")
    content = page(superuser_client, f"/instruments/{palermo.pk}/").content.decode()
    assert f'<a href="/instruments/{untoc.pk}/">UNTOC</a>' in content
    content = page(superuser_client, f"/instruments/{untoc.pk}/").content.decode()
    assert f'<a href="/instruments/{palermo.pk}/">Palermo Protocol</a>' in content
    assert "No state's signature or ratification is recorded" in content


@pytest.mark.parametrize(
    "sort, first, last",
    [
        ("", "Albania", "United Kingdom"),
        ("-state", "United Kingdom", "Albania"),
        ("ratification", "Norway", "United Kingdom"),  # dates not recorded last, then by name
        ("-ratification", "Norway", "United Kingdom"),
        ("status", "Albania", "Ukraine"),  # ratified before signed
        ("nonsense", "Albania", "United Kingdom"),
    ],
)
def test_the_chart_sorts_by_any_column(superuser_client, cets, sort, first, last):
    names = states(page(superuser_client, f"/instruments/{cets.pk}/?sort={sort}"))
    assert (names[0], names[-1]) == (first, last)


def test_the_sorted_column_says_so_and_links_to_the_other_direction(superuser_client, cets):
    content = page(superuser_client, f"/instruments/{cets.pk}/?sort=signature").content.decode()
    assert '<th scope="col" aria-sort="ascending"><a href="?sort=-signature">Signature' in content
    assert '<a href="?sort=state">State</a>' in content
    assert 'href="?sort=signature&amp;format=csv"' in content


def test_the_chart_downloads_as_csv_in_the_import_layout(superuser_client, cets):
    response = page(superuser_client, f"/instruments/{cets.pk}/?format=csv&sort=-ratification")
    assert response["Content-Disposition"] == 'attachment; filename="cets-no-197-status.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["State", "Signature", "Ratification", "Entry into force"]
    assert rows[1][:6] == ["Norway", "", "2007-12-21", "2008-05-01", "", "ratified"]
    assert len(rows) == 42


def test_the_chart_downloads_as_xlsx_with_real_dates(superuser_client, cets):
    response = page(superuser_client, f"/instruments/{cets.pk}/?format=xlsx&sort=-ratification")
    sheet = load_workbook(io.BytesIO(response.content)).active
    norway = [cell.value for cell in sheet[2]]
    assert norway[0] == "Norway" and norway[2].date() == date(2007, 12, 21)
    assert sheet.max_row == 42


def test_the_chart_downloads_as_json(superuser_client, cets):
    data = json.loads(page(superuser_client, f"/instruments/{cets.pk}/?format=json").content)
    assert data["instrument"] == "CETS No. 197" and data["sort"] == "state"
    assert data["columns"][:4] == ["state", "signature", "ratification", "entry_into_force"]
    norway = next(row for row in data["rows"] if row["state"] == "Norway")
    assert norway["ratification"] == "2007-12-21" and norway["signature"] is None
    assert norway["iso2"] == "NO"


def test_an_unknown_download_format_is_refused(superuser_client, cets):
    assert superuser_client.get(f"/instruments/{cets.pk}/?format=pdf").status_code == 400


def test_a_downloaded_chart_imports_again_unchanged(superuser_client, cets, tmp_path):
    path = tmp_path / "chart.csv"
    path.write_bytes(superuser_client.get(f"/instruments/{cets.pk}/?format=csv").content)
    before = list(InstrumentStatus.objects.order_by("pk").values())
    out = io.StringIO()
    call_command(
        "import_ratifications", str(path), "--instrument", cets.short_name,
        "--source", "Round trip", stdout=out,
    )  # fmt: skip
    assert "Wrote: 41 skip" in out.getvalue()  # Norway's row: nothing new either
    assert list(InstrumentStatus.objects.order_by("pk").values()) == before


def test_a_missing_instrument_is_not_found(superuser_client, db):
    assert superuser_client.get("/instruments/999999/").status_code == 404


@pytest.mark.parametrize("count", [3, 300])
def test_the_list_runs_a_constant_number_of_queries(
    superuser_client, django_assert_num_queries, cets, count
):
    made = Instrument.objects.bulk_create(
        Instrument(short_name=f"Test {i}", kind="resolution", adopted_by=cets.adopted_by)
        for i in range(count)
    )
    albania = Recipient.objects.get(name="Albania")
    InstrumentStatus.objects.bulk_create(
        InstrumentStatus(instrument=i, country=albania, status="signed") for i in made
    )
    superuser_client.get("/instruments/")  # warm the session
    # session, user, the demo banner's check, the instruments with their bodies and counts
    with django_assert_num_queries(4):
        response = superuser_client.get("/instruments/")
    assert len(response.context["instruments"]) == 23 + count


@pytest.mark.parametrize("count", [3, 240])
def test_the_instrument_page_runs_a_constant_number_of_queries(
    superuser_client, django_assert_num_queries, cets, count
):
    InstrumentStatus.objects.filter(instrument=cets).delete()
    countries = Recipient.objects.filter(kind="country").order_by("name")[:count]
    InstrumentStatus.objects.bulk_create(
        InstrumentStatus(instrument=cets, country=c, status="ratified") for c in countries
    )
    url = f"/instruments/{cets.pk}/?sort=-ratification"
    superuser_client.get(url)
    # session, user, the demo banner's check, the instrument with its bodies and counts, the
    # chart, the supplements
    with django_assert_num_queries(6):
        assert len(states(superuser_client.get(url))) == count
    # a download needs no supplements
    with django_assert_num_queries(4):
        assert superuser_client.get(url + "&format=xlsx").status_code == 200


def test_a_state_that_only_signed_shows_no_ratification_rather_than_a_missing_one(
    superuser_client, cets
):
    chart = page(superuser_client, f"/instruments/{cets.pk}/").context["chart"]
    rows = {row[0].text: row for row in chart.rows()}
    signature, ratification, entry_into_force = rows["Andorra"][1:4]
    assert signature.missing  # signed, on a day the memo does not give
    assert ratification.text == entry_into_force.text == "–"
    assert rows["Albania"][2].missing  # ratified, on a day the memo does not give
