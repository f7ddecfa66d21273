from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.models import YearlyAmount
from measures.models import Measure, Plan
from projects.models import AdministeringUnit, Agreement, ProjectMeasure, Recipient, Region


def integrity_error(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_the_database_refuses_an_agreement_ending_before_it_starts(make_project):
    project = make_project()
    unit = AdministeringUnit.objects.first()
    integrity_error(
        lambda: Agreement.objects.create(
            project=project, unit=unit, first_year=2008, last_year=2007
        )
    )


def test_clean_explains_an_agreement_ending_before_it_starts(make_project):
    agreement = Agreement(
        project=make_project(),
        unit=AdministeringUnit.objects.first(),
        first_year=2008,
        last_year=2007,
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["last_year"] == [
        "The last year (2007) cannot come before the first year (2008)."
    ]


def test_clean_refuses_implausible_years(make_project):
    agreement = Agreement(
        project=make_project(),
        unit=AdministeringUnit.objects.first(),
        first_year=207,
        last_year=2007,
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "207 is not a plausible year (1990–2100)." in error.value.message_dict["first_year"]


def test_agreement_numbers_are_unique_when_given(make_agreement):
    make_agreement(number="GLO-07/001", title="One")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agreement(number="GLO-07/001", title="Two")
    make_agreement(number=None, title="Three")
    make_agreement(number=None, title="Four")
    assert Agreement.objects.filter(number__isnull=True).count() == 2


def test_clean_turns_a_blank_agreement_number_into_none(make_project):
    agreement = Agreement(
        project=make_project(),
        unit=AdministeringUnit.objects.first(),
        number="  ",
        first_year=2007,
        last_year=2007,
    )
    agreement.full_clean()
    assert agreement.number is None


def test_the_same_project_and_unit_make_one_agreement(make_agreement):
    agreement = make_agreement()
    integrity_error(
        lambda: Agreement.objects.create(
            project=agreement.project, unit=agreement.unit, first_year=2009, last_year=2009
        )
    )


def test_the_database_refuses_negative_amounts(make_agreement):
    agreement = make_agreement()
    integrity_error(
        lambda: YearlyAmount.objects.create(agreement=agreement, year=2008, amount=Decimal(-1))
    )


def test_clean_explains_a_negative_amount(make_agreement):
    amount = YearlyAmount(agreement=make_agreement(), year=2007, amount=Decimal("-5"))
    with pytest.raises(ValidationError) as error:
        amount.full_clean(validate_constraints=False, validate_unique=False)
    assert "An amount cannot be negative (NOK -5)." in error.value.message_dict["amount"]


def test_clean_refuses_a_year_outside_the_agreements_period(make_agreement):
    agreement = make_agreement(amounts={2006: 10, 2007: 10})
    amount = YearlyAmount(agreement=agreement, year=2009, amount=Decimal(1))
    with pytest.raises(ValidationError) as error:
        amount.full_clean()
    assert error.value.message_dict["year"] == [
        "2009 lies outside the agreement's period (2006–2007); extend the period first."
    ]


def test_one_amount_per_agreement_and_year(make_agreement):
    agreement = make_agreement(amounts={2007: 10})
    integrity_error(lambda: YearlyAmount.objects.create(agreement=agreement, year=2007, amount=1))


def test_clean_quantizes_amounts_to_ore(make_agreement):
    amount = YearlyAmount(
        agreement=make_agreement(amounts={2007: 1}), year=2007, amount=Decimal("1.005")
    )
    amount.clean()
    assert amount.amount == Decimal("1.00")


def test_measure_shares_stay_between_0_and_100(make_project):
    project = make_project(measures=())
    measure = Measure.objects.get(plan__start_year=2006, number=1)
    integrity_error(
        lambda: ProjectMeasure.objects.create(project=project, measure=measure, share=0)
    )
    integrity_error(
        lambda: ProjectMeasure.objects.create(project=project, measure=measure, share=101)
    )


def test_a_country_needs_an_iso_code(db):
    region = Region.objects.get(name="Europe")
    integrity_error(
        lambda: Recipient.objects.create(name="Atlantis", kind="country", region=region)
    )
    with pytest.raises(ValidationError) as error:
        Recipient(name="Atlantis", kind="country", region=region).full_clean()
    assert error.value.message_dict["iso2"] == ["A country needs its ISO 3166 alpha-2 code."]


def test_measure_numbers_are_unique_within_a_plan(db):
    plan = Plan.objects.get(start_year=2006)
    integrity_error(lambda: Measure.objects.create(plan=plan, number=1))
    Measure.objects.create(plan=Plan.objects.get(start_year=2003), number=1)


def test_a_plan_cannot_end_before_it_starts(db):
    integrity_error(lambda: Plan.objects.create(start_year=2010, end_year=2009))
