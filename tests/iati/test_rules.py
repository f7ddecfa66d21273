"""The rules the schema cannot express (iati/schema/README.md), on hand-written documents."""

from datetime import date

from lxml import etree

from iati.rules import problems

TODAY = date(2026, 12, 1)
ACTIVITY = """<iati-activity default-currency="NOK" xml:lang="en">
  <iati-identifier>NO-BRC-972417920-X1</iati-identifier>
  <reporting-org ref="NO-BRC-972417920" type="10"><narrative>MFA</narrative></reporting-org>
  <title><narrative>Shelter</narrative></title>
  <description type="1"><narrative>Shelters.</narrative></description>
  <participating-org role="1" ref="NO-BRC-972417920"><narrative>MFA</narrative></participating-org>
  <activity-status code="2"/>
  {dates}
  {places}
  {sectors}
  <transaction>
    <transaction-type code="3"/>
    <transaction-date iso-date="{paid}"/>
    <value value-date="{paid}">10</value>
  </transaction>
</iati-activity>"""
GOOD = {
    "dates": '<activity-date type="1" iso-date="2007-01-01"/>',
    "places": '<recipient-country code="AL"/>',
    "sectors": '<sector code="15190" vocabulary="1"/>',
    "paid": "2007-12-31",
}


def check(**changes):
    activity = ACTIVITY.format(**{**GOOD, **changes})
    document = f'<iati-activities version="2.03">{activity}</iati-activities>'
    return problems(etree.ElementTree(etree.fromstring(document)), TODAY)


def test_a_good_activity_has_no_problems():
    assert check() == []


def test_an_activity_needs_a_start_date():
    found = check(dates='<activity-date type="3" iso-date="2009-12-31"/>')
    assert found == ["NO-BRC-972417920-X1 “Shelter”: no start date (activity-date of type 1 or 2)"]


def test_an_activity_needs_sectors():
    (found,) = check(sectors="")
    assert "no sector" in found


def test_recipient_percentages_add_up_to_100():
    places = '<recipient-country code="AL" percentage="60"/><recipient-country code="MK" ' \
        'percentage="30"/>'  # fmt: skip
    (found,) = check(places=places)
    assert "percentages of the recipient countries and regions add up to 90, not 100" in found


def test_sector_percentages_add_up_to_100_per_vocabulary():
    sectors = '<sector code="15190" percentage="50"/><sector code="15180" percentage="50"/>'
    assert check(sectors=sectors) == []
    sectors = '<sector code="15190" percentage="50"/><sector code="15180" percentage="40"/>'
    (found,) = check(sectors=sectors)
    assert "add up to 90, not 100" in found


def test_no_transaction_is_dated_in_the_future():
    (found,) = check(paid="2026-12-02")
    assert found.endswith("a transaction dated 2026-12-02, in the future")


def test_schema_errors_are_reported_with_their_line():
    found = check(dates="")  # activity-date is required by the schema too
    assert any(p.startswith("Schema, line ") and "activity-date" in p for p in found)
