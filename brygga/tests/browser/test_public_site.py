"""A prospective carer finds their way through the public site: front page → assignment types
→ one type → open assignments (filtered) → one assignment → FAQ → contact. Every page is
checked with axe-core and for reflow at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from brygga.accounts.demo import create_demo_accounts
from brygga.website.demo import create_demo_content

from .conftest import assert_no_horizontal_scroll, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, phone_page) -> None:
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").count() == 1
    axe_check(page)
    phone_page.goto(page.url)
    assert_no_horizontal_scroll(phone_page)


def test_prospective_carer_journey(live_server, page, phone_page, csp_violations):
    organisation = create_demo_accounts()
    create_demo_content(organisation)

    page.goto(live_server.url + "/")
    _check(page, phone_page)
    assert page.get_by_role("link", name="Anmäl intresse").first.get_attribute("href") == (
        "/anmal-intresse/"
    )

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Bli uppdragstagare"
    ).click()
    page.wait_for_url("**/uppdrag/")
    _check(page, phone_page)

    page.get_by_role("link", name="Kontaktperson för barn och unga").click()
    page.wait_for_url("**/uppdrag/kontaktperson-barn-och-unga/")
    _check(page, phone_page)
    assert "Senast uppdaterad" in page.locator(".page-meta").inner_text()
    assert page.get_by_role("link", name="Anmäl intresse som kontaktperson").get_attribute(
        "href"
    ) == ("/anmal-intresse/?typ=kontaktperson")

    # The feedback question works without JavaScript.
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Skicka svar").click()
    assert page.get_by_text("Tack för ditt svar!").is_visible()
    axe_check(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Aktuella uppdrag"
    ).click()
    page.wait_for_url("**/aktuella-uppdrag/")
    _check(page, phone_page)
    page.get_by_label("Typ av uppdrag").select_option("kontaktfamilj")
    page.get_by_role("button", name="Visa uppdrag").click()
    page.wait_for_url("**/aktuella-uppdrag/?typ=kontaktfamilj*")
    assert page.locator(".card-grid .ds-card").count() == 2
    _check(page, phone_page)

    page.locator(".card-grid .ds-card a").first.click()
    page.wait_for_url("**/aktuella-uppdrag/*-*/")
    _check(page, phone_page)
    interest = page.get_by_role("link", name="Anmäl intresse för detta uppdrag")
    assert interest.get_attribute("href").startswith("/anmal-intresse/?uppdrag=")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Frågor och svar"
    ).click()
    page.wait_for_url("**/fragor-och-svar/")
    _check(page, phone_page)
    page.get_by_text("Måste jag betala skatt på ersättningen?").click()
    expect(page.get_by_text("Arvodet är skattepliktig inkomst.").first).to_be_visible()

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kontakt").click()
    page.wait_for_url("**/kontakt/")
    _check(page, phone_page)
    assert "0123-456 70" in page.locator("main").inner_text()

    page.get_by_role("contentinfo").get_by_role(
        "link", name="Berättelser från uppdragstagare"
    ).click()
    page.wait_for_url("**/berattelser/")
    _check(page, phone_page)
    page.locator("main h2 a, main h3 a").first.click()
    page.wait_for_url("**/berattelser/*/")
    _check(page, phone_page)

    assert csp_violations == []


def test_site_editor_pages_are_accessible(live_server, page, phone_page):
    """The staff pages under /personal/webbplats/ pass axe and reflow too."""
    from django.test import Client

    from brygga.accounts.models import User
    from brygga.accounts.tests.helpers import login_staff
    from brygga.website.models import AssignmentTypePage, OpenAssignment

    organisation = create_demo_accounts()
    create_demo_content(organisation)
    client = Client()
    login_staff(client, User.objects.get(email="kontaktsekreterare@ekby.example"))
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    for context_page in (page, phone_page):
        context_page.context.add_cookies([{**cookie, "url": live_server.url}])

    listing = OpenAssignment.objects.filter(published=True).first()
    type_page = AssignmentTypePage.objects.first()
    for path in [
        "/personal/webbplats/",
        "/personal/webbplats/aktuella-uppdrag/",
        f"/personal/webbplats/aktuella-uppdrag/{listing.public_id}/",
        "/personal/webbplats/sidor/",
        f"/personal/webbplats/sidor/{type_page.public_id}/",
        "/personal/webbplats/fragor/",
        "/personal/webbplats/berattelser/",
        "/personal/webbplats/synpunkter/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        axe_check(page)
        phone_page.goto(live_server.url + path)
        assert_no_horizontal_scroll(phone_page)

    # Unpublish from the list; the public page is gone at once.
    page.goto(live_server.url + "/personal/webbplats/aktuella-uppdrag/")
    page.get_by_role("button", name=f"Avpublicera {listing.title}").click()
    expect(page.get_by_text("Uppdraget är borttaget från webbplatsen.")).to_be_visible()
    axe_check(page)
    response = page.goto(live_server.url + f"/aktuella-uppdrag/{listing.public_id}/")
    assert response is not None and response.status == 404
