"""The reference tables' import and export (django-import-export) through their resources:
natural keys, all or nothing, messages that name the row and the value, history, and the
library's traps (../shared/LIBRARY-NOTES.md)."""

import pytest
import tablib

from projects.models import AdministeringUnit, Channel, ChannelCode, PartnerGroup, Recipient
from projects.resources import (
    AdministeringUnitResource,
    ChannelCodeResource,
    ChannelResource,
    PartnerGroupResource,
    RecipientResource,
)

pytestmark = pytest.mark.django_db


def dataset(headers, *rows):
    return tablib.Dataset(*rows, headers=headers)


def run(resource, data, dry_run=False):
    return resource.import_data(data, dry_run=dry_run)


def messages(result):
    """Every row error as "row N: field: message", and every file error."""
    found = [f"file: {error.error}" for error in result.base_errors]
    for row in result.invalid_rows:
        for field, errors in row.error_dict.items():
            found += [f"row {row.number}: {field}: {message}" for message in errors]
    for number, errors in result.row_errors():
        found += [f"row {number}: {error.error}" for error in errors]
    return found


def counts(result):
    return {kind: n for kind, n in result.totals.items() if n}


@pytest.mark.parametrize(
    "resource",
    [
        PartnerGroupResource,
        ChannelCodeResource,
        RecipientResource,
        ChannelResource,
        AdministeringUnitResource,
    ],
)
def test_an_export_imports_back_unchanged(resource):
    exported = resource().export()
    assert "id" not in exported.headers
    result = run(resource(), tablib.Dataset().load(exported.csv, format="csv"))
    assert messages(result) == []
    assert counts(result) == {"skip": len(exported)}


CHANNEL_HEADERS = ["Name", "Kind", "Parent", "Partner group", "OECD code", "Aliases"]


def test_other_records_are_named_by_natural_keys_so_a_file_moves_between_installations():
    PartnerGroup.objects.create(name="Test partners")
    ChannelCode.objects.create(code=99901, name="Test code")
    data = dataset(
        CHANNEL_HEADERS,
        ["Test Parent", "International NGO", "", "test partners", "99901", ""],
        ["Test Child", "local_ngo", "Test Parent", "", "", "TC; Child NGO"],
    )
    result = run(ChannelResource(), data)
    assert messages(result) == [] and counts(result) == {"new": 2}
    child = Channel.objects.get(name="Test Child")
    assert child.parent.name == "Test Parent" and child.kind == "local_ngo"
    assert child.parent.partner_group.name == "Test partners"
    assert child.parent.oecd_code_id == 99901
    assert sorted(child.aliases.values_list("name", flat=True)) == ["Child NGO", "TC"]


def test_one_bad_row_writes_nothing_and_the_message_names_row_column_and_value():
    before = list(Channel.objects.values_list("name", flat=True))
    data = dataset(
        CHANNEL_HEADERS,
        ["Fine NGO", "", "", "", "", ""],
        ["Bad NGO", "", "", "Nonexistent group", "", ""],
        ["Worse NGO", "charity", "", "", "", ""],
    )
    result = run(ChannelResource(), data)
    assert messages(result) == [
        "row 2: partner_group: Unknown partner group 'Nonexistent group'.",
        "row 3: kind: 'charity' is not one of: " + ", ".join(Channel.Kind.values) + ".",
    ]
    assert list(Channel.objects.values_list("name", flat=True)) == before


def test_a_misspelt_column_is_refused_not_ignored():
    data = dataset(["Name", "Acronymn"], ["UNICEF", "X"])
    result = run(ChannelResource(), data)
    assert messages(result) == [
        "file: Unknown column 'Acronymn': the columns are Name, Acronym, Kind, Parent, "
        "Partner group, OECD code, Website, Description, Source, Aliases."
    ]


def test_a_file_without_the_key_column_is_refused():
    result = run(AdministeringUnitResource(), dataset(["Kind"], ["embassy"]))
    assert messages(result)[0].startswith("file: The file has no column Name")


def test_a_record_listed_twice_is_refused():
    data = dataset(["Name", "Kind"], ["Test Unit", "embassy"], ["test unit", "section"])
    result = run(AdministeringUnitResource(), data)
    assert messages(result) == ["row 2: __all__: 'test unit' is also on row 1."]
    assert not AdministeringUnit.objects.filter(name__iexact="test unit").exists()


def test_an_alias_of_another_record_is_refused():
    unit = AdministeringUnit.objects.create(name="Unit A", kind="section")
    unit.aliases.create(name="The A unit")
    data = dataset(["Name", "Kind", "Aliases"], ["Unit B", "section", "The A unit"])
    result = run(AdministeringUnitResource(), data)
    assert messages(result) == ["row 1: aliases: The alias 'The A unit' already belongs to Unit A."]


def test_a_row_changing_only_its_aliases_is_not_skipped_and_leaves_history():
    unit = AdministeringUnit.objects.create(name="Unit A", kind="section")
    unit.aliases.create(name="Old name")
    data = dataset(["Name", "Kind", "Aliases"], ["Unit A", "Ministry section", "New name"])
    result = run(AdministeringUnitResource(), data)
    assert counts(result) == {"update": 1}
    assert list(unit.aliases.values_list("name", flat=True)) == ["New name"]
    assert unit.history.first().history_change_reason == "Aliases: New name"


def test_every_change_is_recorded_in_the_history():
    code = ChannelCode.objects.create(code=99902, name="Old name")
    before = code.history.count()
    data = dataset(["Code", "Name", "Parent code"], ["99902", "New name", ""])
    result = run(ChannelCodeResource(), data)
    assert counts(result) == {"update": 1}
    assert code.history.count() == before + 1
    assert code.history.first().name == "New name"


def test_a_dry_run_writes_nothing():
    data = dataset(["Name"], ["Test partners"])
    result = run(PartnerGroupResource(), data, dry_run=True)
    assert counts(result) == {"new": 1}
    assert not PartnerGroup.objects.filter(name="Test partners").exists()


def test_formulae_are_escaped_on_export_and_unescaped_on_import():
    PartnerGroup.objects.create(name="=HYPERLINK(1)")
    exported = PartnerGroupResource().export()
    assert "'=HYPERLINK(1)" in exported["Name"]
    result = run(PartnerGroupResource(), tablib.Dataset().load(exported.csv, format="csv"))
    assert "new" not in counts(result)


def test_a_country_needs_its_iso_code_and_the_message_says_so():
    data = dataset(
        ["Name", "Kind", "ISO alpha-2", "ISO alpha-3", "Region"],
        ["Testland", "Country", "", "", "Europe"],
    )
    result = run(RecipientResource(), data)
    assert "A country needs its ISO 3166 alpha-2 code." in " ".join(messages(result))
    assert not Recipient.objects.filter(name="Testland").exists()
