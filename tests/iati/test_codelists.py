"""The vendored IATI codelists (iati/codelists/) and the check of a document's codes against them
as mapping.xml assigns them."""

from datetime import date

from funding.models import YearlyAmount
from iati.codelists import code_findings, codelist, mappings, vendored
from iati.export import export_iati
from iati.findings import ERROR, WARNING

from .conftest import document

SECTOR = '<sector code="15190" vocabulary="1"/>'


def found(*changes):
    return [(f.severity, str(f)) for f in code_findings(document(*changes))]


def test_a_codelist_gives_each_code_its_english_name_and_whether_it_is_withdrawn():
    sectors = codelist("Sector")
    migration = sectors["15190"]
    assert migration.name == (
        "Facilitation of orderly, safe, regular and responsible migration and mobility"
    )
    assert (migration.withdrawn, migration.category) == (False, "151")
    assert (sectors["15162"].name, sectors["15162"].withdrawn) == ("Human rights", True)
    assert codelist("OrganisationRole")["1"].name == "Funding"  # embedded: no status, active
    assert not any(code.withdrawn for code in codelist("OrganisationRole").values())
    assert codelist("Country")["AL"].name == "Albania"


def test_a_good_document_has_no_code_findings():
    assert found() == []


def test_an_unknown_code_is_an_error_naming_activity_place_value_and_the_nearest_code():
    assert found((SECTOR, '<sector code="15100" vocabulary="1"/>')) == [
        (
            ERROR,
            "NO-BRC-972417920-X1 “Shelter”: sector/@code 15100 is not in the IATI Sector codelist "
            "(did you mean 15110 “Public sector policy and administrative management”?)",
        )
    ]


def test_a_code_in_the_wrong_case_is_matched_to_its_code():
    ((severity, text),) = found(('default-currency="NOK"', 'default-currency="nok"'))
    assert severity == ERROR
    assert text.endswith(
        "“Shelter”: iati-activity/@default-currency nok is not in the IATI Currency codelist "
        "(did you mean NOK “Norwegian Krone”?)"
    )


def test_a_withdrawn_code_is_a_warning():
    assert found((SECTOR, '<sector code="15162" vocabulary="1"/>')) == [
        (
            WARNING,
            "NO-BRC-972417920-X1 “Shelter”: sector/@code 15162 “Human rights” is withdrawn from "
            "the IATI Sector codelist",
        )
    ]


def test_a_mapping_applies_only_where_its_condition_holds():
    # Vocabulary 99 (the reporting organisation's own codes) has no codelist.
    assert found((SECTOR, '<sector code="ANYTHING" vocabulary="99"/>')) == []
    # Vocabulary 2 takes SectorCategory, which the export never writes, so it is not vendored.
    ((severity, text),) = found((SECTOR, '<sector code="151" vocabulary="2"/>'))
    assert severity == ERROR
    assert text.endswith(
        "sector/@code 151 cannot be checked: the IATI SectorCategory codelist is not vendored "
        "in iati/codelists/ (see its README.md)"
    )


def test_a_language_is_checked_on_every_element_that_gives_one():
    narrative = "<narrative>Shelter</narrative>"
    ((severity, text),) = found((narrative, '<narrative xml:lang="xx">Shelter</narrative>'))
    assert severity == ERROR
    assert "narrative/@xml:lang xx is not in the IATI Language codelist" in text


def test_a_code_outside_any_activity_names_the_document():
    (finding,) = code_findings(document(('version="2.03"', 'version="2.99"')))
    assert finding.activity is None
    assert str(finding).startswith("iati-activities/@version 2.99 is not in the IATI Version")


def applies(mapping, value):
    return not mapping.condition or value.getparent().xpath(f"boolean({mapping.condition})")


def test_every_code_the_export_writes_is_checked_against_a_vendored_list(make_agreement):
    make_agreement(
        purpose_code="15190",
        amounts={2006: (1, "disbursed"), 2007: (2, "allocated"), 2008: (3, "planned")},
    )
    make_agreement(purpose_code="15180", recipient="Western Balkans regional")
    tree = export_iati(YearlyAmount.objects.all(), today=date(2026, 12, 1)).tree
    assert code_findings(tree) == []
    written = {m.codelist for m in mappings() if any(applies(m, v) for v in tree.xpath(m.path))}
    assert written == {
        "Version", "Currency", "Language", "OrganisationType", "OrganisationRole",
        "CRSChannelCode", "DescriptionType", "ActivityStatus", "ActivityDateType", "Country",
        "Region", "RegionVocabulary", "Sector", "SectorVocabulary", "BudgetType",
        "TransactionType",
    }  # fmt: skip
    assert all(vendored(name) for name in written)
