"""Journeys through the carer pool and training: a recruitment officer searches the pool,
opens and pauses a carer, checks what expires soon and records training; a carer signs up for
training on Mina sidor. Every page opened is checked with axe-core."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import TEST_PASSWORD, UserFactory
from brygga.carers.constants import CarerStatus, CheckKind, CheckOutcome
from brygga.carers.models import Carer, TrainingSignup
from brygga.carers.services import CheckSpec, training_signup
from brygga.carers.tests.factories import make_carer, make_session

from .conftest import assert_no_horizontal_scroll, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_staff(page, live_server, user):
    page.goto(live_server.url + reverse("accounts:staff-login"))
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/"))


def test_recruitment_officer_searches_pauses_and_follows_up(
    live_server, page, phone_page, organisation, settings, csp_violations
):
    settings.DEMO_MODE = True  # sign in with the password alone, as in the demo
    today = timezone.localdate()
    make_carer(
        organisation,
        first_name="Kim",
        last_name="Exempelsson",
        types=("kontaktfamilj",),
        city="Norra Ekby",
        languages=["svenska", "arabiska"],
        has_car=True,
        checks=[
            CheckSpec(
                CheckKind.CHILDREN_EXTRACT_2013_852,
                today - timedelta(days=350),
                today - timedelta(days=348),
                CheckOutcome.NO_ENTRY,
            )
        ],
    )
    make_carer(organisation, first_name="Robin", last_name="Provberg", city="Lunden")
    recruiter = UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])
    learner = UserFactory(public=True, organisation=organisation, first_name="Alex")
    session = make_session(organisation, title="Introduktion i Ekbyhamn")
    training_signup(session=session, user=learner)

    _sign_in_staff(page, live_server, recruiter)
    page.get_by_role("link", name="Uppdragstagare").first.click()
    page.wait_for_url(re.compile(r"/personal/uppdragstagare/$"))
    axe_check(page)
    assert page.locator("table tbody tr").count() == 2

    page.get_by_label("Uppdragstyp").select_option(label="Kontaktfamilj")
    page.get_by_label("Språk").fill("arab")
    page.get_by_label("Har bil").select_option(label="Ja")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"typ=kontaktfamilj"))
    axe_check(page)
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "Upphör snart" in rows.first.inner_text()

    page.get_by_role("link", name="Exempelsson, Kim").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kim Exempelsson"
    axe_check(page)
    page.get_by_label(re.compile("Anledning till paus")).fill("Föräldraledig i vår")
    page.get_by_role("button", name="Pausa").click()
    page.wait_for_url(re.compile(r"/personal/uppdragstagare/[0-9a-f-]+/$"))
    assert "Uppdragstagaren är pausad." in page.locator("main").inner_text()
    assert "Föräldraledig i vår" in page.locator("main").inner_text()
    axe_check(page)
    assert Carer.objects.get(first_name="Kim").status == CarerStatus.PAUSED

    page.get_by_role("link", name="Uppdragstagare").first.click()
    page.get_by_role("link", name="Upphör snart").first.click()
    page.wait_for_url(re.compile(r"/upphor-snart/$"))
    axe_check(page)
    assert "Kim Exempelsson" in page.locator("table").inner_text()

    page.get_by_role("link", name="Utbildningar").first.click()
    page.wait_for_url(re.compile(r"/personal/utbildningar/$"))
    axe_check(page)
    page.get_by_role("link", name="Ny utbildning").click()
    axe_check(page)
    page.get_by_role("button", name="Spara").click()
    assert page.locator(".ds-error-summary").is_visible()
    axe_check(page)
    page.goto(live_server.url + reverse("carers:training-list"))
    page.get_by_role("link", name=re.compile("Deltagare och närvaro")).first.click()
    axe_check(page)
    page.get_by_label(learner.get_full_name()).check()
    page.get_by_role("button", name="Spara närvaro").click()
    assert "Närvaron är sparad." in page.locator("main").inner_text()
    assert TrainingSignup.objects.get(user=learner).attended is True

    # The pool reflows on a phone without sideways scrolling of the page itself.
    phone_page.context.add_cookies(page.context.cookies())
    phone_page.goto(live_server.url + reverse("carers:carer-list"))
    assert_no_horizontal_scroll(phone_page)
    assert csp_violations == []


def test_public_user_signs_up_for_training_on_my_pages(
    live_server, phone_page, organisation, public_user
):
    session = make_session(organisation, title="Introduktion för nya uppdragstagare")
    make_session(organisation, title="Fortbildning: LSS", capacity=1)
    other = UserFactory(public=True, organisation=organisation)
    training_signup(session=make_session(organisation, title="Full kväll", capacity=1), user=other)

    phone_page.goto(live_server.url + reverse("accounts:login-link"))
    phone_page.get_by_label("Din e-postadress").fill(public_user.email)
    phone_page.get_by_role("button", name="Skicka inloggningslänk").click()
    phone_page.wait_for_url(re.compile(r"/logga-in/skickat/"))
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[0].body).group(0)
    phone_page.goto(link)
    phone_page.get_by_role("button", name="Logga in").click()
    phone_page.wait_for_url(re.compile(r"/mina-sidor/$"))
    axe_check(phone_page)
    assert_no_horizontal_scroll(phone_page)
    assert "Fullbokad" in phone_page.locator("main").inner_text()

    phone_page.get_by_role("button", name=re.compile("Anmäl dig.*Introduktion för nya")).click()
    phone_page.wait_for_url(re.compile(r"/mina-sidor/"))
    assert (
        "Du är anmäld till Introduktion för nya uppdragstagare."
        in phone_page.locator("main").inner_text()
    )
    axe_check(phone_page)
    assert TrainingSignup.objects.get(session=session, user=public_user).cancelled_at is None
    phone_page.get_by_role("button", name=re.compile("Avboka.*Introduktion för nya")).click()
    phone_page.wait_for_url(re.compile(r"/mina-sidor/"))
    assert "Din anmälan är avbokad." in phone_page.locator("main").inner_text()
    assert TrainingSignup.objects.get(session=session, user=public_user).cancelled_at is not None
