"""An administrator creates an API token (shown once) and revokes it, and imports a register
with a deliberate error: the dry run lists the problem by row and column, the valid row is
imported on confirmation. Every page opened is checked with axe-core, and no script is
blocked by the Content-Security-Policy."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.accounts.models import ApiToken
from brygga.clients.models import Client
from brygga.clients.selectors import legal_basis_valid_on
from brygga.core.testdata import make_test_personnummer
from brygga.integrations.importing import CLIENT_COLUMNS
from brygga.integrations.spreadsheets import write_xlsx

from .conftest import axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True
    return create_demo_accounts()


def test_administrator_creates_and_revokes_an_api_token(live_server, page, csp_violations):
    sign_in_demo_staff(page, live_server.url, "admin@ekby.example")
    page.get_by_role("link", name="Integrationer").first.click()
    page.goto(live_server.url + "/personal/integrationer/api-nycklar/")
    axe_check(page)
    page.get_by_label("Integration").fill("Lönesystemet")
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa nyckel").click()
    assert page.locator(".ds-error-summary").is_visible()  # no scope chosen
    assert page.get_by_label("Integration").input_value() == "Lönesystemet"
    axe_check(page)
    page.get_by_label("Läsa uppdragstagare").check()
    page.get_by_label("Alla enheter i organisationen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa nyckel").click()
    raw = page.get_by_label("API-nyckel").input_value()
    assert raw.startswith("brygga_")
    axe_check(page)
    page.get_by_role("link", name="Tillbaka till API-nycklar").click()
    page.wait_for_url(re.compile("/api-nycklar/$"))
    assert raw not in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Återkalla nyckeln för Lönesystemet").click()
    assert "är återkallad" in page.content()
    axe_check(page)
    assert ApiToken.objects.get().revoked_at is not None
    page.goto(live_server.url + "/api/v1/docs/")
    axe_check(page)
    assert csp_violations == []


def test_administrator_imports_clients_after_a_dry_run(live_server, page, csp_violations, tmp_path):
    decided = timezone.localdate() - timedelta(days=30)
    basis = legal_basis_valid_on(decided).filter(law_area="sol").first().code
    good = make_test_personnummer("20150101", "981")
    values = [
        "Testa",
        "Testsson",
        "kontaktperson",
        "",
        basis,
        decided.isoformat(),
        "2",
        "meetings_per_month",
        "",
        "",
        "guardians",
        decided.isoformat(),
    ]
    rows = [[good, *values], ["20150101-1234", *values]]
    path = tmp_path / "klienter.xlsx"
    path.write_bytes(write_xlsx([str(c.header) for c in CLIENT_COLUMNS], rows))

    sign_in_demo_staff(page, live_server.url, "admin@ekby.example")
    page.get_by_role("link", name="Integrationer").first.click()
    page.wait_for_url(re.compile("/import/$"))
    axe_check(page)
    page.get_by_label("Klienter med beslut").check()
    page.get_by_label("Fil").set_input_files(str(path))
    page.get_by_label("Enhet för nya klienter").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Ladda upp och matcha kolumner").click()
    axe_check(page)
    assert page.get_by_label("Beslutsdatum").input_value() != ""
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollera filen").click()
    problems = page.get_by_role("table", name="Problem per rad och kolumn")
    assert "Personnummer" in problems.inner_text() and "3" in problems.inner_text()
    axe_check(page)
    assert not Client.objects.exists()
    with page.expect_navigation():
        page.get_by_role("button", name="Importera 1 giltig rad").click()
    assert "1 rader importerades" in page.content()
    axe_check(page)
    assert Client.objects.count() == 1
    assert csp_violations == []
