"""Validation as a whole (iati/rules.py): the schema, the codelists and the ruleset, each finding
by activity, errors failing and warnings listed; and the one rule of ours."""

from datetime import date

from lxml import etree

from iati.findings import ERROR, WARNING
from iati.rules import findings, problems, serialised, warnings

from .conftest import ACTIVITY, document

TODAY = date(2026, 12, 1)
NAMED = "NO-BRC-972417920-X1 “Shelter”: "
SECTOR = '<sector code="15190" vocabulary="1"/>'
START = '<activity-date type="1" iso-date="2007-01-01"/>'
END = '<activity-date type="3" iso-date="2008-12-31"/>'


def two_activities():
    """The good activity, then a second one (X2 “Hotline”) with no dates and a code Sector
    does not have."""
    first = ACTIVITY[ACTIVITY.index("<iati-activity ") : ACTIVITY.index("</iati-activities>")]
    second = first.replace("X1", "X2").replace("Shelter<", "Hotline<")
    second = second.replace(START, "").replace(END, "")
    second = second.replace(SECTOR, '<sector code="15100" vocabulary="1"/>')
    text = ACTIVITY.replace("</iati-activities>", f"{second}</iati-activities>")
    return etree.ElementTree(etree.fromstring(text))


def test_a_good_activity_has_no_findings():
    assert findings(document(), TODAY) == []


def test_each_failure_names_its_activity_and_they_come_by_activity():
    found = [(f.severity, str(f)) for f in findings(two_activities(), TODAY)]
    hotline = "NO-BRC-972417920-X2 “Hotline”: "
    assert [severity for severity, _ in found] == [ERROR] * 3
    assert all(text.startswith(hotline) for _, text in found)
    schema, code, rule = (text.removeprefix(hotline) for _, text in found)
    assert schema.startswith("Schema, line ")
    assert code.startswith("sector/@code 15100 is not in the IATI Sector codelist (did you mean")
    assert rule == (
        "The activity must have a planned start date or an actual start date. "
        "(IATI rule 6.11.1, atleast_one: none found)"
    )


def test_a_schema_error_names_its_line_in_the_file_as_written():
    tree = document((START, ""), (END, ""))  # the schema wants an activity-date
    (finding,) = [f for f in findings(tree, TODAY) if "Schema" in f.text]
    lines = serialised(tree).decode().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "<recipient-country" in text)
    assert str(finding).startswith(f"{NAMED}Schema, line {line}: Element 'recipient-country'")


def test_a_warning_is_listed_but_does_not_fail():
    tree = document((SECTOR, '<sector code="15162" vocabulary="1"/>'))
    assert problems(tree, TODAY) == []
    assert warnings(tree, TODAY) == [
        f"{NAMED}sector/@code 15162 “Human rights” is withdrawn from the IATI Sector codelist"
    ]


def test_a_missing_sector_says_where_to_give_the_purpose_code():
    (first, second) = problems(document((SECTOR, "")), TODAY)
    assert first == (
        f"{NAMED}Each activity must have a specified sector, either at activity level OR for all "
        "transactions. (IATI rule 6.2.2, atleast_one: none found); give the agreement's project "
        "a DAC purpose code (admin › Projects), e.g. 15190 or 15180"
    )
    assert "(IATI rule 6.7.2, one_or_all:" in second


def test_an_identifier_with_a_space_inside_is_an_error_of_ours():
    identifier = "<iati-identifier>NO-BRC-972417920-X1</iati-identifier>"
    spaced = "<iati-identifier>NO-BRC-972417920-X 1</iati-identifier>"
    found = findings(document((identifier, spaced)), TODAY)
    assert [(f.severity, f.rule, f.text) for f in found] == [
        (
            ERROR,
            "",
            "the identifier contains a space, which an IATI identifier cannot hold; change the "
            "agreement number",
        )
    ]


def test_a_slash_in_an_identifier_is_the_rulesets_warning_only():
    identifier = "<iati-identifier>NO-BRC-972417920-X1</iati-identifier>"
    found = findings(document((identifier, identifier.replace("X1", "X/1"))), TODAY)
    assert [(f.severity, f.rule) for f in found] == [(WARNING, "1.3.13")]
