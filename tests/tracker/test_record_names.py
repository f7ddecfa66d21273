"""Records named in both languages: a Norwegian page prints every record's Norwegian name where
one is recorded (the English one where none is), an English page the English names; keys,
filters and downloads' codes stay the same in both."""

import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from measures.models import Measure
from projects.models import AdministeringUnit, Channel, PartnerGroup, Recipient, Region


class TextNodes(HTMLParser):
    """The text a reader sees: each text node, stripped (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.texts, self.skip = set(), 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.add(data.strip())


def texts(page):
    parser = TextNodes()
    parser.feed(page)
    return parser.texts


@pytest.fixture
def named(dataset):
    """The dataset, with Norwegian names for a unit, a partner group and measure 1 (made-up
    test names: no source gives them)."""
    unit = AdministeringUnit.objects.get(name="West Balkans Section")
    unit.name_nb = "Vest-Balkan-seksjonen (test)"
    unit.save(update_fields=["name_nb"])
    group = PartnerGroup.objects.get(channels__name="Norwegian Church Aid")
    group.name_nb = "Norske organisasjoner (test)"
    group.save(update_fields=["name_nb"])
    measure = Measure.objects.get(plan__start_year=2006, number=1)
    measure.title_nb = "Tiltak én på norsk (test)"
    measure.save(update_fields=["title_nb"])
    return dataset


def english_only_names():
    """The English names of the records that have a different Norwegian name."""
    names = set()
    for model in (Region, Recipient, AdministeringUnit, PartnerGroup):
        for name, name_nb in model.objects.exclude(name_nb="").values_list("name", "name_nb"):
            if name != name_nb:
                names.add(name)
    return names


PAGES = [
    "/",
    "/breakdowns/region/",
    "/breakdowns/country/",
    "/breakdowns/unit/",
    "/breakdowns/partner-group/",
    "/breakdowns/measure/",
    "/breakdowns/region/?by=year",
    "/projects/",
    "/measures/?year=2007",
    "/measures/2006-2009/1/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_norwegian_page_prints_no_english_name_of_a_record_that_has_a_norwegian_one(
    superuser_client, named, url
):
    page = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    english = english_only_names()
    assert "Europe" in english and "West Balkans Section" in english
    assert texts(page) & english == set()


def test_the_norwegian_pages_show_the_norwegian_names_and_the_english_ones_the_english(
    superuser_client, named
):
    norwegian = superuser_client.get("/breakdowns/country/", HTTP_ACCEPT_LANGUAGE="nb")
    english = superuser_client.get("/breakdowns/country/", HTTP_ACCEPT_LANGUAGE="en")
    assert {"Bosnia-Hercegovina", "Mosambik", "Global"} <= texts(norwegian.content.decode())
    assert {"Bosnia and Herzegovina", "Mozambique"} <= texts(english.content.decode())
    units = superuser_client.get("/breakdowns/unit/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Vest-Balkan-seksjonen (test)" in texts(units)
    assert "Section for Human Rights and Democracy" in texts(units)  # none in Norwegian: English


def test_the_filters_name_records_in_the_pages_language_and_keep_their_keys(
    superuser_client, named
):
    page = superuser_client.get("/projects/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<option value="Europe">Europa</option>' in page
    assert "Ikke geografisk fordelt" in texts(page)
    measure = Measure.objects.get(plan__start_year=2006, number=1)
    assert f'<option value="{measure.pk}">' in page and "Tiltak én på norsk (test)" in page
    filtered = superuser_client.get("/projects/?region=Europe", HTTP_ACCEPT_LANGUAGE="nb")
    assert filtered.status_code == 200


def test_a_record_without_a_norwegian_name_shows_its_english_one(db):
    region = Region(name="Somewhere", name_nb="")
    assert region.in_language("nb") == "Somewhere"
    region.name_nb = "Et sted"
    assert region.in_language("nb") == "Et sted" and region.in_language("en") == "Somewhere"
    assert region.lacks_translation("en") is False


def test_the_breakdown_commands_json_is_in_norwegian_with_the_same_keys(named, capsys):
    call_command("breakdown", "region", "--format", "json", "--language", "nb")
    norwegian = json.loads(capsys.readouterr().out)
    call_command("breakdown", "region", "--format", "json", "--language", "en")
    english = json.loads(capsys.readouterr().out)
    assert norwegian.keys() == english.keys()
    rows_nb = {row["key"]: row for row in norwegian["rows"]}
    rows_en = {row["key"]: row for row in english["rows"]}
    assert rows_nb.keys() == rows_en.keys() >= {"Europe", "Not geographically allocated"}
    assert rows_nb["Europe"]["label"] == "Europa"
    assert rows_nb["Not geographically allocated"]["label"] == "Ikke geografisk fordelt"
    assert rows_en["Europe"]["label"] == "Europe"
    assert [row["amount"] for row in norwegian["rows"]] == [
        row["amount"] for row in english["rows"]
    ]


def test_every_country_has_its_norwegian_name_and_the_regions_theirs(db):
    assert not Recipient.objects.filter(kind="country", name_nb="").exists()
    assert Recipient.objects.get(iso2="BA").name_nb == "Bosnia-Hercegovina"
    assert set(Region.objects.values_list("name_nb", flat=True)) >= {"Afrika", "Europa"}


def test_the_admin_edits_both_names_side_by_side(superuser_client, db):
    region = Region.objects.get(name="Europe")
    page = superuser_client.get(f"/admin/projects/region/{region.pk}/change/").content.decode()
    assert 'name="name"' in page and 'name="name_nb"' in page and 'value="Europa"' in page
    iom = Channel.objects.get(name="International Organization for Migration")
    page = superuser_client.get(f"/admin/projects/channel/{iom.pk}/change/").content.decode()
    assert '<div class="form-row field-name field-name_nb">' in page  # one row, both names
    regions = superuser_client.get("/admin/projects/region/?q=Europa").content.decode()
    assert f"/admin/projects/region/{region.pk}/change/" in regions
