"""No personal data in server logs: what the configured console handler writes, during flows
that handle identity numbers, names and e-mail addresses, holds none of them.

Logs leave the secrecy controls of the database (journald, log shipping, error mail), so a line
with a personnummer is a leak. These tests read the real handler's output, after its filters."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

from django.urls import reverse

import pytest

from brygga.accounts.tests.factories import UserFactory
from brygga.core.logging import REDACTED, RedactPersonalDataFilter, redact

PNR = "19121212-1212"
RESERVE = "20150312-T123"
EMAIL = "tolvan.tolvansson@test.example"


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    """The console handler Django configured from settings.LOGGING, writing to a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler)
        and any(isinstance(f, RedactPersonalDataFilter) for f in h.filters)
    ]
    assert handlers, "the console handler carries the redacting filter"
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream or sys.stderr)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"login failed for {EMAIL}", f"login failed for {REDACTED}"),
        (f"client {PNR} not found", f"client {REDACTED} not found"),
        ("client 191212121212 and 121212-1212", f"client {REDACTED} and {REDACTED}"),
        (f"reserve {RESERVE}", f"reserve {REDACTED}"),
        ("samordningsnummer 197010632391", f"samordningsnummer {REDACTED}"),
    ],
)
def test_identity_numbers_and_addresses_are_redacted(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "payment run 2026-11 exported: 1094.00 kr, 42 lines",
        "request 7f9c2a1e-3b4d-4c5e-9f60-123456789abc took 35 ms",
        "decision 2026-08-22 reportable since 2026-11-22",
    ],
)
def test_ordinary_numbers_dates_and_ids_are_left_alone(text):
    assert redact(text) == text


def test_a_crash_with_personal_data_in_its_message_is_logged_without_it(server_log):
    try:
        raise ValueError(f"no client {PNR} <{EMAIL}>")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /personal/klienter/")
    output = server_log.getvalue()
    assert "Internal Server Error" in output
    assert "ValueError" in output
    assert PNR not in output
    assert EMAIL not in output


@pytest.mark.django_db
def test_sign_in_flows_log_no_personal_data(client, server_log, organisation, settings):
    """Wrong passwords until the account locks, and an e-mail sign-in link: the flows that see
    addresses of people who may not even have an account."""
    settings.AXES_FAILURE_LIMIT = 3
    staff = UserFactory(organisation=organisation, email=EMAIL, first_name="Tolvan")
    for _attempt in range(4):
        client.post(
            reverse("accounts:staff-login"), {"username": staff.email, "password": "fel-lösen"}
        )
    client.post(reverse("accounts:login-link"), {"email": "okand.person@test.example"})
    client.get(reverse("clients:client-list"), {"q": PNR})
    logging.getLogger("brygga").warning("lookup of %s by %s", PNR, EMAIL)

    output = server_log.getvalue()
    assert "lookup of" in output, "the handler wrote what it was given"
    for personal in (EMAIL, "okand.person@test.example", PNR, "191212121212", "Tolvan"):
        assert personal not in output
