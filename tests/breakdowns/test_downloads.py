"""CSV, XLSX and JSON carry exactly the rows, filters and totals of the HTML table."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from breakdowns.dimensions import DIMENSIONS

FILTERS = "year_from=2006&objective=main"


def html_rows(page):
    """(label, amount) of every body and footer row of the page's table."""
    table = page[page.index('<table class="breakdown"') :]
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td class=\"num\">(.*?)</td>", table, re.S
    )
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), amount.replace("\u202f", ""))
        for label, amount in rows
    ]


def whole(amount):
    """As the page writes an amount: whole kroner unless the øre are not zero."""
    amount = Decimal(amount)
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


def csv_table(content):
    lines = list(csv.reader(io.StringIO(content.decode())))
    start = lines.index(["key", "label", "amount", "share", "agreements", "agreement_years"])
    return lines[:start], lines[start + 1 :]


@pytest.mark.parametrize("slug", ["region", "country", "measure", "year"])
def test_downloads_hold_the_rows_and_totals_of_the_page(superuser_client, dataset, slug):
    page = superuser_client.get(f"/breakdowns/{slug}/?{FILTERS}").content.decode()
    shown = html_rows(page)
    preamble, rows = csv_table(
        superuser_client.get(f"/breakdowns/{slug}/?{FILTERS}&format=csv").content
    )
    assert ["filters", FILTERS] in preamble
    assert [(row[1], whole(row[2])) for row in rows] == shown
    data = superuser_client.get(f"/breakdowns/{slug}/?{FILTERS}&format=json").json()
    assert data["filters"] == {"year_from": "2006", "objective": "main"}
    body = [(row["label"], whole(row["amount"])) for row in data["rows"]]
    assert body == shown[: len(body)] and shown[-1] == ("Total", whole(data["total"]))
    response = superuser_client.get(f"/breakdowns/{slug}/?{FILTERS}&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    start = values.index(("key", "label", "amount", "share", "agreements", "agreement_years"))
    xlsx = [(row[1], whole(row[2])) for row in values[start + 1 :]]
    assert xlsx == shown
    assert all(isinstance(row[2], int | float) for row in values[start + 1 :])


def test_the_json_document_has_the_agreed_shape(superuser_client, dataset):
    data = superuser_client.get("/breakdowns/country/?objective=all&format=json").json()
    assert {"dimension", "filters", "basis", "total", "rows"} <= set(data)
    row = data["rows"][0]
    assert set(row) == {"key", "label", "amount", "share", "agreements", "agreement_years"}
    assert row == {
        "key": "AL",
        "label": "Albania",
        "amount": "1500.00",
        "share": "0.7500",
        "agreements": 1,
        "agreement_years": 2,
    }


def test_the_by_year_matrix_downloads_with_its_totals(superuser_client, dataset):
    content = superuser_client.get(
        "/breakdowns/unit/?objective=all&by=year&format=csv"
    ).content.decode()
    lines = list(csv.reader(io.StringIO(content)))
    assert ["key", "label", "2006", "2007", "2008", "total"] in lines
    assert lines[-1] == ["", "Total", "1000.00", "900.01", "200.00", "2100.01"]


def test_spreadsheet_cells_that_look_like_formulas_are_escaped(superuser_client, make_agreement):
    from projects.models import AdministeringUnit

    AdministeringUnit.objects.create(name="=HYPERLINK(1)", kind="other")
    make_agreement({2007: 5}, unit="=HYPERLINK(1)")
    content = superuser_client.get("/breakdowns/unit/?objective=all&format=csv").content.decode()
    assert "'=HYPERLINK(1)" in content
    response = superuser_client.get("/breakdowns/unit/?objective=all&format=xlsx")
    cells = [
        cell for row in load_workbook(io.BytesIO(response.content)).active.values for cell in row
    ]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells


def test_the_breakdown_command_prints_the_same_data(dataset):
    out = io.StringIO()
    call_command(
        "breakdown",
        "region",
        "--objective",
        "main",
        "--year-from",
        "2006",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert {row["key"]: row["amount"] for row in data["rows"]} == {
        "Europe": "1800.01",
        "Not geographically allocated": "100.00",
    }
    out = io.StringIO()
    statuses = ["--status", "planned", "--status", "disbursed"]
    call_command("breakdown", "year", *statuses, "--objective", "all", stdout=out)
    assert "2008" in out.getvalue() and "300.00" in out.getvalue()
    out = io.StringIO()
    call_command(
        "breakdown", "region", "--by-year", "--objective", "all", "--format", "csv", stdout=out
    )
    assert out.getvalue().strip().endswith(",Total,1000.00,900.01,200.00,2100.01")
    out = io.StringIO()
    call_command("breakdown", "region", "--by-year", "--format", "csv", stdout=out)  # main only
    assert out.getvalue().strip().endswith(",Total,1000.00,900.01,1900.01")


@pytest.mark.parametrize("slug", list(DIMENSIONS))
@pytest.mark.parametrize("by_year", [False, True])
def test_the_command_prints_what_the_page_shows_without_filters(
    superuser_client, dataset, slug, by_year
):
    """Same defaults everywhere: the command, like the page and its downloads, opens on direct
    funding (the main objective)."""
    out = io.StringIO()
    call_command(
        "breakdown", slug, "--format", "json", *(["--by-year"] if by_year else []), stdout=out
    )
    page = superuser_client.get(
        f"/breakdowns/{slug}/", {"format": "json", **({"by": "year"} if by_year else {})}
    )
    assert json.loads(out.getvalue()) == json.loads(page.content)
    assert json.loads(out.getvalue())["filters"]["objective"] == "main"


def test_the_breakdown_command_rejects_bad_filters(dataset):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="comes after"):
        call_command("breakdown", "region", "--year-from", "2009", "--year-to", "2001")
