"""Each mapping rule of docs/iati.md on a small case, through the export the page and the
command share."""

from datetime import date

import pytest
from django.http import QueryDict

from breakdowns.filters import funding_filter
from funding.models import YearlyAmount
from iati.export import export_iati
from iati.reference import NotConfigured
from projects.models import Channel

from .conftest import MINISTRY, parse

TODAY = date(2026, 12, 1)


def export(**kwargs):
    result = export_iati(YearlyAmount.objects.all(), validate=True, today=TODAY, **kwargs)
    return result, parse(result.xml())


def only_activity(root):
    (activity,) = root.findall("iati-activity")
    return activity


def test_it_writes_one_valid_activity_per_agreement(make_agreement):
    make_agreement(title="One", purpose_code="15190")
    make_agreement(title="Two", purpose_code="15180", amounts={2006: 5, 2007: 6})
    result, root = export()
    assert result.problems == []
    assert root.get("version") == "2.03"
    assert [a.findtext("title/narrative") for a in root.iter("iati-activity")] == ["One", "Two"]


def test_the_identifier_is_the_reporting_org_and_the_agreement_number(make_agreement):
    make_agreement(title="A", number="ALB-07-0012", purpose_code="15190")
    unnumbered = make_agreement(title="B", purpose_code="15190")
    result, root = export()
    identifiers = [a.findtext("iati-identifier") for a in root.iter("iati-activity")]
    assert identifiers == [f"{MINISTRY}-ALB-07-0012", f"{MINISTRY}-agreement-{unnumbered.pk}"]
    assert result.problems == []


def test_an_agreement_number_iati_cannot_take_is_reported(make_agreement):
    make_agreement(title="A", number="ALB 07/12", purpose_code="15190")
    result = export()[0]
    (problem,) = result.problems
    assert problem.startswith(f"{MINISTRY}-ALB 07/12 “A”: the identifier contains a space")
    (warning,) = result.warnings  # the ruleset's 1.3.13 is a warning
    assert warning.startswith(f"{MINISTRY}-ALB 07/12 “A”: The iati-identifier must not contain")


def test_the_export_refuses_without_a_reporting_org(settings, make_agreement):
    settings.IATI_REPORTING_ORG_REF = ""
    make_agreement(purpose_code="15190")
    with pytest.raises(NotConfigured, match="IATI_REPORTING_ORG_REF"):
        export()


def test_it_names_the_funding_extending_and_implementing_organisations(make_agreement):
    make_agreement(purpose_code="15190", unit="Embassy in Skopje")
    activity = only_activity(export()[1])
    reporting = activity.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == (MINISTRY, "10")
    orgs = {o.get("role"): o for o in activity.findall("participating-org")}
    assert orgs["1"].get("ref") == MINISTRY
    assert orgs["3"].findtext("narrative") == "Embassy in Skopje"
    iom = Channel.objects.get(name="International Organization for Migration")
    assert orgs["4"].findtext("narrative") == str(iom)
    assert orgs["4"].get("crs-channel-code") == str(iom.oecd_code_id)
    assert orgs["4"].get("type") == "40"


def test_a_channel_without_an_oecd_code_has_no_crs_channel_code(make_agreement):
    channel = Channel.objects.create(name="Small local NGO", kind="local_ngo")
    make_agreement(purpose_code="15190", channel=channel.name)
    implementing = only_activity(export()[1]).find("participating-org[@role='4']")
    assert implementing.get("crs-channel-code") is None
    assert implementing.get("type") == "24"


@pytest.mark.parametrize(
    ("years", "status"),
    [((2006, 2008), "4"), ((2025, 2027), "2"), ((2027, 2028), "1"), ((2026, 2026), "2")],
)
def test_the_status_and_dates_follow_the_agreements_years(make_agreement, years, status):
    first, last = years
    make_agreement(purpose_code="15190", amounts={first: (10, "planned"), last: (20, "planned")})
    activity = only_activity(export()[1])
    assert activity.find("activity-status").get("code") == status
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"1": f"{first}-01-01", "3": f"{last}-12-31"}


def test_a_country_recipient_is_its_iso_code(make_agreement):
    make_agreement(purpose_code="15190", recipient="Albania")
    activity = only_activity(export()[1])
    assert activity.find("recipient-country").get("code") == "AL"
    assert activity.find("recipient-region") is None


@pytest.mark.parametrize(
    ("recipient", "code"),
    [("Western Balkans regional", "89"), ("Mekong regional", "789"), ("Global", "998"),
     ("Southern Africa regional", "1029")],
)  # fmt: skip
def test_a_regional_recipient_is_its_dac_region(make_agreement, recipient, code):
    make_agreement(purpose_code="15190", recipient=recipient)
    region = only_activity(export()[1]).find("recipient-region")
    assert (region.get("code"), region.get("vocabulary")) == (code, "1")


