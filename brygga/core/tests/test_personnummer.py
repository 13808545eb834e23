"""Skatteverket's published test number 19121212-1212 and numbers built to the same rules."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.core.personnummer import (
    IdentityKind,
    InvalidIdentityNumberError,
    luhn_ok,
    parse_identity_number,
)
from brygga.core.testdata import make_test_personnummer

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("raw", ["19121212-1212", "191212121212", "121212+1212", " 19121212 1212 "])
def test_skatteverkets_test_number_in_every_written_form(raw):
    number = parse_identity_number(raw, today=TODAY)
    assert number.digits == "191212121212"
    assert number.formatted == "19121212-1212"
    assert number.kind is IdentityKind.PERSONNUMMER
    assert number.birth_date == date(1912, 12, 12)


def test_ten_digits_without_plus_are_within_the_last_hundred_years():
    assert parse_identity_number("121212-1212", today=TODAY).birth_date == date(2012, 12, 12)


def test_coordination_number_adds_sixty_to_the_day():
    number = parse_identity_number(
        make_test_personnummer("19851012", coordination=True), today=TODAY
    )
    assert number.kind is IdentityKind.SAMORDNINGSNUMMER
    assert number.birth_date == date(1985, 10, 12)


def test_test_numbers_are_valid_and_in_the_reserved_series():
    number = parse_identity_number(make_test_personnummer("20010203", "991"), today=TODAY)
    assert number.digits[8:11] == "991"
    assert number.birth_date == date(2001, 2, 3)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("19121212-1213", "checksum"),
        ("1912121", "format"),
        ("abc", "format"),
        ("", "format"),
        ("19121312-1219", "date"),
    ],
)
def test_invalid_numbers_say_why(raw, reason):
    if reason == "date":
        # a valid check digit on an impossible date (month 13), in the test series
        base = "121312980"
        raw = f"19{base[:6]}-{base[6:]}{next(d for d in '0123456789' if luhn_ok(base + d))}"
    with pytest.raises(InvalidIdentityNumberError) as error:
        parse_identity_number(raw, today=TODAY)
    assert error.value.reason == reason


def test_age_on_a_day():
    number = parse_identity_number("19121212-1212", today=TODAY)
    assert number.age_on(date(2026, 12, 11)) == 113
    assert number.age_on(date(2026, 12, 12)) == 114


@given(st.text(max_size=20))
def test_parser_never_crashes_on_any_text(raw):
    try:
        parse_identity_number(raw, today=TODAY)
    except InvalidIdentityNumberError as error:
        assert error.reason in {"format", "checksum", "date", "future"}
