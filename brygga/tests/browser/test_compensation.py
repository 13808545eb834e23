"""Finance enters an own rate and estimates a cost; a case officer sees the cost estimate on a
decision's page and adjusts it. Every page is checked with axe-core."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.accounts.models import Unit, User
from brygga.clients.constants import ScopeUnit
from brygga.clients.tests.factories import make_client, make_decision, next_test_number
from brygga.compensation.models import Rate

from .conftest import axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True
    return create_demo_accounts()


def test_finance_reads_rates_enters_an_own_value_and_estimates(live_server, page, csp_violations):
    sign_in_demo_staff(page, live_server.url, "ekonomi@ekby.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Ersättningar"
    ).click()
    page.get_by_label("År", exact=True).select_option("2023")
    page.get_by_role("button", name="Visa").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ersättningsnivåer 2023"
    assert "52 500 kr" in page.locator("main").inner_text().replace("\xa0", " ")
    axe_check(page)

    page.get_by_role("link", name="Ange kommunens eget värde").first.click()
    axe_check(page)
    page.locator("#id_assignment_type").select_option(label="Kontaktfamilj")
    page.locator("#id_law").select_option(label="SoL")
    page.get_by_label("Del", exact=True).select_option(label="Arvode")
    page.locator("#id_band").select_option(label="0–12 år")
    page.locator("#id_level").select_option(label="Grund")
    page.get_by_label("Beräkningsgrund").select_option(label="Kronor per dag")
    page.get_by_label("Värde", exact=True).fill("240")
    page.get_by_label("Avrundning", exact=True).select_option(
        label="Hela ören, avrundat uppåt vid ½ öre"
    )
    page.get_by_label("Gäller från och med").fill("")
    page.get_by_label("Status", exact=True).select_option(label="Publicerad")
    page.locator("#id_source").fill("Socialnämnden 2023-06-12 § 45")
    page.get_by_role("button", name="Spara").click()
    assert page.locator(".ds-error-summary").is_visible()
    assert page.get_by_label("Värde", exact=True).input_value() == "240"
    axe_check(page)
    page.get_by_label("Gäller från och med").fill("2023-07-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert "Kommunens eget värde är sparat." in page.locator("main").inner_text()
    assert Rate.objects.filter(organisation__isnull=False, value=Decimal(240)).exists()

    page.get_by_role("link", name="Beräkna kostnad").click()
    axe_check(page)
    page.get_by_label("Uppdragstyp", exact=True).select_option(label="Kontaktfamilj (per dygn)")
    page.get_by_label("Klientens födelsedatum").fill("2015-01-01")
    page.get_by_label("Vistelser").fill("2023-07-16/2023-07-14")
    with page.expect_navigation():
        page.get_by_role("button", name="Beräkna").click()
    assert (
        "En vistelse kan inte sluta innan den börjar."
        in page.locator("#id_stays_error").inner_text()
    )
    assert page.get_by_label("Vistelser").input_value() == "2023-07-16/2023-07-14"
    axe_check(page)
    page.get_by_label("Vistelser").fill("2023-07-14/2023-07-16")
    with page.expect_navigation():
        page.get_by_role("button", name="Beräkna").click()
    text = page.locator("main").inner_text()
    assert "1080.00 kr" in text  # ½ × 240 + 2 × 240 + 2 × 240 (the own value from 1 July)
    assert "377.50 kr" in text  # 2½ × 151
    axe_check(page)
    assert csp_violations == []


def test_case_officer_sees_the_cost_on_a_decision(live_server, page, _ekby, csp_violations):
    officer = User.objects.get(email="handlaggare@ekby.example")
    unit = Unit.objects.get(organisation=_ekby, name="Barn och unga")
    client = make_client(_ekby, unit, officer, identifier=next_test_number("20150312"))
    decision = make_decision(
        client,
        officer,
        type="kontaktfamilj",
        scope_quantity=Decimal(1),
        scope_unit=ScopeUnit.WEEKENDS_PER_MONTH,
    )
    sign_in_demo_staff(page, live_server.url, "handlaggare@ekby.example")
    page.goto(f"{live_server.url}/personal/klienter/beslut/{decision.public_id}/")
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Beräknad kostnad per månad")
    )
    assert "Omkostnadsersättning" in panel.inner_text()
    axe_check(page)
    panel.get_by_role("link", name="Visa och ändra beräkningen").click()
    page.wait_for_url(re.compile(r"/kostnad/$"))
    assert (
        page.get_by_label("Klientens födelsedatum").input_value() == client.birth_date.isoformat()
    )
    axe_check(page)
    page.get_by_label("Vistelser").fill("2023-12-24/2023-12-26")
    with page.expect_navigation():
        page.get_by_role("button", name="Beräkna").click()
    text = page.locator("main").inner_text()
    # Sunday julafton 450 + juldagen 450 + annandag jul 450.
    assert "1350.00 kr" in text
    axe_check(page)
    assert csp_violations == []