def test_the_sector_is_the_projects_purpose_code(make_agreement):
    make_agreement(purpose_code="15180")
    sector = only_activity(export()[1]).find("sector")
    assert (sector.get("code"), sector.get("vocabulary")) == ("15180", "1")


def test_a_project_without_a_purpose_code_is_reported_with_its_agreement(make_agreement):
    make_agreement(title="Shelter in Tirana", number="ALB-0042", purpose_code="15190")
    make_agreement(title="Hotline in Skopje", number="MKD-0007", recipient="North Macedonia")
    result, root = export()
    assert len(list(root.iter("iati-activity"))) == 2  # still exported, but reported
    named = f"{MINISTRY}-MKD-0007 “Hotline in Skopje”: "
    assert all(problem.startswith(named) for problem in result.problems)
    assert "(IATI rule 6.2.2, atleast_one: none found); give the agreement's project a DAC " \
        "purpose code" in result.problems[0]  # fmt: skip
    assert "(IATI rule 6.7.2, one_or_all:" in result.problems[1]
    assert len(result.problems) == 2


def test_money_is_transactions_and_planned_disbursements_in_nok(make_agreement):
    make_agreement(
        purpose_code="15190",
        amounts={2006: (100, "disbursed"), 2007: (200, "allocated"), 2008: (300, "planned")},
    )
    activity = only_activity(export()[1])
    assert activity.get("default-currency") == "NOK"
    transactions = [
        (t.find("transaction-type").get("code"), t.find("transaction-date").get("iso-date"),
         t.findtext("value"))
        for t in activity.findall("transaction")
    ]  # fmt: skip
    assert transactions == [("3", "2006-12-31", "100.00"), ("2", "2007-01-01", "200.00")]
    planned = activity.find("planned-disbursement")
    assert planned.find("period-start").get("iso-date") == "2008-01-01"
    assert planned.find("period-end").get("iso-date") == "2008-12-31"
    assert planned.find("value").get("currency") == "NOK"
    assert planned.findtext("value") == "300.00"


def test_a_disbursement_of_this_year_is_dated_today_not_in_the_future(make_agreement):
    make_agreement(purpose_code="15190", amounts={2026: (100, "disbursed")})
    result, root = export()
    when = only_activity(root).find("transaction/transaction-date").get("iso-date")
    assert when == TODAY.isoformat()
    assert result.problems == []


def test_money_of_a_year_not_begun_is_reported_as_a_future_transaction(make_agreement):
    later = make_agreement(title="Later", purpose_code="15190", amounts={2027: (1, "allocated")})
    result, _ = export()
    named = f"{MINISTRY}-agreement-{later.pk} “Later”: "
    assert result.problems == [
        f"{named}The transaction date must not be in the future. (IATI rule 11.2.1, date_order: "
        "2027-01-01 is after today (2026-12-01)); an amount allocated or disbursed in a year not "
        "begun: correct it",
        f"{named}The transaction value date must not be in the future. (IATI rule 11.2.2, "
        "date_order: 2027-01-01 is after today (2026-12-01))",
    ]


@pytest.mark.parametrize(
    ("objective", "words"), [("main", "is the main objective"), ("subsidiary", "subsidiary")]
)
def test_the_objective_is_a_description_as_iati_has_no_trafficking_marker(
    make_agreement, objective, words
):
    make_agreement(purpose_code="15190", objective=objective, description="Shelters.")
    activity = only_activity(export()[1])
    descriptions = {d.get("type"): d.findtext("narrative") for d in activity.findall("description")}
    assert descriptions["1"] == "Shelters."
    assert words in descriptions["2"]
    assert activity.find("policy-marker") is None


def test_titles_are_escaped_and_control_characters_dropped(make_agreement):
    make_agreement(title='Shelters <&> "safe" \x01houses\x1f', purpose_code="15190")
    result, root = export()
    assert b"&lt;&amp;&gt;" in result.xml()
    assert only_activity(root).findtext("title/narrative") == 'Shelters <&> "safe" houses'
    assert result.problems == []


def test_filters_choose_the_agreements_and_their_amounts(make_agreement):
    make_agreement(title="Old", purpose_code="15190", amounts={2005: 1, 2007: 2})
    make_agreement(title="Older", purpose_code="15190", amounts={2005: 3})
    f = funding_filter(QueryDict("year_from=2007"))
    assert f.is_valid()
    root = parse(export_iati(f.amounts(), today=TODAY).xml())
    activity = only_activity(root)
    assert activity.findtext("title/narrative") == "Old"
    assert [t.findtext("value") for t in activity.findall("transaction")] == ["2.00"]
