"""Dates that cannot be, a state listed twice, an instrument supplementing itself: refused by the
database, and explained by clean()."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from international.models import Instrument, InstrumentStatus
from projects.models import Recipient


@pytest.fixture
def cets(db):
    return Instrument.objects.get(short_name="CETS No. 197")


def status(instrument, country="Albania", **fields):
    return InstrumentStatus(
        instrument=instrument, country=Recipient.objects.get(name=country), **fields
    )


def refused_by_the_database(instance):
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


def messages(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"signature": date(2006, 5, 16), "ratification": date(2006, 1, 2)},
            "ratification",
            "The ratification (2 January 2006) cannot come before the signature (16 May 2006).",
        ),
        (
            {"ratification": date(2008, 3, 1), "entry_into_force": date(2008, 2, 1)},
            "entry_into_force",
            "The entry into force (1 February 2008) cannot come before the ratification "
            "(1 March 2008).",
        ),
        (
            {"signature": date(2008, 3, 1), "entry_into_force": date(2008, 2, 1)},
            "entry_into_force",
            "The entry into force (1 February 2008) cannot come before the signature "
            "(1 March 2008).",
        ),
    ],
)
def test_a_state_cannot_ratify_before_signing_nor_be_bound_before_ratifying(
    cets, fields, field, message
):
    InstrumentStatus.objects.filter(instrument=cets, country__name="Germany").delete()
    wrong = status(cets, "Germany", status="ratified", **fields)
    assert messages(wrong)[field] == [message]
    refused_by_the_database(wrong)


def test_a_state_that_only_signed_has_no_ratification(cets):
    InstrumentStatus.objects.filter(instrument=cets, country__name="Germany").delete()
    wrong = status(cets, "Germany", status="signed", ratification=date(2009, 1, 1))
    assert messages(wrong)["status"] == [
        "A state with a ratification or an entry into force has ratified, not only signed."
    ]
    refused_by_the_database(wrong)


def test_a_state_is_listed_once_per_instrument(cets):
    twice = status(cets, "Albania", status="ratified")
    assert "State" in str(messages(twice))
    refused_by_the_database(twice)
    other = Instrument.objects.get(short_name="Palermo Protocol")
    status(other, "Albania", status="ratified").save()


def test_a_regional_recipient_is_not_a_state(cets):
    regional = status(cets, "Western Balkans regional", status="signed")
    assert (
        "Western Balkans regional is not a state (it is a regional recipient)."
        in (messages(regional)["country"])
    )


def test_a_state_cannot_sign_before_the_instrument_opens_nor_be_bound_before_it_is_in_force(
    cets,
):
    InstrumentStatus.objects.filter(instrument=cets, country__name="Germany").delete()
    early = status(
        cets,
        "Germany",
        status="ratified",
        signature=date(2005, 5, 1),
        entry_into_force=date(2008, 1, 1),
    )
    errors = messages(early)
    assert errors["signature"] == [
        "The signature (1 May 2005) cannot come before the instrument was opened for "
        "signature or adopted (16 May 2005)."
    ]
    assert errors["entry_into_force"] == [
        "The entry into force for the state (1 January 2008) cannot come before the "
        "instrument's own (1 February 2008)."
    ]


def test_an_instrument_cannot_open_for_signature_before_its_adoption(cets):
    cets.opened_for_signature = date(2005, 5, 1)
    assert messages(cets)["opened_for_signature"] == [
        "The opening for signature (1 May 2005) cannot come before the adoption (3 May 2005)."
    ]
    refused_by_the_database(cets)


def test_an_instrument_cannot_supplement_itself(db):
    untoc = Instrument.objects.get(short_name="UNTOC")
    untoc.parent = Instrument.objects.get(short_name="Palermo Protocol")
    assert messages(untoc)["parent"] == [
        "An instrument cannot supplement itself: UNTOC → Palermo Protocol → UNTOC."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Instrument.objects.filter(pk=untoc.pk).update(parent=untoc)


def test_the_database_refuses_an_unknown_kind_or_status(cets):
    cets.kind = "treaty"
    refused_by_the_database(cets)
    InstrumentStatus.objects.filter(instrument=cets, country__name="Germany").delete()
    refused_by_the_database(status(cets, "Germany", status="pending"))


def test_states_sign_and_ratify_only_conventions_and_protocols(db):
    resolution = Instrument.objects.get(short_name="PACE Resolution 1702 (2010)")
    assert messages(status(resolution, status="signed"))["instrument"] == [
        "States sign and ratify conventions and protocols; PACE Resolution 1702 (2010) is a "
        "resolution."
    ]
