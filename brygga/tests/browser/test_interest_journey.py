"""A new resident's journey: the interest form with mistakes corrected, the receipt by
e-mail, Mina sidor with the status, a PDF upload and withdrawal. Once with mouse and
keyboard, once with the keyboard alone. Every page is checked with axe-core."""

import re

from django.core import mail

import pytest
from playwright.sync_api import Page

from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant, ApplicantDocument

from .conftest import assert_no_horizontal_scroll, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _site(settings, tmp_path, organisation):
    from brygga.website.demo import create_demo_content

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    create_demo_content(organisation)


def _continue(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Fortsätt").click()
    axe_check(page)


def _sign_in_from_receipt(page: Page, live_url: str, email: str) -> None:
    receipt = mail.outbox[-1]
    assert "IA-" in receipt.subject
    login_path = re.search(r"https?://[^/\s]+(/logga-in/)", receipt.body).group(1)
    page.goto(live_url + login_path)
    axe_check(page)
    page.get_by_label("Din e-postadress").fill(email)
    page.get_by_role("button", name="Skicka inloggningslänk").click()
    page.wait_for_url(re.compile("/logga-in/skickat/"))
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    axe_check(page)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile("/mina-sidor/$"))


def test_resident_applies_corrects_mistakes_follows_case_uploads_and_withdraws(
    live_server, page, phone_page, csp_violations
):
    # From the front page to an assignment type, and from there to the form.
    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Bli uppdragstagare"
    ).click()
    axe_check(page)
    page.get_by_role("link", name="Kontaktperson för barn och unga").first.click()
    axe_check(page)
    page.get_by_role("link", name="Anmäl intresse som kontaktperson").first.click()
    axe_check(page)
    page.get_by_role("link", name="Börja").click()
    axe_check(page)
    assert page.get_by_label("Kontaktperson", exact=True).is_checked()
    page.get_by_label("Barn och unga").check()
    _continue(page)

    # Mistakes on purpose: a wrong check digit and no city.
    page.get_by_label("Förnamn").fill("Tolvan")
    page.get_by_label("Efternamn").fill("Tolvansson")
    page.get_by_label("Personnummer eller samordningsnummer").fill("19121212-1213")
    page.get_by_label("Gatuadress").fill("Provgatan 1")
    page.get_by_label("Postnummer").fill("123 45")
    page.get_by_label("Telefonnummer").fill("070-123 45 67")
    page.get_by_label("E-postadress").fill("tolvan@test.example")
    _continue(page)
    summary = page.locator(".ds-error-summary")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    assert "Personnumret stämmer inte" in summary.inner_text()
    assert "Skriv din ort." in page.locator(".ds-validation-message").all_inner_texts()[-1]
    assert page.get_by_label("Gatuadress").input_value() == "Provgatan 1"
    phone_page.goto(page.url)
    assert_no_horizontal_scroll(phone_page)

    page.get_by_label("Personnummer eller samordningsnummer").fill("19121212-1212")
    page.get_by_label("Ort").fill("Ekby")
    _continue(page)

    page.get_by_label("Helger").check()
    page.get_by_label("Någon gång i månaden").check()
    # Going back keeps the answers on both pages.
    page.get_by_role("button", name="Tillbaka").click()
    assert page.get_by_label("Ort").input_value() == "Ekby"
    _continue(page)
    assert page.get_by_label("Helger").is_checked()
    page.get_by_label("Minst två år").check()
    _continue(page)

    page.get_by_label("Vilka språk talar du?").fill("svenska, engelska")
    page.get_by_role("group", name="Har du körkort?").get_by_label("Ja").check()
    page.get_by_role("group", name="Har du tillgång till bil?").get_by_label("Nej").check()
    page.get_by_label("Varför vill du göra en insats?").fill("Jag vill ge tid till någon.")
    _continue(page)

    first = page.get_by_role("group", name="Första referensen")
    first.get_by_label("Namn").fill("Anna Exempel")
    first.get_by_label("Hur känner ni varandra?").fill("Chef")
    first.get_by_label("Telefonnummer").fill("070-111 11 11")
    second = page.get_by_role("group", name="Andra referensen")
    second.get_by_label("Namn").fill("Bo Exempel")
    second.get_by_label("Hur känner ni varandra?").fill("Vän")
    second.get_by_label("Telefonnummer").fill("070-222 22 22")
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

    assert page.get_by_role("heading", level=1).inner_text().startswith("Kontrollera")
    assert "Tolvansson" in page.locator("main").inner_text()
    phone_page.goto(page.url)
    assert_no_horizontal_scroll(phone_page)
    page.get_by_role("button", name="Skicka intresseanmälan").click()
    page.wait_for_url(re.compile("/anmal-intresse/skickad/"))
    axe_check(page)
    reference = page.locator(".reference").inner_text()
    assert reference.startswith("IA-")
    assert reference in mail.outbox[0].subject

    _sign_in_from_receipt(page, live_server.url, "tolvan@test.example")
    assert "Intresseanmälan inkommen" in page.locator("main").inner_text()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Visa din ansökan")).click()
    axe_check(page)

    page.get_by_label("CV").check()
    page.get_by_label("Fil").set_input_files(
        {"name": "Mitt CV.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Ladda upp").click()
    assert page.get_by_role("link", name="Mitt CV.pdf").is_visible()
    axe_check(page)

    page.locator("summary", has_text="Återkalla din ansökan").click()
    axe_check(page)
    page.get_by_label("Vill du berätta varför?").fill("Jag flyttar.")
    page.get_by_role("button", name="Återkalla ansökan").click()
    page.wait_for_url(re.compile("/mina-sidor/$"))
    assert "Din ansökan är återkallad." in page.locator("main").inner_text()
    applicant = Applicant.objects.get()
    assert applicant.stage == ApplicantStage.WITHDRAWN
    assert ApplicantDocument.objects.filter(applicant=applicant).count() == 1
    assert csp_violations == []


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    target = page.locator(selector).first
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach {selector} with the Tab key")


def _type_into(page: Page, field_id: str, text: str) -> None:
    _tab_to(page, f"#{field_id}")
    page.keyboard.type(text)


def _tick(page: Page, selector: str) -> None:
    _tab_to(page, selector)
    page.keyboard.press("Space")


def _choose_radio(page: Page, group_name: str, value: str) -> None:
    # Tab enters a radio group at its first option; the arrow keys move within it.
    _tab_to(page, f"input[name='{group_name}']")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")


def _follow_link(page: Page, text: str) -> None:
    _tab_to(page, f"a:text-is('{text}')")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _press_button(page: Page, text: str) -> None:
    _tab_to(page, f"main button:has-text('{text}'), main a:has-text('{text}')")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_same_journey_with_the_keyboard_alone(live_server, page):
    page.goto(live_server.url + "/")
    _follow_link(page, "Bli uppdragstagare")
    _follow_link(page, "Ledsagare")
    _follow_link(page, "Anmäl intresse som ledsagare")
    _press_button(page, "Börja")
    _tick(page, "input[value='funktionsnedsattning']")
    _press_button(page, "Fortsätt")

    for field_id, text in [
        ("id_first_name", "Tolvan"),
        ("id_last_name", "Tolvansson"),
        ("id_personal_identity_number", "121212+1212"),
        ("id_street_address", "Provgatan 1"),
        ("id_postal_code", "12345"),
        ("id_city", "Ekby"),
        ("id_phone", "070 123 45 67"),
        ("id_email", "tolvan@test.example"),
    ]:
        _type_into(page, field_id, text)
    _press_button(page, "Fortsätt")

    _tick(page, "input[value='weekday_evenings']")
    _choose_radio(page, "frequency", "weekly")
    _choose_radio(page, "commitment", "one_year")
    _press_button(page, "Fortsätt")
    assert page.locator(".ds-error-summary").count() == 0, page.locator("main").inner_text()

    _type_into(page, "id_languages", "svenska")
    _choose_radio(page, "driving_licence", "yes")
    _choose_radio(page, "has_car", "yes")
    _type_into(page, "id_motivation", "Jag tycker om att hjälpa andra.")
    _press_button(page, "Fortsätt")
    # A mistake on purpose: the form says so, and the typed text stays.
    assert page.locator(".ds-error-summary").count() == 0
    for field_id, text in [
        ("id_first_name", "Anna Exempel"),
        ("id_first_relation", "Kollega"),
        ("id_first_phone", "070-111 11 11"),
        ("id_second_name", "Bo Exempel"),
        ("id_second_relation", "Granne"),
        ("id_second_phone", "070-111 11 11"),
    ]:
        _type_into(page, field_id, text)
    _press_button(page, "Fortsätt")
    assert "Ange två olika referenser." in page.locator(".ds-error-summary").inner_text()
    assert page.locator("#id_second_name").input_value() == "Bo Exempel"
    page.locator("#id_second_phone").fill("")  # clearing is part of typing anew
    _type_into(page, "id_second_phone", "070-222 22 22")
    _press_button(page, "Fortsätt")

    for value in [
        "criminal_record",
        "suspicion_register",
        "social_services",
        "enforcement_authority",
    ]:
        _tick(page, f"input[value='{value}']")
    _tick(page, "#id_privacy_notice_acknowledged")
    _press_button(page, "Fortsätt")

    _press_button(page, "Skicka intresseanmälan")
    page.wait_for_url(re.compile("/anmal-intresse/skickad/"))
    axe_check(page)
    applicant = Applicant.objects.get()
    assert {t.code for t in applicant.assignment_types.all()} == {"ledsagare"}
    assert applicant.frequency == "weekly"

    _sign_in_from_receipt(page, live_server.url, "tolvan@test.example")
    _press_button(page, "Visa din ansökan")
    _tab_to(page, "summary:has-text('Återkalla din ansökan')")
    page.keyboard.press("Enter")
    _press_button(page, "Återkalla ansökan")
    page.wait_for_url(re.compile("/mina-sidor/$"))
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.WITHDRAWN
