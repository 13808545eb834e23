"""The demo investigations load on top of the demo applicants."""

from __future__ import annotations

from django.utils import timezone

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.demo import create_demo_applicants
from brygga.applicants.investigation_demo import create_demo_investigations
from brygga.applicants.models import Applicant, EligibilityRule
from brygga.applicants.rules import investigation_checklist, requirements_by_type
from brygga.applicants.selectors import applicant_for_staff_queryset

pytestmark = pytest.mark.django_db


def test_demo_cases_have_checks_references_meetings_and_rules():
    organisation = create_demo_accounts()
    create_demo_applicants(organisation)
    create_demo_investigations(organisation)
    assert EligibilityRule.objects.filter(organisation=organisation).count() == 3
    leo = applicant_for_staff_queryset().get(organisation=organisation, first_name="Leo")
    today = timezone.localdate()
    assert {row.status for row in investigation_checklist(leo, today)} == {"ok"}
    assert leo.meetings.filter(held_on__isnull=False).exists()
    assert leo.investigation_started_at is not None
    assert all(not r.missing for r in requirements_by_type(leo, today))
    for stage in (ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS):
        applicant = Applicant.objects.get(organisation=organisation, stage=stage)
        assert applicant.register_checks.exists()
        assert applicant.references.count() == 2
