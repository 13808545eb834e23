from django.core import mail

import pytest

from brygga.accounts.constants import UserKind
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant, InterestRegistration
from brygga.applicants.services import (
    ApplicantTransitionError,
    applicant_move,
    applicant_withdraw,
)
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.catalogue.models import AssignmentType

from .factories import submit_registration

pytestmark = pytest.mark.django_db


def test_registration_opens_a_case_with_a_public_account_and_mails_a_receipt(
    organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = submit_registration(organisation)
    applicant = registration.applicant
    assert applicant.stage == ApplicantStage.RECEIVED
    assert applicant.user.kind == UserKind.PUBLIC
    assert applicant.user.email == "tolvan@test.example"
    assert registration.reference.startswith("IA-")
    assert [h.to_stage for h in applicant.history.all()] == [ApplicantStage.RECEIVED]
    assert len(mail.outbox) == 1
    assert registration.reference in mail.outbox[0].subject
    assert "två veckor" in mail.outbox[0].body
    assert "191212121212" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_REGISTERED, person_id=str(applicant.public_id)
    ).exists()


def test_second_registration_while_open_is_linked_not_duplicated(organisation):
    first = submit_registration(organisation)
    family = AssignmentType.objects.get(code="kontaktfamilj")
    second = submit_registration(organisation, assignment_types=[family], phone="070-999 99 99")
    assert Applicant.objects.count() == 1
    assert second.applicant == first.applicant
    applicant = Applicant.objects.get()
    assert {t.code for t in applicant.assignment_types.all()} == {"kontaktperson", "kontaktfamilj"}
    assert applicant.phone == "070-999 99 99"
    assert InterestRegistration.objects.filter(applicant=applicant).count() == 2


def test_registration_after_a_closed_case_opens_a_new_one(organisation, public_user):
    first = submit_registration(organisation)
    applicant_withdraw(applicant=first.applicant, actor=first.applicant.user)
    second = submit_registration(organisation)
    assert second.applicant != first.applicant


def test_same_person_in_another_organisation_is_another_case(organisation, other_organisation):
    first = submit_registration(organisation)
    second = submit_registration(other_organisation, email="tolvan2@test.example")
    assert first.applicant != second.applicant


def test_withdrawing_appends_history_and_closes_the_case(organisation):
    applicant = submit_registration(organisation).applicant
    applicant_withdraw(applicant=applicant, actor=applicant.user, reason="Flyttar")
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.WITHDRAWN
    assert applicant.withdrawn_reason == "Flyttar"
    assert [h.to_stage for h in applicant.history.all()] == [
        ApplicantStage.RECEIVED,
        ApplicantStage.WITHDRAWN,
    ]
    with pytest.raises(ApplicantTransitionError):
        applicant_withdraw(applicant=applicant, actor=applicant.user)


def test_moves_outside_the_workflow_are_refused(organisation, case_officer):
    applicant = submit_registration(organisation).applicant
    with pytest.raises(ApplicantTransitionError):
        applicant_move(applicant=applicant, to_stage=ApplicantStage.APPROVED, actor=case_officer)
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.RECEIVED


def test_a_failing_registration_leaves_nothing_half_written(organisation, monkeypatch):
    from brygga.applicants import services

    def broken(*args, **kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        submit_registration(organisation)
    assert Applicant.objects.count() == 0
    assert InterestRegistration.objects.count() == 0
    from brygga.accounts.models import User

    assert not User.objects.filter(email="tolvan@test.example").exists()
