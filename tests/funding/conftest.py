"""A small hand-built dataset whose breakdowns are computed by hand in the tests."""

import pytest


@pytest.fixture
def dataset(make_agreement):
    """Four agreements, NOK 2 100.01 in all:

    A  IOM → Albania (Europe), main, measure 1, West Balkans Section: 2006 1000.00, 2007 500.00
    B  UNICEF → Bosnia and Herzegovina (Europe), main, measures 1 and 2 at 50 % each,
       Section for Human Rights and Democracy: 2007 300.01
    C  Save the Children Norway → Mozambique (Africa), subsidiary, no measure,
       Embassy in Maputo: 2008 200.00 planned
    D  Norwegian Church Aid → Global (not geographically allocated), main, measure 3,
       West Balkans Section: 2007 100.00 disbursed
    """
    return {
        "A": make_agreement(
            {2006: "1000.00", 2007: "500.00"},
            title="A",
            channel="International Organization for Migration",
            recipient="Albania",
            number="A-1",
        ),
        "B": make_agreement(
            {2007: "300.01"},
            unit="Section for Human Rights and Democracy",
            title="B",
            channel="United Nations Children's Fund",
            recipient="Bosnia and Herzegovina",
            measures=((1, 50), (2, 50)),
        ),
        "C": make_agreement(
            {2008: ("200.00", "planned")},
            unit="Embassy in Maputo",
            title="C",
            channel="Save the Children Norway",
            recipient="Mozambique",
            objective="subsidiary",
            measures=(),
        ),
        "D": make_agreement(
            {2007: ("100.00", "disbursed")},
            title="D",
            channel="Norwegian Church Aid",
            recipient="Global",
            measures=((3, 100),),
        ),
    }
