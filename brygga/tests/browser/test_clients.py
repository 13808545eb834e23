"""A case officer registers a client and a decision, and sees the waiting time and the IVO
date on the decision, the client and the worklist. Every page opened is checked with
axe-core."""

from __future__ import annotations

import importlib
import re
from datetime import timedelta

from django.utils import timezone

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.clients.deadlines import reportable_on
from brygga.clients.models import Client, Decision

from .conftest import assert_no_horizontal_scroll, axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True  # staff sign in with the password alone, as in the demo
    from django.apps import apps

    # The live server's database is flushed after each test; seed the legal bases again,
    # the way their data migration does.
    importlib.import_module("brygga.clients.migrations.0002_seed_legal_bases").seed(apps, None)
    return create_demo_accounts()


def test_case_officer_registers_a_client_and_a_decision(
    live_server, page, phone_page, csp_violations
):
    today = timezone.localdate()
    decided = today - timedelta(days=70)
    ivo = reportable_on(decided)

    sign_in_demo_staff(page, live_server.url, "handlaggare@ekby.example")
    page.get_by_role("link", name="Klienter").first.click()
    page.wait_for_url(re.compile("/personal/klienter/$"))
    axe_check(page)

    page.get_by_role("link", name="Registrera klient").click()
    axe_check(page)
    # A mistyped reserve number: the message is next to the field and nothing typed is lost.
    page.get_by_label("Personnummer, samordningsnummer eller reservnummer").fill("20150231-T123")
    page.get_by_label("Förnamn").fill("Tilda")
    page.get_by_label("Efternamn").fill("Exempelsson")
    page.get_by_label("Enhet").select_option(label="Barn och unga")
    page.get_by_label("Intressen").fill("Fotboll")
    page.get_by_role("button", name="Spara").click()
    assert page.locator(".ds-error-summary").is_visible()
    assert "Datumet i numret finns inte." in page.locator("#id_identifier_error").inner_text()
    assert page.get_by_label("Förnamn").input_value() == "Tilda"
    axe_check(page)
    page.get_by_label("Personnummer, samordningsnummer eller reservnummer").fill("20150312-T123")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/personal/klienter/[0-9a-f-]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tilda Exempelsson"
    assert "Klienten är registrerad." in page.locator("main").inner_text()
    assert "Kvinna" in page.locator("main").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Lägg till vårdnadshavare").click()
    axe_check(page)
    page.get_by_label("Namn").fill("Anna Exempelsson")
    page.get_by_label("Relation till klienten").fill("mamma")
    page.get_by_label("Telefon").fill("070-123 45 67")
    page.get_by_role("button", name="Spara").click()
    assert "Anna Exempelsson" in page.locator("main").inner_text()

    page.get_by_role("link", name="Registrera beslut").click()
    axe_check(page)
    # A legal basis that was not in force on the decision date is refused next to the field.
    page.get_by_label("Beslutsdatum").fill("2025-06-30")
    page.get_by_label("Insats").select_option(label="Kontaktfamilj")
    page.get_by_label("Lagrum").select_option(value="sol-2025-kontaktperson")
    page.get_by_label("Omfattning").fill("1")
    page.get_by_label("Per").select_option(label="helger per månad")
    page.get_by_label("Gäller från och med").fill("2025-07-01")
    page.get_by_label("Vårdnadshavarna").check()
    page.get_by_label("Samtycket dokumenterat").fill("2025-06-20")
    page.get_by_role("button", name="Spara beslut").click()
    assert (
        "gällde inte på beslutsdatumet 2025-06-30"
        in page.locator("#id_legal_basis_error").inner_text()
    )
    axe_check(page)

    page.get_by_label("Beslutsdatum").fill(decided.isoformat())
    page.get_by_label("Gäller från och med").fill(decided.isoformat())
    page.get_by_label("Samtycket dokumenterat").fill(decided.isoformat())
    page.get_by_role("button", name="Spara beslut").click()
    page.wait_for_url(re.compile(r"/personal/klienter/beslut/[0-9a-f-]+/$"))
    main = page.locator("main").inner_text()
    assert "Beslutet är registrerat." in main
    assert "Väntat 70 dagar" in main
    assert f"Rapporteras till IVO {ivo:%Y-%m-%d}" in main
    axe_check(page)

    page.get_by_label("Mål och delmål").fill("Fler fritidsaktiviteter")
    page.get_by_role("button", name="Spara genomförandeplanen").click()
    assert "Genomförandeplanen är sparad." in page.locator("main").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Tilda Exempelsson").first.click()
    assert f"Rapporteras till IVO {ivo:%Y-%m-%d}" in page.locator("main").inner_text()
    page.get_by_role("link", name="Klienter").first.click()
    page.wait_for_url(re.compile("/personal/klienter/$"))
    row = page.locator("table tbody tr", has_text="Exempelsson")
    assert "Väntat 70 dagar" in row.inner_text()
    assert f"Rapporteras till IVO {ivo:%Y-%m-%d}" in row.inner_text()
    axe_check(page)

    decision = Decision.objects.get()
    assert decision.client == Client.objects.get(identifier="20150312-T123")
    assert decision.legal_basis.code == "sol-2025-kontaktperson"

    phone_page.context.add_cookies(page.context.cookies())
    phone_page.goto(live_server.url + "/personal/klienter/")
    assert_no_horizontal_scroll(phone_page)
    assert csp_violations == []
