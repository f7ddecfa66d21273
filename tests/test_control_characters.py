"""Control characters (U+0000 to U+001F but tab, LF and CR, and U+007F) in stored text: every
XLSX download and export leaves them out (openpyxl refuses to write them: the download
answered 500), and the admin's forms and the imports refuse them in what editors type."""

import io

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from international.models import Instrument
from measures.models import Measure
from projects.models import AdministeringUnit, Channel, Project, Recipient
from projects.resources import AdministeringUnitResource

NAME = "Unit\x0bWith a vertical tab"


def xlsx_cells(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell.value for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def unit(db):
    """A name stored before the forms refused control characters (or written with SQL)."""
    return AdministeringUnit.objects.create(name=NAME, kind="section")


def test_a_reference_table_with_a_vertical_tab_downloads_as_xlsx_without_it(superuser_client, unit):
    response = superuser_client.get(reverse("reference:table", args=["units"]), {"format": "xlsx"})
    cells = xlsx_cells(response)
    assert "UnitWith a vertical tab" in cells
    assert not [c for c in cells if isinstance(c, str) and "\x0b" in c]


def test_the_admin_export_of_a_name_with_a_vertical_tab_downloads_as_xlsx_without_it(
    superuser_client, unit
):
    url = reverse("admin:projects_administeringunit_export")
    form = superuser_client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = superuser_client.post(url, data | {"format": "1", "resource": "0"})
    assert "UnitWith a vertical tab" in xlsx_cells(response)


def test_a_breakdown_and_the_project_list_export_leave_control_characters_out(
    superuser_client, make_agreement
):
    agreement = make_agreement(title="Shelter\x01 in Tirana")
    Channel.objects.filter(pk=agreement.project.channel_id).update(name="IOM\x0b\x7f")
    breakdown = superuser_client.get("/breakdowns/channel/", {"format": "xlsx"})
    assert "IOM" in xlsx_cells(breakdown)
    projects = superuser_client.get(reverse("admin:funding_yearlyamount_export_xlsx"))
    assert {"Shelter in Tirana", "IOM"} <= set(xlsx_cells(projects))


def admin_form_data(page):
    """What the admin's add page would post back: its fields and its inlines' management
    forms."""
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    return data


def test_the_admin_refuses_a_name_with_a_control_character(superuser_client, db):
    url = reverse("admin:projects_administeringunit_add")
    data = admin_form_data(superuser_client.get(url)) | {"name": "Unit\x01 A", "kind": "section"}
    page = superuser_client.post(url, data)
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert "control character U+0001" in errors["name"][0]
    assert not AdministeringUnit.objects.filter(name__startswith="Unit").exists()


@pytest.mark.parametrize(
    "model, field",
    [
        (Project, "title"),
        (Channel, "name"),
        (AdministeringUnit, "name"),
        (Recipient, "name"),
        (Measure, "title"),
        (Instrument, "title"),
    ],
)
def test_names_and_titles_with_a_control_character_do_not_validate(db, model, field):
    record = model.objects.order_by("pk").first() or model()
    setattr(record, field, "Before\x1fafter")
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "control character U+001F" in refused.value.message_dict[field][0]


@pytest.mark.parametrize("character", ["\x0b", "\x01"], ids=["vertical tab", "U+0001"])
def test_a_reference_import_refuses_a_control_character_naming_row_and_column(db, character):
    dataset = tablib.Dataset(
        ["Unit Fine", "section", ""],
        ["Unit Fine too", "section", f"Alias{character}B"],
        headers=["Name", "Kind", "Aliases"],
    )
    result = AdministeringUnitResource().import_data(dataset, dry_run=False)
    assert result.has_errors()
    message = str(result.base_errors[0].error)
    assert "Row 2, column Aliases" in message
    assert f"U+{ord(character):04X}" in message
    assert not AdministeringUnit.objects.filter(name__startswith="Unit Fine").exists()
