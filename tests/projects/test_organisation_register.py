"""The organisation register: funding channels and every organisation the memo names, in one
model (`Channel`), loaded from fixtures/reference/organisations.csv."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects.models import Channel, ChannelAlias, OrganisationKind
from tests.sources import citation_problems, document, rows

ORGANISATIONS = rows("organisations.csv")
CHANNEL_LIST = "Channel list (partners the 2007 report names)"


def test_every_quote_in_the_register_file_is_verbatim_in_the_source_it_cites():
    problems = {
        row["name"]: found
        for row in ORGANISATIONS
        if not row["source"].startswith(CHANNEL_LIST)
        and (found := citation_problems(row["source"]))
    }
    assert problems == {}


def test_descriptions_and_websites_are_the_memos_own_words():
    memo = document("Memo", without_links=True)
    for row in ORGANISATIONS:
        assert " ".join(row["description"].split()).rstrip(".") in memo, row["name"]
        assert row["website"] in document("Memo"), row["name"]


def test_every_row_of_the_register_file_is_well_formed():
    names = [row["name"] for row in ORGANISATIONS]
    assert len(names) == len(set(names)) == 89
    groups = {row["name"] for row in rows("partner_groups.csv")}
    codes = {row["code"] for row in rows("oecd_channel_codes.csv")}
    for row in ORGANISATIONS:
        assert row["kind"] in ("", *OrganisationKind.values), row["name"]
        assert row["parent"] in ("", *names), row["name"]
        assert row["partner_group"] in ("", *groups), row["name"]
        assert row["oecd_code"] in ("", *codes), row["name"]
        assert row["source"], row["name"]


def test_it_loads_every_organisation_of_the_register(db):
    assert set(Channel.objects.values_list("name", flat=True)) == {
        row["name"] for row in ORGANISATIONS
    }


def test_an_organisation_carries_its_kind_parent_website_description_and_source(db):
    greta = Channel.objects.select_related("parent").get(name="GRETA")
    assert greta.kind == OrganisationKind.MONITORING_BODY
    assert greta.parent.name == "Council of Europe"
    assert greta.website.startswith("http://www.coe.int/t/dghl/monitoring/trafficking/")
    assert greta.description == "GRETA will monitor implementation of the Convention."
    assert greta.source.startswith('Memo, section 2: "the first is GRETA')
    assert not greta.projects.exists()


def test_the_council_of_europe_and_the_osce_have_their_bodies_as_children(db):
    def children(name):
        return set(Channel.objects.filter(parent__name=name).values_list("name", flat=True))

    assert children("Council of Europe") == {
        "Committee of Ministers",
        "GRETA",
        "Committee of the Parties",
        "Parliamentary Assembly of the Council of Europe",
    }
    assert {
        "Office for Democratic Institutions and Human Rights",
        "Office of the Special Representative and Co-ordinator for Combating Trafficking in "
        "Human Beings",
        "OSCE Parliamentary Assembly",
    } <= children("Organization for Security and Co-operation in Europe")
    assert children("Council of the Baltic Sea States") == {
        "CBSS Task Force against Trafficking in Human Beings",
        "CBSS Expert Group for Cooperation on Children at Risk",
    }


def test_funding_channels_keep_their_group_code_parent_and_aliases(db):
    ohchr = Channel.objects.get(acronym="OHCHR")
    assert ohchr.parent.name == "United Nations"
    assert ohchr.partner_group.name == "Multilateral institutions"
    assert ohchr.kind == OrganisationKind.UN_ENTITY
    assert ChannelAlias.objects.filter(channel=ohchr, name="UN OHCHR").exists()


def test_the_kind_stays_blank_where_no_source_says(db):
    for name in ["Alliance Against Trafficking in Persons", "ARIADNE Network"]:
        assert Channel.objects.get(name=name).kind == ""


def test_the_norwegian_organisations_the_aliases_name_are_norwegian_ngos(db):
    for name, alias in [("CARE", "CARE Norge"), ("Red Cross", "Norwegian Red Cross")]:
        channel = Channel.objects.get(name=name)
        assert channel.kind == OrganisationKind.NORWEGIAN_NGO
        assert ChannelAlias.objects.filter(channel=channel, name=alias).exists()


def test_no_name_or_acronym_in_the_register_is_another_organisations_alias(db):
    """The project importer matches partners by name, alias and unique acronym: a new
    organisation must not take a name that already leads to another."""
    alias_owner = dict(ChannelAlias.objects.values_list("name", "channel__name"))
    alias_owner = {alias.lower(): owner for alias, owner in alias_owner.items()}
    acronyms = [
        a.lower() for a in Channel.objects.exclude(acronym="").values_list("acronym", flat=True)
    ]
    assert len(acronyms) == len(set(acronyms))
    for name, acronym in Channel.objects.values_list("name", "acronym"):
        for key in filter(None, [name, acronym]):
            assert alias_owner.get(key.lower(), name) == name, key


def test_an_organisation_cannot_be_its_own_ancestor(db):
    council = Channel.objects.get(name="Council of Europe")
    council.parent = Channel.objects.get(name="GRETA")
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert error.value.message_dict["parent"] == [
        "An organisation cannot be its own ancestor: Council of Europe (CoE) → GRETA → "
        "Council of Europe (CoE)."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.filter(pk=council.pk).update(parent=council)


def test_the_database_refuses_an_unknown_kind(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.create(name="Somebody", kind="club")


def test_the_register_migration_records_each_organisations_history(db):
    greta = Channel.objects.get(name="GRETA")
    latest = greta.history.first()
    assert latest.kind == OrganisationKind.MONITORING_BODY
    assert latest.history_change_reason.startswith("Organisation register loaded")


def test_the_organisation_page_shows_its_sub_organisations(superuser_client):
    council = Channel.objects.get(name="Council of Europe")
    page = superuser_client.get(reverse("admin:projects_channel_change", args=[council.pk]))
    greta = Channel.objects.get(name="GRETA")
    assert reverse("admin:projects_channel_change", args=[greta.pk]) in page.content.decode()
    listing = superuser_client.get(
        reverse("admin:projects_channel_changelist") + "?kind__exact=monitoring_body"
    )
    assert {c.name for c in listing.context["cl"].result_list} >= {
        "GRETA",
        "Committee of the Parties",
    }
