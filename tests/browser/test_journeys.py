"""The journeys that matter, in a real Chromium against the running app (issue 7)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from funding.models import YearlyAmount
from projects.models import Project

DATA_WIDE = """Project title,Agreement partner,Country,Administering unit,Measures,2006,2007
Browser journey project,IOM,Albania,West Balkans Section,1,100 000,250 000
Second browser project,Caritas,Serbia,West Balkans Section,1; 33,,50 000
"""
DATA_BAD = """Project title,Agreement partner,Country,Administering unit,Measures,2007
Bad row,Norwegain Church Aid,Albania,West Balkans Section,1,1000
"""


def pick(page, select, text):
    """Choose `text` in the admin's autocomplete (select2) widget for the <select> `select`."""
    page.click(f"{select} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def spaced(text):
    """Page text with the narrow and no-break spaces of NOK amounts as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def save(page):
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist, .errornote")
    return page.locator("#content, .messagelist").all_inner_texts()


def table_rows(page):
    """The breakdown table's body rows as lists of cell texts; of the row header, its label
    (the first link: channel rows also link to the organisation's page beside it)."""
    return page.eval_on_selector_all(
        "table.breakdown tbody tr",
        "rows => rows.map(r => [...r.children].map(c => (c.tagName === 'TH' && c.querySelector('a')"
        " ? c.querySelector('a') : c).innerText.trim()))",
    )


def test_an_editor_enters_a_project_and_sees_it_in_the_breakdowns(page, log_in, editor):
    log_in("editor", "editor-pw-123")
    page.goto("/admin/projects/project/add/")
    page.fill("#id_title", "Shelter in Tirana")
    pick(page, "#id_channel", "International Organization for Migration")
    pick(page, "#id_recipient", "Albania")
    pick(page, "#id_agreements-0-unit", "West Balkans Section")
    page.fill("#id_agreements-0-first_year", "2005")
    page.fill("#id_agreements-0-last_year", "2007")
    assert "was added successfully" in " ".join(save(page))

    project = Project.objects.get(title="Shelter in Tirana")
    agreement = project.agreements.get()
    page.goto(f"/admin/projects/agreement/{agreement.pk}/change/")
    for row, (year, amount) in enumerate([(2005, "1000"), (2006, "2000"), (2007, "3000")]):
        page.fill(f"#id_amounts-{row}-year", str(year))
        page.fill(f"#id_amounts-{row}-amount", amount)
    assert "was changed successfully" in " ".join(save(page))
    assert YearlyAmount.objects.filter(agreement=agreement).count() == 3

    page.goto("/breakdowns/region/")
    europe = spaced(page.locator("table.breakdown tbody tr", has_text="Europe").inner_text())
    assert "6 000" in europe, europe
    page.goto("/breakdowns/year/")
    year_2006 = spaced(page.locator("table.breakdown tbody tr", has_text="2006").inner_text())
    assert "2 000" in year_2006, year_2006


def test_an_editor_imports_a_wide_file_through_the_admin(page, log_in, editor, tmp_path):
    log_in("editor", "editor-pw-123")
    page.goto("/")
    before = page.locator("body").inner_text()
    bad = tmp_path / "bad.csv"
    bad.write_text(DATA_BAD)
    page.goto("/admin/funding/yearlyamount/")
    page.click("text=Import project list")
    page.set_input_files("input[type=file]", str(bad))
    page.click("input[value=Preview]")
    assert "Nothing was imported: 1 error" in page.content()
    assert 'did you mean "Norwegian Church Aid"' in page.content()
    assert page.locator("input[value='Confirm import']").count() == 0
    assert YearlyAmount.objects.count() == 0

    good = tmp_path / "good.csv"
    good.write_text(DATA_WIDE)
    page.set_input_files("input[type=file]", str(good))
    page.click("input[value=Preview]")
    assert "Preview: what the import would change" in page.content()
    assert YearlyAmount.objects.count() == 0
    page.click("input[value='Confirm import']")
    page.wait_for_load_state()
    assert YearlyAmount.objects.count() == 3
    assert sum(a.amount for a in YearlyAmount.objects.all()) == Decimal(400_000)
    page.goto("/")
    assert page.locator("body").inner_text() != before
    assert "400 000" in spaced(page.locator("body").inner_text())


@pytest.fixture
def demo(reference_data):
    call_command("load_demo")


def test_an_analyst_filters_sorts_downloads_and_sees_the_chart(page, log_in, analyst, demo):
    log_in("analyst", "analyst-pw-123")
    page.goto("/")
    page.click("a[href^='/breakdowns/channel/']")
    if page.locator("details.filter-panel").get_attribute("open") is None:
        page.click("summary")  # open unless a filter (the basis) already opened it
    page.fill("#id_year_from", "2003")
    page.fill("#id_year_to", "2007")
    page.select_option("#id_objective", "main")
    page.click("text=Apply filters")
    assert "year_from=2003" in page.url and "objective=main" in page.url
    page.click("table.breakdown thead a:has-text('Amount')")
    page.wait_for_load_state()
    rows = table_rows(page)
    amounts = [Decimal(re.sub(r"[^\d.]", "", r[1])) for r in rows]
    assert amounts in (sorted(amounts), sorted(amounts, reverse=True))
    assert len(page.locator("svg.chart rect.bar").all()) == len(rows)  # and a legend

    with page.expect_download() as download_info:
        page.click("a:has-text('CSV')")
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    downloaded = list(csv.reader(io.StringIO(content)))
    labels = [row[0] for row in rows]
    start = downloaded.index(["key", "label", "amount", "share", "agreements", "agreement_years"])
    body = downloaded[start + 1 : start + 1 + len(rows)]
    assert [row[1] for row in body] == labels
    for page_row, file_row in zip(rows, body, strict=True):
        assert Decimal(file_row[2]).quantize(Decimal(1)) == Decimal(
            re.sub(r"[^\d.]", "", page_row[1])
        )
    assert downloaded[start + 1 + len(rows)][1] == "Total"


def test_an_analyst_sees_each_published_figures_status(page, log_in, analyst, demo):
    log_in("analyst", "analyst-pw-123")
    page.click("text=Published figures")
    figures = page.locator("table.published").first  # then the closed year's tables
    statuses = figures.locator("tbody td[class^=status-]").all_inner_texts()
    assert len(statuses) == 35
    assert set(statuses) == {"matches within tolerance"}
