"""The administrators' retention page: rules, dry run, run, ledger."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.applicants import services as applicant_services
from brygga.applicants.models import Applicant
from brygga.applicants.tests.factories import submit_registration
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.retention.models import RetentionRun
from brygga.retention.periods import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(organisation, manager):
    applicant = submit_registration(organisation).applicant
    return applicant_services.applicant_withdraw(applicant=applicant, actor=manager, reason="")


def test_page_shows_rules_and_a_dry_run_without_names(client, administrator, withdrawn):
    login_staff(client, administrator)
    future = add_months(timezone.localdate(), 13).isoformat()
    response = client.get(reverse("retention:overview"), {"as_of": future})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Avslutade klientakter" in html and "SoF 7 kap. 2 §" in html
    assert response.context["sweep"].removed == 1
    assert withdrawn.last_name not in html and withdrawn.personal_identity_number not in html
    assert Applicant.objects.filter(pk=withdrawn.pk).exists()
    viewed = AuditEvent.objects.get(event_type=AuditEventType.RETENTION_DRY_RUN_VIEWED)
    assert viewed.changes == {"as_of": future, "due": 1}


def test_page_rejects_a_bad_date_with_message(client, administrator):
    login_staff(client, administrator)
    response = client.get(reverse("retention:overview"), {"as_of": "2026-02-30"})
    assert response.context["sweep"] is None
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_run_needs_confirmation_and_runs_as_of_today(client, administrator, withdrawn):
    login_staff(client, administrator)
    response = client.post(reverse("retention:run"), {})
    assert response.status_code == 400
    assert "Bekräfta att du har granskat provkörningen." in response.content.decode()
    assert not RetentionRun.objects.exists()
    response = client.post(reverse("retention:run"), {"confirm": "on"})
    assert response.status_code == 302
    run = RetentionRun.objects.get()
    assert run.as_of == timezone.localdate() and run.run_by == administrator
    assert run.removed == 0  # withdrawn today: within its twelve months
    assert Applicant.objects.filter(pk=withdrawn.pk).exists()


def test_page_needs_the_permission(client, manager, case_officer):
    for user in (manager, case_officer):
        login_staff(client, user)
        assert client.get(reverse("retention:overview")).status_code == 403
        assert client.post(reverse("retention:run"), {"confirm": "on"}).status_code == 403
