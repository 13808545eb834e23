"""Parsing a client's identifier: personnummer, samordningsnummer, IVO reserve number."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.clients.constants import IdentifierKind, Sex
from brygga.clients.identity import InvalidClientIdentifierError, parse_client_identifier
from brygga.core.testdata import make_test_personnummer

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("raw", "value", "kind", "born", "sex"),
    [
        # Reserve numbers: the third character of the suffix, even = woman, odd = man.
        ("20150312-T123", "20150312-T123", IdentifierKind.RESERVE, date(2015, 3, 12), Sex.FEMALE),
        ("20150312-T133", "20150312-T133", IdentifierKind.RESERVE, date(2015, 3, 12), Sex.MALE),
        ("19880704-TF10", "19880704-TF10", IdentifierKind.RESERVE, date(1988, 7, 4), Sex.MALE),
        ("19880704-TF20", "19880704-TF20", IdentifierKind.RESERVE, date(1988, 7, 4), Sex.FEMALE),
        (" 19880704tf21 ", "19880704-TF21", IdentifierKind.RESERVE, date(1988, 7, 4), Sex.FEMALE),
        ("20000229-T991", "20000229-T991", IdentifierKind.RESERVE, date(2000, 2, 29), Sex.MALE),
        # Test personnummer: the third digit of the birth number (980 → 0: woman).
        (
            make_test_personnummer("20150312", "980"),
            "20150312-980" + make_test_personnummer("20150312", "980")[-1],
            IdentifierKind.PERSONNUMMER,
            date(2015, 3, 12),
            Sex.FEMALE,
        ),
        (
            make_test_personnummer("19750101", "991"),
            "19750101-991" + make_test_personnummer("19750101", "991")[-1],
            IdentifierKind.PERSONNUMMER,
            date(1975, 1, 1),
            Sex.MALE,
        ),
        (
            "191212121212",
            "19121212-1212",
            IdentifierKind.PERSONNUMMER,
            date(1912, 12, 12),
            Sex.MALE,
        ),
        (
            make_test_personnummer("19900515", "982", coordination=True),
            None,
            IdentifierKind.SAMORDNINGSNUMMER,
            date(1990, 5, 15),
            Sex.FEMALE,
        ),
    ],
)
def test_valid_identifiers(raw, value, kind, born, sex):
    parsed = parse_client_identifier(raw, today=TODAY)
    assert (parsed.kind, parsed.birth_date, parsed.sex) == (kind, born, sex)
    if value:
        assert parsed.value == value


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("", "empty", "Skriv personnummer"),
        ("20150231-T123", "date", "Datumet i numret finns inte"),
        ("20270101-T123", "future", "framtiden"),
        ("20150312-T12", "format", "ÅÅÅÅMMDD-T123"),
        ("20150312-TX12", "format", "ÅÅÅÅMMDD-T123"),
        ("20150312-F123", "format", "ÅÅÅÅMMDD-NNNN"),
        ("19121212-1213", "checksum", "Kontrollsiffran"),
        ("abc", "format", "ÅÅÅÅMMDD-NNNN"),
    ],
)
def test_invalid_identifiers_say_why_in_swedish(raw, code, words):
    with pytest.raises(InvalidClientIdentifierError) as caught:
        parse_client_identifier(raw, today=TODAY)
    assert caught.value.code == code
    assert words in caught.value.message


@given(st.text(max_size=30))
def test_never_crashes_and_always_answers(raw):
    try:
        parsed = parse_client_identifier(raw, today=TODAY)
    except InvalidClientIdentifierError as error:
        assert error.message
        assert error.code in {"empty", "format", "checksum", "date", "future"}
    else:
        assert parsed.birth_date <= TODAY
        assert parsed.sex in (Sex.FEMALE, Sex.MALE)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.one_of(
        st.from_regex(r"\AT[0-9]{3}\Z"),
        st.from_regex(r"\ATF[0-9]{2}\Z"),
    ),
)
def test_every_reserve_number_round_trips_with_the_sex_digit(born, suffix):
    raw = f"{born:%Y%m%d}-{suffix}"
    parsed = parse_client_identifier(raw, today=TODAY)
    assert parsed.value == raw
    assert parsed.birth_date == born
    assert parsed.sex == (Sex.MALE if int(suffix[2]) % 2 else Sex.FEMALE)


@given(st.from_regex(r"\A[0-9T\-F+ ]{8,16}\Z"))
def test_number_like_text_never_crashes(raw):
    try:
        parse_client_identifier(raw, today=TODAY)
    except InvalidClientIdentifierError as error:
        assert error.message
