"""The filter "recipient has ratified instrument X (by the end of year Y)": yes, signed only
and neither split any breakdown exactly; bad values give the filter form's 400."""

from datetime import date
from decimal import Decimal

import pytest

from international.models import Instrument, InstrumentStatus
from projects.models import Recipient


@pytest.fixture
def convention(db):
    """Opened 2005; Albania signed 2005 and ratified 2006, Bosnia signed 2007, Mozambique
    nothing. (Made up for the test.)"""
    convention = Instrument.objects.create(
        short_name="Test Convention", kind="convention", opened_for_signature=date(2005, 1, 10)
    )
    for state, status, signature, ratification in [
        ("Albania", "ratified", date(2005, 6, 1), date(2006, 3, 1)),
        ("Bosnia and Herzegovina", "signed", date(2007, 5, 1), None),
    ]:
        InstrumentStatus.objects.create(
            instrument=convention, country=Recipient.objects.get(name=state), status=status,
            signature=signature, ratification=ratification,
        )  # fmt: skip
    return convention


def totals(client, query):
    response = client.get(f"/breakdowns/country/?objective=all&format=json&{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    return Decimal(data["total"]), {row["key"]: row["amount"] for row in data["rows"]}


@pytest.mark.parametrize(
    "year, expected",
    [
        (2004, {"yes": {}, "signed": {}}),
        (2005, {"yes": {}, "signed": {"AL": "1500.00"}}),
        (2006, {"yes": {"AL": "1500.00"}, "signed": {}}),
        (2007, {"yes": {"AL": "1500.00"}, "signed": {"BA": "300.01"}}),
    ],
)
def test_yes_signed_and_neither_split_the_breakdown_exactly(
    superuser_client, dataset, convention, year, expected
):
    total, _ = totals(superuser_client, "")
    parts = {}
    for answer in ("yes", "signed", "no"):
        query = f"instrument=Test+Convention&ratified={answer}&ratified_by={year}"
        parts[answer] = totals(superuser_client, query)
    assert {answer: parts[answer][1] for answer in ("yes", "signed")} == expected
    assert sum(part for part, _ in parts.values()) == total
    keys = [set(rows) for _, rows in parts.values()]
    assert set.union(*keys) == {"AL", "BA", "MZ", "Global"}
    assert sum(len(k) for k in keys) == 4  # each recipient in exactly one part


def test_without_a_year_it_takes_the_periods_last_year_then_the_records_as_they_are(
    superuser_client, dataset, convention
):
    query = "instrument=Test+Convention&ratified=signed"
    # 2007's amounts, status as of the end of 2007: Bosnia had signed
    assert totals(superuser_client, f"{query}&year_from=2007&year_to=2007")[1] == {"BA": "300.01"}
    # 2007's amounts with the status of 2006 (ratified_by wins over year_to): Bosnia had not
    by_2006 = f"{query}&year_from=2007&year_to=2007&ratified_by=2006"
    assert totals(superuser_client, by_2006)[1] == {}
    assert totals(superuser_client, query)[1] == {"BA": "300.01"}  # as recorded


def test_undated_ratifications_count_from_the_instruments_opening(superuser_client, dataset):
    # the memo lists Albania and Bosnia among CETS No. 197's ratifications, without dates
    query = "instrument=CETS+No.+197&ratified=yes"
    assert totals(superuser_client, query)[1] == {"AL": "1500.00", "BA": "300.01"}
    assert totals(superuser_client, f"{query}&ratified_by=2006")[0] == Decimal("1800.01")
    assert totals(superuser_client, f"{query}&ratified_by=2004")[0] == Decimal(
        "0.00"
    )  # opened 2005
    assert totals(superuser_client, "instrument=CETS+No.+197&ratified=no")[0] == Decimal("300.00")


@pytest.mark.parametrize(
    "query, message",
    [
        ("instrument=Nope&ratified=yes", "Select a valid choice"),
        ("instrument=Test+Convention&ratified=maybe", "Select a valid choice"),
        ("instrument=Test+Convention&ratified=yes&ratified_by=abc", "Enter a whole number"),
        ("instrument=Test+Convention&ratified=yes&ratified_by=99999", "less than or equal"),
        ("instrument=Test+Convention", "choose an instrument and whether"),
        ("ratified=yes&ratified_by=2007", "choose an instrument and whether"),
        ("instrument=OSCE+Action+Plan&ratified=yes", "Select a valid choice"),
        ("instrument=%00%3Cscript%3E&ratified=yes", "holds a control character"),
    ],
)
def test_hostile_values_give_the_forms_400(superuser_client, convention, query, message):
    response = superuser_client.get(f"/breakdowns/country/?objective=all&{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        superuser_client.get(f"/breakdowns/country/?objective=all&{query}&format=json").status_code
        == 400
    )
