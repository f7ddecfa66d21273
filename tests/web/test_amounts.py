"""One rule for amounts on pages: whole kroner unless the øre are not zero."""

from decimal import Decimal

from django.utils import translation

from web.formats import nok


def test_an_amount_without_ore_is_written_in_whole_kroner():
    assert nok(Decimal("239709000.00"), code=True) == "NOK 239\u202f709\u202f000"


def test_an_amount_with_ore_keeps_both_digits_in_the_languages_separator():
    assert nok(Decimal("1234.5")) == "1\u202f234.50"
    with translation.override("nb"):
        assert nok(Decimal("1234.05")) == "1\u202f234,05"


def test_fixed_places_still_round_as_asked():
    assert nok(Decimal("1.25"), 1) == "1.2" and nok(Decimal("12.6"), 0) == "13"


def test_a_missing_amount_is_blank():
    assert nok(None) == "" and nok("") == ""


def test_the_overviews_basis_sentence_and_the_project_page_write_whole_kroner(
    superuser_client, make_agreement
):
    project = make_agreement({2007: "239709000.00"}, recipient="Albania").project
    overview = superuser_client.get("/").content.decode()
    assert "(NOK 239\u202f709\u202f000)" in overview and "000.00" not in overview
    page = superuser_client.get(f"/projects/{project.pk}/").content.decode()
    assert "NOK 239\u202f709\u202f000<" in page and "000.00" not in page
