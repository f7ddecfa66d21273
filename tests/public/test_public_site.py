"""The public site: with PUBLIC_SITE on, anonymous visitors read the closed years' pages and
files, and nothing of an open year, a draft or the history; off, every address answers 404."""

import re
from datetime import date

import pytest
from django.utils import translation
from lxml import etree

from breakdowns.closing import reopen_year
from funding.models import ClosedYear
from iati import export
from iati.rules import ERROR, findings
from public.views import PUBLIC_DIMENSIONS

from .conftest import OPEN_AMOUNTS, SECRETS

PAGES = ["/public/", "/public/2007/report/", "/public/2007/published/"]
FILES = ["/public/iati/activities.xml", "/public/iati/organisation.xml"]
BREAKDOWNS = [f"/public/2007/breakdowns/{d.slug}/" for d in PUBLIC_DIMENSIONS]
URLS = PAGES + FILES + BREAKDOWNS
OPEN_YEAR_URLS = [
    "/public/2008/report/",
    "/public/2008/published/",
    "/public/2006/report/",
    "/public/2008/breakdowns/region/",
]


def text_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


@pytest.mark.parametrize("language", ["en", "nb"])
def test_no_public_address_shows_anything_of_the_open_year(
    client, public_site, two_years, language
):
    for url in URLS:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        body = text_of(response)
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        for amount in OPEN_AMOUNTS:
            assert not re.search(amount, body), (url, amount)


def test_the_closed_years_pages_show_what_was_published(client, public_site, two_years):
    index = text_of(client.get("/public/"))
    assert "/public/2007/report/" in index and "/public/2007/published/" in index
    assert "/public/2008/" not in index
    report = text_of(client.get("/public/2007/report/"))
    assert "Kestrels fly over the talks." in report
    assert "Introduction of 2007." in report
    assert "draft" not in report.lower()
    assert 'href="/breakdowns/' not in report  # the figures' links are the analysts'
    published = text_of(client.get("/public/2007/published/"))
    assert re.search(r"1[\s\xa0,.]?234\.00", published)  # the year's allocated amount as closed


def test_the_published_figures_are_the_snapshots_not_the_live_values(
    client, public_site, two_years
):
    kept = two_years.snapshot["figures"]
    two_years.snapshot = {"figures": dict.fromkeys(kept, "424242"), "year_totals": {}}
    two_years.save(update_fields=["snapshot"])
    published = text_of(client.get("/public/2007/published/"))
    assert kept and re.search(r"424[\s\xa0,.]?242", published)


def test_the_iati_files_hold_the_closed_years_amounts_only(client, public_site, two_years):
    activities = etree.fromstring(text_of(client.get(FILES[0])).encode())
    titles = activities.xpath("//iati-activity/title/narrative/text()")
    assert sorted(titles) == ["Counselling in the closed year", "Shelter across both years"]
    values = activities.xpath("//transaction/value/text()")
    assert sorted(values) == ["1234.00", "4321.00"]
    organisation = etree.fromstring(text_of(client.get(FILES[1])).encode())
    budgets = organisation.xpath("//total-budget/period-start/@iso-date")
    assert budgets == ["2007-01-01"]


def test_the_iati_files_are_streamed_from_the_cache_once_sent(
    client, public_site, two_years, django_assert_num_queries
):
    for url in FILES:
        first = client.get(url)
        assert first.streaming
        body = text_of(first)
        with django_assert_num_queries(1):  # the data version
            again = client.get(url)
            assert again.streaming and text_of(again) == body


def test_a_file_cut_short_is_not_served_from_the_cache(client, public_site, two_years, monkeypatch):
    monkeypatch.setattr(export, "PIECE", 200)  # bytes: the file comes in many pieces
    first = client.get(FILES[0])
    pieces = iter(first.streaming_content)
    next(pieces), next(pieces)  # the visitor leaves after the second piece
    assert text_of(client.get(FILES[0])).rstrip().endswith("</iati-activities>")


@pytest.mark.parametrize("url", URLS)
def test_a_warm_public_page_asks_the_database_for_the_data_version_only(
    client, public_site, two_years, django_assert_num_queries, url
):
    assert client.get(url).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


