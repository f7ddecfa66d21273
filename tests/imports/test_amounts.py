"""Amount and year cells, read the same way whether a cell takes the plain-digits fast path or
the path for written amounts (separators, prefixes, decimals)."""

import pytest

from imports.values import parse_amount, parse_year


@pytest.mark.parametrize(
    ("text", "decimal_comma", "scale", "ore"),
    [
        ("5000", False, 1, 500_000),
        ("0", False, 1, 0),
        ("5 000", False, 1, 500_000),
        ("5\u00a0000", False, 1, 500_000),
        ("5'000", False, 1, 500_000),
        ("NOK 5000", False, 1, 500_000),
        ("kr 5000", False, 1, 500_000),
        ("5000.5", False, 1, 500_050),
        ("5000,50", True, 1, 500_050),
        ("1 234,5", True, 1, 123_450),
        ("12", False, 1000, 1_200_000),
        ("1.5", False, 1000, 150_000),
        ("9999999999999", False, 1, 999_999_999_999_900),  # 13 digits: the largest
        ("0" * 5000 + "5", False, 1, 500),
        ("\u0661\u0662\u0663", False, 1, 12_300),  # other scripts' digits are still digits
    ],
)
def test_amounts_are_read_in_ore(text, decimal_comma, scale, ore):
    assert parse_amount(text, decimal_comma, scale) == (ore, None)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "scale", "message"),
    [
        ("10000000000000", False, 1, "too large"),
        ("10000000000", False, 1000, "too large"),
        ("10000000000000.00", False, 1, "too large"),
        ("5" * 5000, False, 1, "too large"),
        ("5" * 40 + ".5", False, 1, "too large"),
        ("NOK " + "5" * 40, False, 1, "too large"),
        ("-5", False, 1, "cannot be negative"),
        ("5,5", False, 1, "ambiguous"),
        ("5,555", True, 1, "unclear decimal comma"),
        ("about 5", False, 1, "not an amount"),
        ("", False, 1, "not an amount"),
    ],
)
def test_bad_amounts_say_what_is_wrong(text, decimal_comma, scale, message):
    ore, error = parse_amount(text, decimal_comma, scale)
    assert ore is None and message in error


def test_years_are_four_digits_in_range_with_a_hint_for_lookalikes():
    assert parse_year("2007") == (2007, None)
    assert parse_year("20O7") == (None, "not a year (four digits, e.g. 2007); did you mean 2007?")
    assert parse_year("1850")[1] == "1850 is not a plausible year (1990–2100)"
