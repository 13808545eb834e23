"""A decision gets a carer: the case officer registers the client and the decision, sees
ranked candidates with their reasons, offers the assignment; the carer accepts on Mina
sidor; the assignment starts, and the waiting time stops counting at the start date."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from brygga.accounts.demo import create_demo_accounts
from brygga.carers.services import CheckSpec
from brygga.carers.tests.factories import make_carer
from brygga.clients.models import Decision

from .conftest import axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True
    return create_demo_accounts()


def _carer(organisation, first_name, city, interests, checks_age_days=30):
    today = timezone.localdate()
    shown = today - timedelta(days=checks_age_days)
    checks = [
        CheckSpec(kind, shown, shown, "no_entry")
        for kind in (
            "criminal_record",
            "suspicion_register",
            "social_services",
            "enforcement_authority",
            "children_extract_2013_852",
        )
    ]
    return make_carer(
        organisation,
        types=("kontaktperson",),
        group=None,
        checks=checks,
        first_name=first_name,
        city=city,
        interests=interests,
        email=f"{first_name.lower()}@test.example",
    )


def test_a_decision_gets_a_carer_and_the_waiting_time_stops(live_server, page, _ekby):
    url = live_server.url
    near = _carer(_ekby, "Nils", "Norra Ekby", "fotboll, schack")
    _carer(_ekby, "Frida", "Lunden", "stickning")
    _carer(_ekby, "Gammal", "Norra Ekby", "fotboll", checks_age_days=500)

    sign_in_demo_staff(page, url, "handlaggare@ekby.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Klienter").click()
    page.get_by_role("link", name="Registrera klient").click()
    page.get_by_label("Personnummer, samordningsnummer eller reservnummer").fill("20150312-T123")
    page.get_by_label("Förnamn").fill("Tilda")
    page.get_by_label("Efternamn").fill("Exempelsson")
    page.get_by_label("Enhet").select_option(label="Barn och unga")
    page.get_by_label("Område").fill("Norra Ekby")
    page.get_by_label("Intressen").fill("Fotboll och schack")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/personal/klienter/[0-9a-f-]+/$"))

    decided = timezone.localdate() - timedelta(days=20)
    page.get_by_role("link", name="Registrera beslut").click()
    page.get_by_label("Beslutsdatum").fill(decided.isoformat())
    page.get_by_label("Insats").select_option(label="Kontaktperson")
    page.get_by_label("Målgrupp").select_option(label="Barn och unga")
    page.get_by_label("Lagrum").select_option(value="sol-2025-kontaktperson")
    page.get_by_label("Omfattning").fill("2")
    page.get_by_label("Per").select_option(label="träffar per månad")
    page.get_by_label("Gäller från och med").fill(decided.isoformat())
    page.get_by_label("Vårdnadshavarna").check()
    page.get_by_label("Samtycket dokumenterat").fill(decided.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Spara beslut").click()
    errors = page.locator(".ds-error-summary")
    assert errors.count() == 0, errors.inner_text()
    page.wait_for_url(re.compile(r"/personal/klienter/beslut/[0-9a-f-]+/$"))
    assert "Väntat 20 dagar" in page.locator("main").inner_text()

    # What would become public, previewed (and not published: the match is made directly).
    page.get_by_role("link", name="Uppdrag och erbjudanden").click()
    axe_check(page)
    page.get_by_role("link", name="Publicera på webbplatsen").click()
    page.get_by_label("Beskrivning").fill("En tioåring som gillar fotboll och schack.")
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.locator(".preview")).to_contain_text("En tioåring som gillar fotboll")
    assert "Exempelsson" not in page.locator(".preview").inner_text()
    axe_check(page)
    page.get_by_role("link", name="Uppdrag för beslutet").click()

    page.get_by_role("link", name="Hitta uppdragstagare").click()
    axe_check(page)
    rows = page.locator("table tbody tr")
    assert "Nils" in rows.nth(0).inner_text()  # same area, shared interests
    assert "Frida" in rows.nth(1).inner_text()
    page.locator("summary", has_text="uppfyller inte kraven").click()
    expect(page.locator("details")).to_contain_text("Gammal")
    axe_check(page)

    page.get_by_role("link", name=re.compile("^Erbjud.*Nils")).click()
    axe_check(page)
    page.get_by_role("button", name="Skicka erbjudandet").click()
    page.wait_for_url(re.compile("/uppdrag/$"))
    axe_check(page)
    assert mail.outbox[-1].to == [near.email]

    # The carer answers on Mina sidor, in a browser of their own.
    carer_page = page.context.browser.new_context(locale="sv-SE").new_page()
    carer_page.goto(url + "/logga-in/")
    carer_page.get_by_label("Din e-postadress").fill(near.email)
    carer_page.get_by_role("button", name="Skicka inloggningslänk").click()
    carer_page.wait_for_url(re.compile("/logga-in/skickat/"))
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[-1].body).group(0)
    carer_page.goto(link)
    carer_page.get_by_role("button", name="Logga in").click()
    carer_page.wait_for_url(re.compile("/mina-sidor/$"))
    section = carer_page.locator("section", has_text="Dina uppdrag")
    assert "20150312" not in section.inner_text()
    axe_check(carer_page)
    # The page is already Mina sidor: wait for the answer's own round trip.
    with carer_page.expect_navigation():
        carer_page.get_by_role("button", name="Ja, jag vill").click()
    expect(carer_page.locator(".ds-alert")).to_contain_text("Tack!", timeout=15_000)

    def step(label: str) -> None:
        page.locator("summary", has_text=label).click()
        expect(page.get_by_role("button", name=label)).to_be_visible()
        with page.expect_navigation():
            page.get_by_role("button", name=label).click()
        expect(page.locator(".ds-alert")).to_contain_text(
            "Uppdraget är uppdaterat.", timeout=15_000
        )

    page.reload()
    step("Första mötet är genomfört")
    step("Den enskilde vill fortsätta")
    carer_page.reload()
    with carer_page.expect_navigation():
        carer_page.get_by_role("button", name="Jag vill ta uppdraget").click()
    expect(carer_page.locator(".ds-alert")).to_contain_text("Du har bekräftat", timeout=15_000)
    page.reload()
    step("Starta uppdraget")
    axe_check(page)

    decision = Decision.objects.get()
    assert decision.implemented_on == timezone.localdate()
    page.goto(url + f"/personal/klienter/beslut/{decision.public_id}/")
    assert "Verkställt" in page.locator("main").inner_text()
    assert "efter 20 dagar" in page.locator("main").inner_text()
