"""Loggkontroll and gallring in a real browser, with axe on every page (issue 8)."""

import re

from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import TEST_PASSWORD, UnitFactory, UserFactory
from brygga.applicants import services as applicant_services
from brygga.applicants.tests.factories import submit_registration
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.clients.tests.factories import make_client
from brygga.retention.models import RetentionRun
from brygga.retention.periods import add_months

from .conftest import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user, settings):
    settings.DEMO_MODE = True  # sign in with the password alone, as in the demo
    page.goto(live_server.url + reverse("accounts:staff-login"))
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def test_log_review_flags_unusual_reads_and_summarises_per_staff_member(
    live_server, page, organisation, unit, manager, settings, csp_violations
):
    elsewhere = UnitFactory(organisation=organisation, name="Vuxenenheten")
    outsider = UserFactory(
        organisation=organisation, roles=[Role.CASE_OFFICER], units=[elsewhere], first_name="Otto"
    )
    person = make_client(organisation, unit, manager, protected_identity=True)
    audit_record(
        actor=outsider,
        event=AuditEventType.CLIENT_RECORD_VIEWED,
        subject=person,
        person=person,
        purpose="Handläggning",
    )
    _sign_in(page, live_server, manager, settings)
    page.get_by_role("link", name="Loggkontroll").first.click()
    page.wait_for_url(re.compile("/personal/logg/$"))
    row = page.locator("table tbody tr", has_text="Klientens uppgifter visade").first
    assert "Utanför egen enhet" in row.inner_text()
    assert "Skyddade personuppgifter" in row.inner_text()
    assert page.get_by_role("link", name="Exportera urvalet (CSV)").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Läsningar per medarbetare").click()
    page.wait_for_url(re.compile("/personal/logg/lasningar/"))
    summary_row = page.locator("table tbody tr", has_text="Otto")
    assert summary_row.locator("td").nth(0).inner_text() == "1"
    assert "Granska" in summary_row.inner_text()
    axe_check(page)

    # A reversed period: the message by the field, the dates kept.
    page.get_by_label("Från och med").fill("2026-02-01")
    page.get_by_label("Till och med").fill("2026-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Visa").click()
    assert "Slutdatumet kan inte vara före startdatumet." in page.content()
    assert page.get_by_label("Från och med").input_value() == "2026-02-01"
    axe_check(page)
    assert csp_violations == []


def test_administrator_dry_runs_and_runs_retention(
    live_server, page, organisation, manager, administrator, settings, csp_violations
):
    applicant = submit_registration(organisation).applicant
    applicant_services.applicant_withdraw(applicant=applicant, actor=manager, reason="")
    _sign_in(page, live_server, administrator, settings)
    page.get_by_role("link", name="Gallring").first.click()
    page.wait_for_url(re.compile("/personal/gallring/$"))
    assert page.get_by_role("heading", name="Gallringsregler").is_visible()
    axe_check(page)

    future = add_months(timezone.localdate(), 13).isoformat()
    page.get_by_label("Gallringsdatum").fill(future)
    with page.expect_navigation():
        page.get_by_role("button", name="Provkör").click()
    assert "skulle 1 handling gallras" in page.get_by_role("status").first.inner_text()
    assert applicant.last_name not in page.content()
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Gallra", exact=True).click()
    assert "Bekräfta att du har granskat provkörningen." in page.content()
    axe_check(page)
    page.get_by_label("Jag har granskat provkörningen och vill gallra nu").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gallra", exact=True).click()
    assert "Gallringen är klar" in page.content()
    assert RetentionRun.objects.get().run_by == administrator
    axe_check(page)
    assert csp_violations == []