COLD_QUERIES = [
    (PAGES[0], 3),
    (PAGES[1], 41),
    (PAGES[2], 3),
    (FILES[0], 3),
    (FILES[1], 4),
    (BREAKDOWNS[0], 5),
    ("/public/2007/breakdowns/measure/", 5),
]


@pytest.mark.parametrize("url, queries", COLD_QUERIES)
def test_a_cold_public_page_runs_the_pinned_queries_with_few_or_many_agreements(
    client,
    public_site,
    two_years,
    make_agreement,
    make_effort,
    django_assert_num_queries,
    url,
    queries,
):
    with django_assert_num_queries(queries):
        text_of(client.get(url))
    reopen_year(2007, reason="More agreements.")
    for n in range(30):
        make_agreement({2007: "10.00"}, title=f"More {n}", purpose_code="15190")
        make_effort(title=f"Effort {n}", year=2007, measures=(n % 3 + 1,), narrative=f"Text {n}.")
    ClosedYear.objects.create(year=2007, note="Again.", closed_at=two_years.closed_at,
                              snapshot=two_years.snapshot)  # fmt: skip
    with django_assert_num_queries(queries):
        text_of(client.get(url))


def test_a_year_closed_later_is_public_on_the_next_request(client, public_site, two_years):
    assert client.get("/public/2008/report/").status_code == 404
    ClosedYear.objects.create(year=2008, note="Published.", closed_at=two_years.closed_at)
    report = text_of(client.get("/public/2008/report/"))
    assert "The marmots gather for talks." in report
    assert "Harbour of the open year" in text_of(client.get(FILES[0]))


@pytest.mark.parametrize("url", OPEN_YEAR_URLS)
def test_a_year_that_is_not_closed_answers_404(client, public_site, two_years, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", URLS + OPEN_YEAR_URLS)
def test_with_the_public_site_off_every_address_answers_404(client, settings, two_years, url):
    settings.PUBLIC_SITE = False
    assert client.get(url).status_code == 404


def test_the_index_says_when_nothing_is_published_yet(client, public_site, db):
    page = text_of(client.get("/public/"))
    assert "No reporting year has been published yet" in page
    assert "/public/iati/" not in page


def test_a_query_string_is_refused(client, public_site, two_years):
    assert client.get("/public/?draft=1").status_code == 400
    assert client.get("/public/2007/report/?draft=1").status_code == 400


def test_the_rate_limit_answers_429_in_the_sites_layout(client, settings, public_site, two_years):
    settings.PUBLIC_RATE_LIMIT = 3
    for _n in range(3):
        assert client.get("/public/").status_code == 200
    refused = client.get("/public/2007/report/")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many requests" in page and "at most 3 requests a minute" in page
    assert "Skip to main content" in page  # base.html
    assert int(refused["Retry-After"]) in range(1, 61)
    other = client.get("/public/", REMOTE_ADDR="10.0.0.2")  # another address has its own
    assert other.status_code == 200


def test_the_report_follows_the_language_switch(client, public_site, two_years):
    client.post("/i18n/setlang/", {"language": "nb", "next": "/public/2007/report/"})
    with translation.override("nb"):
        page = text_of(client.get("/public/2007/report/"))
    assert '<html lang="nb">' in page
    english = text_of(client.get("/public/2007/report/", HTTP_ACCEPT_LANGUAGE="en"))
    assert page != english


def test_a_year_out_of_range_answers_404(client, public_site, two_years):
    assert client.get("/public/99999999999/report/").status_code == 404
    assert client.get("/public/99999999999/published/").status_code == 404


def test_the_public_iati_files_pass_the_iati_validation(client, public_site, two_years):
    for url in FILES:
        tree = etree.ElementTree(etree.fromstring(text_of(client.get(url)).encode()))
        errors = [str(f) for f in findings(tree, date.today()) if f.severity == ERROR]
        assert errors == [], url


def test_a_breakdown_shows_the_closed_years_funding(client, public_site, two_years):
    page = text_of(client.get("/public/2007/breakdowns/channel/"))
    assert "International Organization for Migration" in page
    assert re.search(r"5[\s\xa0,.]?555", page)  # 1 234 + 4 321, both main objective
    assert "/public/2007/breakdowns/region/" in page
    assert client.get("/public/2007/breakdowns/year/").status_code == 404
    assert client.get("/public/2007/breakdowns/nothing/").status_code == 404
