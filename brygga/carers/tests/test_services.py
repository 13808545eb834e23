"""Services: creation from an investigation, approvals, status history, profile; audited."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.carers import services
from brygga.carers.constants import CarerStatus, CheckKind, CheckOutcome
from brygga.carers.models import CarerStatusChange
from brygga.catalogue.models import AssignmentType, TargetGroup

from .factories import make_carer, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(organisation):
    return UserFactory(organisation=organisation, roles=[Role.MANAGER])


def events(event_type, carer=None):
    qs = AuditEvent.objects.filter(event_type=event_type)
    if carer is not None:
        qs = qs.filter(person_id=str(carer.public_id))
    return qs


def test_create_from_investigation_stores_approvals_checks_and_history(
    organisation, delegate, public_user
):
    today = timezone.localdate()
    ref = uuid.uuid4()
    carer = services.carer_create_from_investigation(
        organisation=organisation,
        user=public_user,
        person=make_person(languages=["Svenska", "Arabiska"], has_car=True),
        approvals=[
            services.ApprovalSpec(
                AssignmentType.objects.get(code="kontaktperson"),
                TargetGroup.objects.get(code="barn-och-unga"),
            ),
            services.ApprovalSpec(AssignmentType.objects.get(code="ledsagare"), None),
        ],
        checks=[
            services.CheckSpec(
                CheckKind.LSS_EXTRACT_2010_479, today - timedelta(days=3), today, "no_entry"
            )
        ],
        decision_reference="SN 2026/41",
        source_applicant_ref=ref,
        actor=delegate,
    )
    assert carer.status == CarerStatus.AVAILABLE
    assert carer.source_applicant_ref == ref
    assert carer.languages_search == "|svenska|arabiska|"
    approvals = list(carer.approvals.order_by("assignment_type__order"))
    assert [a.assignment_type.code for a in approvals] == ["kontaktperson", "ledsagare"]
    assert all(a.decided_by == delegate and a.approved_on == today for a in approvals)
    check = carer.checks.get()
    assert check.outcome == CheckOutcome.NO_ENTRY and check.recorded_by == delegate
    assert [c.to_status for c in carer.status_changes.all()] == [CarerStatus.AVAILABLE]
    event = events(AuditEventType.CARER_CREATED, carer).get()
    assert event.actor == delegate
    assert event.changes["decision_reference"] == "SN 2026/41"
    assert event.changes["source_applicant_ref"] == str(ref)
    assert "personal_identity_number" not in str(event.changes)


def test_the_same_person_twice_in_one_organisation_is_refused(organisation, other_organisation):
    carer = make_carer(organisation)
    with pytest.raises(services.CarerExistsError) as error:
        make_carer(organisation, personal_identity_number=carer.personal_identity_number)
    assert error.value.carer == carer
    # another organisation investigates on its own
    make_carer(other_organisation, personal_identity_number=carer.personal_identity_number)


def test_bad_input_is_refused(organisation, public_user):
    with pytest.raises(ValidationError):
        services.carer_create_from_investigation(
            organisation=organisation,
            user=public_user,
            person=make_person(personal_identity_number="123"),
            approvals=[services.ApprovalSpec(AssignmentType.objects.first())],
            checks=[],
            decision_reference="",
            source_applicant_ref=None,
            actor=None,
        )
    with pytest.raises(ValidationError):
        services.carer_create_from_investigation(
            organisation=organisation,
            user=public_user,
            person=make_person(),
            approvals=[],
            checks=[],
            decision_reference="",
            source_applicant_ref=None,
            actor=None,
        )


def test_reinvestigation_adds_a_type_and_keeps_what_is_valid(organisation, delegate):
    carer = make_carer(organisation, types=("kontaktperson",))
    first = carer.approvals.get()
    today = timezone.localdate()
    added = services.carer_add_approvals(
        carer=carer,
        approvals=[services.ApprovalSpec(AssignmentType.objects.get(code="skkp"))],
        checks=[services.CheckSpec(CheckKind.CHILDREN_EXTRACT_2013_852, today, today, "no_entry")],
        decision_reference="SN 2026/77",
        actor=delegate,
    )
    assert [a.assignment_type.code for a in added] == ["skkp"]
    assert carer.approvals.count() == 2
    first.refresh_from_db()
    assert first.revoked_at is None
    assert carer.checks.count() == 2
    event = events(AuditEventType.CARER_APPROVALS_ADDED, carer).get()
    assert event.changes["approvals"][0]["assignment_type"] == "skkp"


def test_pause_resume_deregister_append_history(organisation, delegate):
    carer = make_carer(organisation)
    services.carer_pause(carer=carer, reason="Föräldraledig", actor=delegate)
    assert carer.status == CarerStatus.PAUSED and carer.status_reason == "Föräldraledig"
    services.carer_resume(carer=carer, actor=delegate)
    with pytest.raises(ValidationError):
        services.carer_deregister(carer=carer, reason="  ", actor=delegate)
    services.carer_deregister(carer=carer, reason="Flyttat", actor=delegate)
    carer.refresh_from_db()
    assert carer.status == CarerStatus.DEREGISTERED
    history = list(CarerStatusChange.objects.filter(carer=carer).order_by("id"))
    assert [(h.from_status, h.to_status) for h in history] == [
        ("", "available"),
        ("available", "paused"),
        ("paused", "available"),
        ("available", "deregistered"),
    ]
    assert history[-1].reason == "Flyttat" and history[-1].actor == delegate
    assert events(AuditEventType.CARER_STATUS_CHANGED, carer).count() == 3
    with pytest.raises(services.CarerTransitionError):
        services.carer_resume(carer=carer, actor=delegate)
    with pytest.raises(services.CarerTransitionError):
        services.carer_add_approvals(
            carer=carer,
            approvals=[services.ApprovalSpec(AssignmentType.objects.first())],
            checks=[],
            decision_reference="",
            actor=delegate,
        )


def test_cannot_resume_someone_who_is_not_paused(organisation, delegate):
    carer = make_carer(organisation)
    with pytest.raises(services.CarerTransitionError):
        services.carer_resume(carer=carer, actor=delegate)
    assert events(AuditEventType.CARER_STATUS_CHANGED, carer).count() == 0


def test_profile_update_records_field_names_only(organisation, delegate):
    carer = make_carer(organisation)
    services.carer_update_profile(
        carer=carer,
        changes={"languages": ["svenska", "Tigrinja"], "has_car": True, "city": "Centrum"},
        actor=delegate,
    )
    carer.refresh_from_db()
    assert carer.languages_search == "|svenska|tigrinja|"
    event = events(AuditEventType.CARER_PROFILE_UPDATED, carer).get()
    assert event.changes == {"fields": ["has_car", "languages"]}
    services.carer_update_profile(carer=carer, changes={"has_car": True}, actor=delegate)
    assert events(AuditEventType.CARER_PROFILE_UPDATED, carer).count() == 1
    with pytest.raises(ValueError):
        services.carer_update_profile(
            carer=carer, changes={"personal_identity_number": "x"}, actor=delegate
        )
    with pytest.raises(ValidationError):
        services.carer_update_profile(
            carer=carer,
            changes={"preferred_client_age_min": 15, "preferred_client_age_max": 10},
            actor=delegate,
        )


def test_revoking_an_approval(organisation, delegate):
    carer = make_carer(organisation)
    approval = carer.approvals.get()
    with pytest.raises(ValidationError):
        services.carer_approval_revoke(approval=approval, reason="", actor=delegate)
    services.carer_approval_revoke(approval=approval, reason="Lex Sarah-utredning", actor=delegate)
    approval.refresh_from_db()
    assert approval.revoked_at is not None
    assert events(AuditEventType.CARER_APPROVAL_REVOKED, carer).count() == 1
