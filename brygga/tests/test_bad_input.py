"""Bad input, tried on purpose: every parser that reads what a person typed or uploaded either
answers with a valid value or with its own clear error — never an unexpected exception.

One place for all of them (security.md, "Bad input"); the parsers' behaviour on good input is
tested next to each parser."""

from __future__ import annotations

import io
import re
from datetime import date

from django import forms

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brygga.clients.identity import InvalidClientIdentifierError, parse_client_identifier
from brygga.core.personnummer import InvalidIdentityNumberError, parse_identity_number
from brygga.core.testdata import make_test_personnummer
from brygga.core.uploads import (
    EXTENSIONS,
    MAX_UPLOAD_BYTES,
    UploadRejectedError,
    check_upload,
    safe_filename,
)
from brygga.core.validators import clean_phone, clean_postal_code

TODAY = date(2026, 11, 22)
# Text a person might type, and text an attacker might: digits, dashes, letters, whitespace,
# control characters and anything else Unicode holds.
typed = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-+ TFtf", max_size=16),
    st.from_regex(r"\A\d{6,8}[-+]?[\dTF]{4}\Z"),
)


@given(typed)
def test_identity_numbers_are_parsed_or_refused_with_a_reason(raw: str) -> None:
    try:
        parsed = parse_identity_number(raw, today=TODAY)
    except InvalidIdentityNumberError as error:
        assert error.reason in {"format", "checksum", "date", "future"}
    else:
        assert re.fullmatch(r"\d{12}", parsed.digits)
        assert parsed.birth_date <= TODAY
        assert parse_identity_number(parsed.formatted, today=TODAY) == parsed


@given(typed)
def test_client_identifiers_and_reserve_numbers_are_parsed_or_explained(raw: str) -> None:
    try:
        parsed = parse_client_identifier(raw, today=TODAY)
    except InvalidClientIdentifierError as error:
        assert error.message and error.code
    else:
        assert re.fullmatch(r"\d{8}-(\d{4}|T\d{3}|TF\d{2})", parsed.value)
        assert parse_client_identifier(parsed.value, today=TODAY) == parsed


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(980, 999), st.booleans())
def test_every_test_series_number_parses(born: date, serial: int, coordination: bool) -> None:
    number = make_test_personnummer(born.strftime("%Y%m%d"), str(serial), coordination=coordination)
    parsed = parse_identity_number(number, today=TODAY)
    assert parsed.birth_date == born
    assert parsed.kind.value == ("samordningsnummer" if coordination else "personnummer")


@given(st.text(max_size=40))
def test_postal_codes_and_phone_numbers_are_cleaned_or_refused(raw: str) -> None:
    for clean, shape in ((clean_postal_code, r"\d{3} \d{2}"), (clean_phone, r"[+\d][\d\s-]+")):
        try:
            value = clean(raw)
        except forms.ValidationError as error:
            assert error.messages
        else:
            assert re.fullmatch(shape, value)


@given(st.text(max_size=40))
def test_typed_dates_are_parsed_or_refused(raw: str) -> None:
    field = forms.DateField()
    try:
        value = field.clean(raw)
    except forms.ValidationError as error:
        assert error.messages
    else:
        assert isinstance(value, date)


@given(st.text(max_size=300), st.sampled_from(sorted(EXTENSIONS)))
def test_uploaded_file_names_cannot_escape_or_mislead(name: str, content_type: str) -> None:
    safe = safe_filename(name, content_type)
    assert "/" not in safe
    assert "\\" not in safe
    assert not safe.startswith(".")
    assert safe.endswith(EXTENSIONS[content_type])
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in safe)
    assert len(safe) <= 105


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=64))
def test_uploads_are_typed_by_content_or_refused(head: bytes) -> None:
    try:
        content_type = check_upload(io.BytesIO(head), len(head))
    except UploadRejectedError as error:
        assert error.reason in {"empty", "type"}
    else:
        assert content_type in EXTENSIONS


@pytest.mark.parametrize(
    ("content", "size", "reason"),
    [
        (b"", 0, "empty"),
        (b"<html><script>alert(1)</script>", 31, "type"),  # HTML named .pdf
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 60, "type"),
        (b"MZ\x90\x00", 4, "type"),  # a Windows executable
        (b"PK\x03\x04", 4, "type"),  # a zip (or a macro-laden Office file)
        (b"%PDF-1.7", MAX_UPLOAD_BYTES + 1, "too_large"),
    ],
)
def test_malicious_wrongly_typed_and_oversize_uploads_are_refused(content, size, reason) -> None:
    with pytest.raises(UploadRejectedError) as caught:
        check_upload(io.BytesIO(content), size)
    assert caught.value.reason == reason
