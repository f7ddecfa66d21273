"""The server-drawn SVG charts in Norwegian, the site's default: their geometry is written in
plain digits with a decimal point (an SVG length cannot be "180,0"), while the figures people
read (table cells, the charts' labels and tooltips) keep the decimal comma and spaced thousands."""

import re
import xml.etree.ElementTree as ET

import pytest

from projects.models import Channel

NNBSP = "\u202f"
SVG = "{http://www.w3.org/2000/svg}"
NUMBERS = {"x", "y", "width", "height", "font-size", "cx", "cy", "r", "x1", "x2", "y1", "y2"}
NUMBER_LISTS = {"viewBox", "points"}
PLAIN = re.compile(r"-?\d+(\.\d+)?")  # what SVG reads: no comma, no spaced thousands


@pytest.fixture
def funding(make_agreement):
    """Uneven amounts, so that the bars' lengths and the stacks' heights have decimals."""
    make_agreement({2006: "1234567", 2007: "765432"}, recipient="Albania", number="AL-1")
    make_agreement({2007: "345678"}, recipient="Mozambique", number="MZ-1")
    make_agreement({2008: "98765"}, recipient="Global", number="GL-1")


def charts(page):
    """Each <svg> on the page, parsed as XML."""
    found = re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)
    assert found, "no chart on the page"
    return [ET.fromstring(svg) for svg in found]


def assert_plain_geometry(page):
    """Every numeric attribute of every chart is a plain number SVG can read; returns the charts."""
    parsed = charts(page)
    for svg in parsed:
        shapes = 0
        for element in svg.iter():
            for name, value in element.attrib.items():
                if name in NUMBERS or name in NUMBER_LISTS:
                    values = value.split(" ") if name in NUMBER_LISTS else [value]
                    assert all(PLAIN.fullmatch(number) for number in values), (name, value)
            shapes += element.tag == f"{SVG}rect"
        assert shapes, "a chart without bars"
    return parsed


def titles(svg):
    return [title.text for title in svg.iter(f"{SVG}title")]


def get(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="nb">' in page
    return page


def test_the_bars_of_a_breakdown_draw_in_norwegian(superuser_client, funding):
    page = get(superuser_client, "/breakdowns/region/?objective=all")
    (svg,) = assert_plain_geometry(page)
    assert 'width="420.0"' in page  # the longest bar, not "420,0"
    assert f'<td class="num">1{NNBSP}999{NNBSP}999</td>' in page  # Europe's amount
    assert "Europa: NOK 2,0 mill." in titles(svg)  # the tooltip, label and name in Norwegian
    assert "2,0 mill." in [text.text for text in svg.iter(f"{SVG}text")]


def test_the_stacked_bars_by_year_draw_in_norwegian(superuser_client, funding):
    page = get(superuser_client, "/breakdowns/region/?objective=all&by=year")
    (svg,) = assert_plain_geometry(page)
    assert (
        'x="88.0"' in page
    )  # the first year's label, centred under its column (right of the axis)
    assert f'<td class="num">1{NNBSP}234{NNBSP}567</td>' in page  # Europe in 2006
    assert "Europa, 2006: 1,2 mill." in titles(svg)


def test_the_measure_pages_chart_draws_in_norwegian(superuser_client, funding):
    page = get(superuser_client, "/measures/2006-2009/1/")
    (svg,) = assert_plain_geometry(page)
    assert "2006: NOK 1,2 mill." in titles(svg)
    assert f'<td class="num">1{NNBSP}234{NNBSP}567</td>' in page


def test_the_organisation_pages_chart_draws_in_norwegian(superuser_client, funding):
    iom = Channel.objects.get(name="International Organization for Migration")
    page = get(superuser_client, f"/organisations/{iom.pk}/")
    (svg,) = assert_plain_geometry(page)
    assert "2007: NOK 1,1 mill." in titles(svg)


def test_the_overviews_chart_draws_in_norwegian(superuser_client, funding):
    page = get(superuser_client, "/?objective=all")
    (svg,) = assert_plain_geometry(page)
    assert "Europa: NOK 2,0 mill." in titles(svg)


def test_the_bar_chart_has_an_axis_a_legend_and_its_values_in_the_text_alternative(
    superuser_client, funding
):
    page = superuser_client.get("/breakdowns/region/?objective=all").content.decode()
    (svg,) = charts(page)
    assert svg.get("aria-describedby") == "breakdown-table-chart-values breakdown-table-caption"
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == "breakdown-table-chart-values"
    assert "Europe: 2.0 M" in desc.text and "Africa: 0.3 M" in desc.text
    axis = [text.text for text in svg.find(f"{SVG}g[@class='axis']").iter(f"{SVG}text")]
    assert axis == ["0.0 M", "0.5 M", "1.0 M", "1.5 M"]  # round steps up to the largest bar
    assert "Amount, NOK million" in [text.text for text in svg.iter(f"{SVG}text")]


def test_the_stacked_chart_has_an_axis_a_legend_and_each_years_total_in_words(
    superuser_client, funding
):
    page = superuser_client.get("/breakdowns/region/?objective=all&by=year").content.decode()
    (svg,) = charts(page)
    desc = svg.find(f"{SVG}desc").text
    assert desc == "Totals by year (NOK million): 2006: 1.2 M; 2007: 1.1 M; 2008: 0.1 M."
    axis = [text.text for text in svg.find(f"{SVG}g[@class='axis']").iter(f"{SVG}text")]
    assert axis[0] == "0.0 M" and len(axis) >= 3
    legend = [text.text for text in svg.iter(f"{SVG}text")]
    assert "Europe" in legend and "Africa" in legend  # the legend names each colour's row
    assert "Europe, 2006: 1.2 M" in titles(svg)  # each segment's value on hover
