"""/organisations/ and /organisations/<id>/: the register with the money through each
organisation (and those below it), its instruments, and links both ways."""

from decimal import Decimal

import pytest

from funding.models import YearlyAmount
from funding.refresh import facts_refresh
from international.models import Instrument
from projects.models import AdministeringUnit, Agreement, Channel, Project, Recipient


def organisation(name):
    return Channel.objects.get(name=name)


def test_the_list_is_a_tree_by_kind_with_totals_through_each_family(superuser_client, dataset):
    response = superuser_client.get("/organisations/")
    assert response.status_code == 200
    tree = dict(response.context["tree"])
    un = next(n for n in tree["UN entity"] if n.organisation.name == "United Nations")
    assert (un.depth, un.total) == (0, Decimal("300.01"))  # UNICEF's, below it
    unicef = next(
        n for n in tree["UN entity"] if n.organisation.name.startswith("United Nations Ch")
    )
    assert (unicef.depth, unicef.total) == (1, Decimal("300.01"))
    # GRETA, a monitoring body, stands below the Council of Europe, in its family's kind
    regional = [
        (n.organisation.name, n.depth) for n in tree["Regional intergovernmental organisation"]
    ]
    coe, greta = regional.index(("Council of Europe", 0)), regional.index(("GRETA", 1))
    assert coe < greta and all(depth > 0 for _, depth in regional[coe + 1 : greta])
    assert sum(n.total for nodes in tree.values() for n in nodes if n.depth == 0) == Decimal(
        "2100.01"
    )


def test_the_list_keeps_the_filters(superuser_client, dataset):
    response = superuser_client.get("/organisations/?year_from=2008")
    tree = dict(response.context["tree"])
    totals = {n.organisation.name: n.total for nodes in tree.values() for n in nodes}
    assert totals["Save the Children"] == Decimal("200.00")
    assert totals["United Nations"] == Decimal(0)
    assert (
        "/organisations/{}/?year_from=2008".format(organisation("Save the Children").pk)
        in response.content.decode()
    )


def test_it_counts_the_instruments_an_organisation_adopted_or_monitors(superuser_client, db):
    response = superuser_client.get("/organisations/")
    counts = {
        n.organisation.name: n.organisation.instruments
        for nodes in dict(response.context["tree"]).values()
        for n in nodes
    }
    greta = Instrument.objects.filter(monitoring_body__name="GRETA").count()
    assert counts["GRETA"] == greta >= 1


def test_the_page_shows_funding_through_the_organisation_and_those_below_it(
    superuser_client, make_agreement
):
    make_agreement({2007: "70.00", 2008: "5.00"}, channel="United Nations Children's Fund")
    make_agreement({2008: "4.00"}, channel="International Organization for Migration")
    un = organisation("United Nations")
    response = superuser_client.get(f"/organisations/{un.pk}/")
    assert response.status_code == 200
    years = response.context["years"]
    assert {row.key: row.amount for row in years.rows} == {
        2007: Decimal("70.00"),
        2008: Decimal("5.00"),
    }
    page = response.content.decode()
    assert 'href="/breakdowns/channel/?channel_family=United+Nations"' in page
    assert (
        'href="/projects/?channel_family=United+Nations&amp;year_from=2007&amp;year_to=2007"'
        in page
    )
    unicef = organisation("United Nations Children's Fund")
    assert f'href="/organisations/{unicef.pk}/"' in page


def test_the_page_links_the_instruments_and_the_instrument_page_links_back(superuser_client, db):
    cets = Instrument.objects.get(short_name="CETS No. 197")
    greta = organisation("GRETA")
    page = superuser_client.get(f"/organisations/{greta.pk}/").content.decode()
    assert f'href="/instruments/{cets.pk}/"' in page
    assert f'href="/organisations/{greta.parent.pk}/"' in page
    page = superuser_client.get(f"/instruments/{cets.pk}/").content.decode()
    assert f'href="/organisations/{greta.pk}/"' in page


@pytest.mark.parametrize(
    "query",
    ["year_from=abc", "year_from=2009&year_to=2001", "instrument=Nope&ratified=yes",
     "channel_kind=%3Cscript%3E", "status=%00"],
)  # fmt: skip
def test_hostile_query_strings_give_400(superuser_client, db, query):
    assert superuser_client.get(f"/organisations/?{query}").status_code == 400
    un = organisation("United Nations")
    assert superuser_client.get(f"/organisations/{un.pk}/?{query}").status_code == 400


def test_an_unknown_organisation_is_404(superuser_client, db):
    assert superuser_client.get("/organisations/999999/").status_code == 404


def test_a_script_in_a_name_is_escaped(superuser_client, db):
    evil = Channel.objects.create(name="<script>alert(1)</script>", acronym="<b>")
    for url in ("/organisations/", f"/organisations/{evil.pk}/"):
        page = superuser_client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_pages_need_a_login(client, db):
    assert client.get("/organisations/").status_code == 302
    assert client.post("/organisations/").status_code in (302, 405)


def build(count):
    """`count` agreements through channels all over the register, each funded in 2005-2007."""
    channels = list(Channel.objects.all())
    unit = AdministeringUnit.objects.first()
    albania = Recipient.objects.get(name="Albania")
    projects = Project.objects.bulk_create(
        Project(title=f"P{i}", channel=channels[i % len(channels)], recipient=albania)
        for i in range(count)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(project=p, unit=unit, first_year=2005, last_year=2007) for p in projects
    )
    YearlyAmount.objects.bulk_create(
        YearlyAmount(agreement=a, year=y, amount=Decimal(10)) for a in agreements
        for y in (2005, 2006, 2007)
    )  # fmt: skip
    facts_refresh()  # bulk_create sends no save signals


# Session and user (2), the filter form's lists of choices (9), the demo banner (1); the list:
# the register with its instrument counts and the grouped totals (2); the page (8): the
# organisation, the channel_family filter's lookup and the register's parent links, the grouped
# query by year and the distinct totals, its children, the instruments adopted and monitored,
# the efforts in it and their measures (2).
@pytest.mark.parametrize("count", [3, 300])
def test_the_pages_run_a_constant_number_of_queries(
    superuser_client, django_assert_num_queries, make_effort, count
):
    build(count)
    for i in range(count // 10 + 1):
        make_effort(title=f"Talks {i}", organisation="United Nations", measures=(2, 35))
    with django_assert_num_queries(14):
        assert superuser_client.get("/organisations/").status_code == 200
    un = organisation("United Nations")
    with django_assert_num_queries(21):  # the year breakdown counts agreements as it groups
        assert superuser_client.get(f"/organisations/{un.pk}/").status_code == 200


def test_an_organisation_shows_norways_efforts_in_it_and_the_list_counts_them(
    superuser_client, make_effort
):
    nato_name = "North Atlantic Treaty Organization"
    make_effort(title="Negotiations on <script>x</script>", organisation=nato_name, measures=(2,))
    nato = organisation(nato_name)
    page = superuser_client.get(f"/organisations/{nato.pk}/").content.decode()
    assert "Norway&#x27;s efforts" in page or "Norway's efforts" in page
    assert "Negotiations on &lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    listed = superuser_client.get("/organisations/").context["tree"]
    counts = {
        node.organisation.name: node.organisation.effort_count
        for _, nodes in listed
        for node in nodes
    }
    assert counts[nato_name] == 1 and counts["United Nations"] == 0


def test_an_organisation_without_efforts_says_so(superuser_client):
    page = superuser_client.get(f"/organisations/{organisation('GRETA').pk}/").content.decode()
    assert "No efforts recorded in this organisation or forum." in page
