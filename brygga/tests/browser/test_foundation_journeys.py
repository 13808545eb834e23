"""Journeys through the foundation: public pages, staff login with TOTP, e-mail link login,
the log review. Every page opened is checked with axe-core."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from brygga.accounts.tests.factories import TEST_PASSWORD, current_totp_code
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

from .conftest import assert_no_horizontal_scroll, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_are_swedish_accessible_and_reflow(
    live_server, page, phone_page, organisation, csp_violations
):
    for name in ["website:home", "website:privacy", "website:accessibility", "accounts:login-link"]:
        page.goto(live_server.url + reverse(name))
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.locator("h1").count() == 1
        axe_check(page)
        phone_page.goto(live_server.url + reverse(name))
        assert_no_horizontal_scroll(phone_page)
    page.goto(live_server.url + "/finns-inte/")
    assert "Sidan finns inte" in page.locator("h1").inner_text()
    axe_check(page)
    assert csp_violations == []


def test_skip_link_moves_focus_to_main_content(live_server, page, organisation):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".ds-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_can_be_switched_to_english(live_server, page, organisation):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="My pages").first.is_visible()
    axe_check(page)


def test_staff_signs_in_with_password_and_totp_enrolment(
    live_server, page, manager, csp_violations, time_machine
):
    page.goto(live_server.url + reverse("accounts:staff-home"))
    assert "/personal/logga-in/" in page.url
    axe_check(page)

    # A mistake first: the message is next to the field and the address is kept.
    page.get_by_label("E-postadress").fill(manager.email)
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.get_by_role("button", name="Logga in").click()
    assert page.locator(".ds-error-summary").is_visible()
    assert page.get_by_label("E-postadress").input_value() == manager.email
    axe_check(page)

    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # No app yet: enrolment with a QR code.
    page.wait_for_url(re.compile(r"/personal/tvafaktor/"))
    assert page.locator(".qr svg").is_visible()
    axe_check(page)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    page.get_by_label("Kod från appen").fill(current_totp_code(device))
    page.get_by_role("button", name="Aktivera").click()
    assert page.locator(".recovery-codes li").count() == 10
    axe_check(page)
    page.get_by_role("link", name=re.compile("Jag har sparat koderna")).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hej")
    axe_check(page)

    # Sign out and in again: now the code from the app is asked for.
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_label("E-postadress").fill(manager.email)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/logga-in/kod/"))
    axe_check(page)
    page.get_by_label("Engångskod").fill(
        "000000" if current_totp_code(device) != "000000" else "111111"
    )
    page.get_by_role("button", name="Fortsätt").click()
    assert "Koden stämmer inte" in page.locator(".ds-validation-message").inner_text()
    axe_check(page)
    # A code is accepted once: the app shows the next one 30 seconds later.
    time_machine.move_to(timezone.now() + timedelta(seconds=31), tick=True)
    device.refresh_from_db()
    page.get_by_label("Engångskod").fill(current_totp_code(device))
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(re.compile(r"/personal/$"))
    assert csp_violations == []


def test_log_review_shows_who_read_whom(live_server, page, manager, public_user, settings):
    settings.DEMO_MODE = True  # sign in with the password alone, as in the demo
    page.goto(live_server.url + reverse("accounts:staff-login"))
    page.get_by_label("E-postadress").fill(manager.email)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    assert page.locator(".demo-banner").is_visible()

    page.get_by_role("link", name="Användare").first.click()
    axe_check(page)
    page.get_by_role("link", name="Sara Testsson").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sara Testsson"
    axe_check(page)
    page.get_by_role("link", name="Visa loggen för den här personen").click()
    axe_check(page)
    rows = page.locator("table tbody tr")
    assert rows.count() >= 1
    assert "Användaruppgifter visade" in rows.first.inner_text()
    assert "Visa användaruppgifter" in rows.first.inner_text()
    page.get_by_role("group", name=None).first  # noqa: B018 - the filter panel renders
    page.locator("summary").click()
    axe_check(page)
    assert (
        AuditEvent.objects.filter(
            event_type=AuditEventType.USER_RECORD_VIEWED,
            actor=manager,
            person_id=str(public_user.public_id),
        ).count()
        == 1
    )


def test_public_user_signs_in_with_email_link_once(live_server, page, phone_page, public_user):
    page.goto(live_server.url + reverse("accounts:login-link"))
    page.get_by_role("button", name="Skicka inloggningslänk").click()
    assert "Skriv din e-postadress." in page.locator(".ds-validation-message").inner_text()
    axe_check(page)
    page.get_by_label("Din e-postadress").fill(public_user.email)
    page.get_by_label("Din e-postadress").press("Enter")
    page.wait_for_url(re.compile(r"/logga-in/skickat/"))
    axe_check(page)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[0].body).group(0)
    phone_page.goto(link)
    axe_check(phone_page)
    phone_page.get_by_role("button", name="Logga in").click()
    phone_page.wait_for_url(re.compile(r"/mina-sidor/$"))
    assert "Sara Testsson" in phone_page.locator("main").inner_text()
    assert_no_horizontal_scroll(phone_page)
    axe_check(phone_page)

    # The same link a second time: refused, with a way forward.
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Länken fungerar inte längre"
    axe_check(page)
