"""Proposal and delegated decision: approval refused with reasons while anything is
missing; an approval makes the applicant a carer; the applicant gets the letter."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.demo import create_demo_accounts
from brygga.accounts.models import User
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.constants import ApplicantStage, DecisionOutcome, RegisterCheckKind
from brygga.applicants.demo import create_demo_applicants
from brygga.applicants.investigation_demo import create_demo_investigations
from brygga.applicants.models import Applicant, ApprovalDecision
from brygga.applicants.services import (
    ApprovalRefusedError,
    ProposedApproval,
    applicant_move,
    approval_decide,
    approval_missing_requirements,
    approval_propose,
)
from brygga.applicants.tests.factories import submit_registration
from brygga.carers.models import Carer
from brygga.catalogue.models import AssignmentType

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation_with_cases():
    organisation = create_demo_accounts()
    create_demo_applicants(organisation)
    create_demo_investigations(organisation)
    return organisation


@pytest.fixture
def leo(organisation_with_cases):
    """The demo applicant whose investigation is complete (see investigation_demo)."""
    return Applicant.objects.get(organisation=organisation_with_cases, first_name="Leo")


@pytest.fixture
def recruiter(organisation_with_cases):
    return User.objects.get(email="kontaktsekreterare@ekby.example")


@pytest.fixture
def delegate(organisation_with_cases):
    return User.objects.get(email="chef@ekby.example")


def propose_all(applicant, actor):
    approvals = [
        ProposedApproval(assignment_type=t, target_group=g)
        for t in applicant.assignment_types.all()
        for g in (list(applicant.target_groups.all()) or [None])
    ]
    return approval_propose(applicant=applicant, approvals=approvals, note="Lämplig.", actor=actor)


def test_approval_makes_the_applicant_a_carer_and_sends_the_letter(
    leo, recruiter, delegate, django_capture_on_commit_callbacks
):
    decision = propose_all(leo, recruiter)
    leo.refresh_from_db()
    assert leo.stage == ApplicantStage.PROPOSAL
    with django_capture_on_commit_callbacks(execute=True):
        approval_decide(decision=decision, approve=True, reason="", actor=delegate)
    leo.refresh_from_db()
    decision.refresh_from_db()
    assert leo.stage == ApplicantStage.APPROVED
    assert (decision.outcome, decision.decided_by) == (DecisionOutcome.APPROVED, delegate)
    carer = Carer.objects.get(personal_identity_number=leo.personal_identity_number)
    assert carer.user == leo.user
    assert carer.source_applicant_ref == leo.public_id
    assert {a.assignment_type.code for a in carer.approvals.all()} == {
        t.code for t in leo.assignment_types.all()
    }
    assert carer.checks.filter(kind=RegisterCheckKind.CRIMINAL_RECORD).exists()
    letter = mail.outbox[-1]
    assert letter.to == [leo.email]
    assert letter.attachments[0][2] == "application/pdf"


def test_approval_is_refused_with_the_reasons_while_a_check_is_missing(leo, recruiter, delegate):
    leo.register_checks.filter(
        kind=RegisterCheckKind.CRIMINAL_RECORD, household_member=None
    ).delete()
    decision = propose_all(leo, recruiter)
    with pytest.raises(ApprovalRefusedError) as refused:
        approval_decide(decision=decision, approve=True, reason="", actor=delegate)
    reasons = [r for rs in refused.value.reasons.values() for r in rs]
    assert "Polisens belastningsregister saknas" in reasons
    leo.refresh_from_db()
    decision.refresh_from_db()
    assert leo.stage == ApplicantStage.PROPOSAL
    assert decision.outcome == DecisionOutcome.PROPOSED
    assert not Carer.objects.filter(personal_identity_number=leo.personal_identity_number).exists()


def test_rejection_needs_a_reason_and_closes_the_case(leo, recruiter, delegate):
    decision = approval_propose(applicant=leo, approvals=[], note="Olämplig.", actor=recruiter)
    with pytest.raises(ApprovalRefusedError):
        approval_decide(decision=decision, approve=False, reason=" ", actor=delegate)
    approval_decide(
        decision=decision, approve=False, reason="Referenserna avråder.", actor=delegate
    )
    leo.refresh_from_db()
    assert leo.stage == ApplicantStage.NOT_APPROVED
    assert ApprovalDecision.objects.get(pk=decision.pk).reason == "Referenserna avråder."


def test_only_the_delegate_may_decide(client, leo, recruiter, delegate):
    propose_all(leo, recruiter)
    login_staff(client, recruiter)
    url = reverse("applicants:staff-decide", args=[leo.public_id])
    assert client.post(url, {"outcome": "approve"}).status_code == 403
    login_staff(client, delegate)
    response = client.post(url, {"outcome": "approve"})
    assert response.status_code == 302
    leo.refresh_from_db()
    assert leo.stage == ApplicantStage.APPROVED


def test_the_case_page_shows_why_approval_was_refused(client, leo, recruiter, delegate):
    leo.meetings.all().delete()
    propose_all(leo, recruiter)
    login_staff(client, delegate)
    page = client.get(reverse("applicants:staff-detail", args=[leo.public_id])).content.decode()
    assert "Det går inte att godkänna ännu" in page
    assert "Utredningssamtalet är inte genomfört." in page
    response = client.post(
        reverse("applicants:staff-decide", args=[leo.public_id]), {"outcome": "approve"}
    )
    assert response.status_code == 400
    assert "Godkännandet nekades" in response.content.decode()


def test_a_proposal_can_only_be_made_during_the_investigation(
    client, organisation_with_cases, recruiter
):
    received = Applicant.objects.filter(
        organisation=organisation_with_cases, stage=ApplicantStage.RECEIVED
    ).first()
    login_staff(client, recruiter)
    response = client.post(
        reverse("applicants:staff-propose", args=[received.public_id]), {"note": "För tidigt"}
    )
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.stage == ApplicantStage.RECEIVED


def test_rejected_applicant_sees_the_letter_on_mina_sidor(client, leo, recruiter, delegate):
    decision = approval_propose(applicant=leo, approvals=[], note="Nej.", actor=recruiter)
    approval_decide(decision=decision, approve=False, reason="Inte lämplig nu.", actor=delegate)
    client.force_login(leo.user)
    page = client.get(reverse("applicants:detail", args=[leo.public_id])).content.decode()
    letter_url = reverse("letters:decision", args=[leo.public_id, decision.public_id])
    assert letter_url in page
    response = client.get(letter_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_another_organisations_delegate_cannot_decide(leo, recruiter, other_organisation):
    decision = propose_all(leo, recruiter)
    stranger = UserFactory(organisation=other_organisation, roles=[Role.MANAGER])
    from django.test import Client

    client = Client()
    login_staff(client, stranger)
    response = client.post(
        reverse("applicants:staff-decide", args=[leo.public_id]), {"outcome": "approve"}
    )
    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.outcome == DecisionOutcome.PROPOSED


def test_a_carer_re_investigated_for_another_type_keeps_valid_checks(
    organisation_with_cases, leo, recruiter, delegate
):
    """Adding a type to an approved carer does not redo the checks that are still valid."""
    approval_decide(decision=propose_all(leo, recruiter), approve=True, reason="", actor=delegate)
    carer = Carer.objects.get(personal_identity_number=leo.personal_identity_number)
    contact_person = AssignmentType.objects.get(code="kontaktperson")
    again = submit_registration(
        organisation_with_cases,
        personal_identity_number=leo.personal_identity_number,
        email=leo.email,
        assignment_types=[contact_person],
    ).applicant
    assert again.pk != leo.pk and not again.register_checks.exists()
    for stage in (
        ApplicantStage.CONTACTED,
        ApplicantStage.REGISTER_CHECKS,
        ApplicantStage.INVESTIGATION,
    ):
        again = applicant_move(applicant=again, to_stage=stage, actor=recruiter)
    missing = approval_missing_requirements(
        applicant=Applicant.objects.get(pk=again.pk),
        approvals=[ProposedApproval(assignment_type=contact_person)],
        on=timezone.localdate(),
    )
    reasons = [r for rs in missing.values() for r in rs]
    assert not any("register" in r or "Kronofogden" in r for r in reasons), reasons
    assert "Utredningssamtalet är inte genomfört." in reasons
    assert carer.checks.count() >= 4


def test_a_proposal_can_be_changed_before_the_decision(leo, recruiter):
    first = propose_all(leo, recruiter)
    leo.refresh_from_db()
    second = approval_propose(applicant=leo, approvals=[], note="Ändrat: avslag.", actor=recruiter)
    assert not ApprovalDecision.objects.filter(pk=first.pk).exists()
    assert ApprovalDecision.objects.get(applicant=leo).pk == second.pk
    leo.refresh_from_db()
    assert leo.stage == ApplicantStage.PROPOSAL


def test_moving_back_to_the_investigation_withdraws_the_proposal(client, leo, recruiter, delegate):
    propose_all(leo, recruiter)
    leo.refresh_from_db()
    applicant_move(applicant=leo, to_stage=ApplicantStage.INVESTIGATION, actor=recruiter)
    assert not ApprovalDecision.objects.filter(applicant=leo).exists()
    login_staff(client, delegate)
    response = client.post(
        reverse("applicants:staff-decide", args=[leo.public_id]), {"outcome": "approve"}
    )
    assert response.status_code == 404
