"""Recruitment from the public form to an approved carer in the pool, through every stage;
and a rejected applicant who reads the decision letter on Mina sidor. Every page of the
pipeline, the case and the pool is checked with axe-core."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import Page

from brygga.accounts.demo import create_demo_accounts
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant
from brygga.carers.models import Carer

from .conftest import axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True  # staff sign in with the password alone, as in the demo
    return create_demo_accounts()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def _continue(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Fortsätt").click()


def _apply(page: Page, url: str, first: str, last: str, pnr: str, email: str) -> None:
    page.goto(url + "/anmal-intresse/?typ=kontaktperson")
    page.get_by_role("link", name="Börja").click()
    page.get_by_label("Vuxna", exact=True).check()
    _continue(page)
    for label, value in [
        ("Förnamn", first),
        ("Efternamn", last),
        ("Personnummer eller samordningsnummer", pnr),
        ("Gatuadress", "Provgatan 3"),
        ("Postnummer", "12345"),
        ("Ort", "Ekby"),
        ("Telefonnummer", "070-123 45 67"),
        ("E-postadress", email),
    ]:
        page.get_by_label(label).fill(value)
    _continue(page)
    page.get_by_label("Helger").check()
    page.get_by_label("Varannan vecka").check()
    page.get_by_label("Minst ett år").check()
    _continue(page)
    page.get_by_label("Vilka språk talar du?").fill("svenska, finska")
    page.get_by_role("group", name="Har du körkort?").get_by_label("Ja").check()
    page.get_by_role("group", name="Har du tillgång till bil?").get_by_label("Ja").check()
    page.get_by_label("Varför vill du göra en insats?").fill("Jag har tid över.")
    _continue(page)
    for group, name, phone in [
        ("Första referensen", "Anna Exempel", "070-111 11 11"),
        ("Andra referensen", "Bo Exempel", "070-222 22 22"),
    ]:
        fieldset = page.get_by_role("group", name=group)
        fieldset.get_by_label("Namn").fill(name)
        fieldset.get_by_label("Hur känner ni varandra?").fill("Kollega")
        fieldset.get_by_label("Telefonnummer").fill(phone)
    _continue(page)
    for label in [
        "Polisens belastningsregister",
        "Polisens misstankeregister",
        "Socialtjänstens register i nuvarande och tidigare hemkommuner",
        "Kronofogden",
        "Jag har läst hur mina personuppgifter behandlas.",
    ]:
        page.get_by_label(label).check()
    _continue(page)
    page.get_by_role("button", name="Skicka intresseanmälan").click()
    page.wait_for_url(re.compile("/anmal-intresse/skickad/"))


def _move(page: Page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=f"Till: {label}").click()
    assert page.locator(".ds-alert[data-color='success']").count() == 1


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()


def test_applicant_from_the_form_through_every_stage_to_the_pool(live_server, page):
    url = live_server.url
    _apply(page, url, "Tove", "Exempelsson", "19121212-1212", "tove@test.example")

    sign_in_demo_staff(page, url, "kontaktsekreterare@ekby.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sökande").click()
    axe_check(page)
    page.get_by_role("link", name="Tavla").click()
    axe_check(page)
    page.get_by_role("link", name="Tove Exempelsson").click()
    axe_check(page)

    _move(page, "Kontaktad")
    _move(page, "Registerkontroller")
    # Request every required check today, then record each answer.
    while page.get_by_role("button", name=re.compile("^Begär i dag")).count():
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("^Begär i dag")).first.click()
    axe_check(page)
    first_record = True
    while page.get_by_role("link", name=re.compile("^Registrera svar")).count():
        page.get_by_role("link", name=re.compile("^Registrera svar")).first.click()
        if first_record:
            axe_check(page)
            first_record = False
        page.get_by_label("Ingen förekomst").check()
        _save(page)

    _move(page, "Utredning")
    while page.get_by_role("link", name=re.compile("^Registrera samtal")).count():
        page.get_by_role("link", name=re.compile("^Registrera samtal")).first.click()
        page.get_by_label("Vad berättade referensen?").fill("Pålitlig och lugn.")
        _save(page)
    page.get_by_role("link", name="Boka utredningssamtal").click()
    axe_check(page)
    page.get_by_label("Utredningssamtal").check()
    tomorrow = timezone.localtime() + timedelta(hours=1)
    page.get_by_label("Datum och tid").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    _save(page)
    page.get_by_role("link", name=re.compile("^Registrera som genomfört")).first.click()
    page.get_by_label("Anteckningar").fill("Samtal om motivation och tid.")
    _save(page)
    axe_check(page)

    page.locator("summary", has_text="Lämna förslag till beslut").click()
    page.get_by_label("Kontaktperson – Vuxna").check()
    page.get_by_label("Motivering").fill("Lämplig som kontaktperson för vuxna.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara förslaget").click()
    assert "Förslag från" in page.locator("#beslut").inner_text()
    _sign_out(page)

    sign_in_demo_staff(page, url, "chef@ekby.example")
    applicant = Applicant.objects.get(last_name="Exempelsson")
    page.goto(url + f"/personal/sokande/{applicant.public_id}/")
    axe_check(page)
    page.get_by_label("Godkänn enligt förslaget").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Fatta beslut").click()
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.APPROVED
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Uppdragstagare"
    ).click()
    axe_check(page)
    page.get_by_label("Språk").fill("finska")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Sök|Filtrera")).first.click()
    assert page.get_by_role("link", name="Exempelsson, Tove").count() == 1
    assert Carer.objects.get(personal_identity_number="191212121212").user.email == (
        "tove@test.example"
    )


def test_rejected_applicant_reads_the_letter_on_mina_sidor(live_server, page, _ekby):
    from brygga.accounts.models import User
    from brygga.applicants.services import applicant_move, approval_propose
    from brygga.applicants.tests.factories import submit_registration

    recruiter = User.objects.get(email="kontaktsekreterare@ekby.example")
    applicant = submit_registration(_ekby, email="ville@test.example").applicant
    for stage in (
        ApplicantStage.CONTACTED,
        ApplicantStage.REGISTER_CHECKS,
        ApplicantStage.INVESTIGATION,
    ):
        applicant = applicant_move(applicant=applicant, to_stage=stage, actor=recruiter)
    approval_propose(
        applicant=applicant, approvals=[], note="Referenserna avråder.", actor=recruiter
    )

    url = live_server.url
    sign_in_demo_staff(page, url, "chef@ekby.example")
    page.goto(url + f"/personal/sokande/{applicant.public_id}/")
    page.get_by_label("Godkänn inte").check()
    page.get_by_role("button", name="Fatta beslut").click()
    assert "Skriv skälet" in page.locator(".ds-error-summary").inner_text()
    axe_check(page)
    page.get_by_label("Skäl").fill("Referenserna avråder från uppdrag med barn och vuxna.")
    with page.expect_navigation():
        page.get_by_role("button", name="Fatta beslut").click()
    _sign_out(page)

    page.goto(url + "/logga-in/")
    page.get_by_label("Din e-postadress").fill("ville@test.example")
    page.get_by_role("button", name="Skicka inloggningslänk").click()
    page.wait_for_url(re.compile("/logga-in/skickat/"))
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile("/mina-sidor/$"))
    assert "Inte godkänd" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile("Visa din ansökan")).click()
    axe_check(page)
    letter = page.get_by_role("link", name="Beslutsbrev (PDF)")
    response = page.request.get(url + letter.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
