"""The investigation's writes: register checks, references, meetings, assessments, rules."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from brygga.applicants import investigation_services as services
from brygga.applicants.constants import CheckOutcome, MeetingKind, RegisterCheckKind
from brygga.applicants.models import Applicant, RecruitmentSettings, RegisterCheck
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.catalogue.models import AssignmentType, TargetGroup

from .investigation_helpers import applicant_for, member, recruiter_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(organisation):
    return recruiter_for(organisation)


def _events(event):
    return AuditEvent.objects.filter(event_type=event)


def test_a_check_is_requested_then_recorded_and_both_are_audited(organisation, recruiter):
    applicant = applicant_for(organisation)
    today = timezone.localdate()
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        requested_on=today - timedelta(days=5),
        actor=recruiter,
    )
    assert check.outcome == CheckOutcome.PENDING
    services.register_check_record(
        check=check,
        answered_on=today,
        extract_date=None,
        outcome=CheckOutcome.NO_ENTRY,
        assessment="",
        actor=recruiter,
    )
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.NO_ENTRY
    assert check.answered_on == today
    requested = _events(AuditEventType.APPLICANT_REGISTER_CHECK_REQUESTED).get()
    recorded = _events(AuditEventType.APPLICANT_REGISTER_CHECK_RECORDED).get()
    assert requested.person_id == str(applicant.public_id)
    assert recorded.changes["outcome"] == [CheckOutcome.PENDING, CheckOutcome.NO_ENTRY]
    assert recorded.actor == recruiter


@pytest.mark.parametrize("outcome", [CheckOutcome.DISQUALIFIES, CheckOutcome.NO_OBSTACLE])
def test_an_entry_in_a_register_needs_an_assessment(organisation, recruiter, outcome):
    applicant = applicant_for(organisation)
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.SOCIAL_SERVICES,
        requested_on=timezone.localdate(),
        actor=recruiter,
    )
    with pytest.raises(ValidationError) as error:
        services.register_check_record(
            check=check,
            answered_on=timezone.localdate(),
            extract_date=None,
            outcome=outcome,
            assessment="   ",
            actor=recruiter,
        )
    assert "assessment" in error.value.error_dict
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.PENDING
    assert not _events(AuditEventType.APPLICANT_REGISTER_CHECK_RECORDED).exists()

    services.register_check_record(
        check=check,
        answered_on=timezone.localdate(),
        extract_date=None,
        outcome=outcome,
        assessment="Ärende 2015 om ekonomiskt bistånd, avslutat.",
        actor=recruiter,
    )
    check.refresh_from_db()
    assert check.outcome == outcome
    # The assessment text stays in the case, not in the log.
    event = _events(AuditEventType.APPLICANT_REGISTER_CHECK_RECORDED).get()
    assert "bistånd" not in str(event.changes)


def test_an_extract_needs_its_date_and_the_extract_itself_is_never_stored(organisation, recruiter):
    applicant = applicant_for(organisation, groups=["barn-och-unga"])
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CHILDREN_EXTRACT,
        requested_on=timezone.localdate() - timedelta(days=3),
        actor=recruiter,
    )
    with pytest.raises(ValidationError) as error:
        services.register_check_record(
            check=check,
            answered_on=timezone.localdate(),
            extract_date=None,
            outcome=CheckOutcome.NO_ENTRY,
            assessment="",
            actor=recruiter,
        )
    assert "extract_date" in error.value.error_dict
    # There is nowhere to put an extract: no file field on the model, no file argument.
    assert not any(
        field.get_internal_type() in ("FileField", "ImageField", "BinaryField")
        for field in RegisterCheck._meta.get_fields()
        if hasattr(field, "get_internal_type")
    )
    with pytest.raises(TypeError):
        services.register_check_record(  # type: ignore[call-arg]
            check=check,
            answered_on=timezone.localdate(),
            extract_date=timezone.localdate(),
            outcome=CheckOutcome.NO_ENTRY,
            assessment="",
            actor=recruiter,
            extract=b"%PDF",
        )


def test_dates_in_the_future_and_answers_before_the_request_are_refused(organisation, recruiter):
    applicant = applicant_for(organisation)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.register_check_request(
            applicant=applicant,
            kind=RegisterCheckKind.CRIMINAL_RECORD,
            requested_on=today + timedelta(days=1),
            actor=recruiter,
        )
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        requested_on=today,
        actor=recruiter,
    )
    with pytest.raises(ValidationError) as error:
        services.register_check_record(
            check=check,
            answered_on=today - timedelta(days=1),
            extract_date=None,
            outcome=CheckOutcome.NO_ENTRY,
            assessment="",
            actor=recruiter,
        )
    assert "answered_on" in error.value.error_dict


def test_a_household_member_of_another_applicant_is_refused(organisation, recruiter):
    first = applicant_for(organisation, types=["kontaktfamilj"], household=[("Kim", 1979)])
    second = applicant_for(organisation, serial="983")
    with pytest.raises(ValidationError):
        services.register_check_request(
            applicant=second,
            kind=RegisterCheckKind.CRIMINAL_RECORD,
            household_member=member(first, "Kim"),
            requested_on=timezone.localdate(),
            actor=recruiter,
        )


def test_reference_contact_is_recorded_with_notes(organisation, recruiter):
    applicant = applicant_for(organisation, references=["Rebecka Referens"])
    reference = applicant.references.get()
    with pytest.raises(ValidationError):
        services.reference_record_contact(
            reference=reference, contacted_on=timezone.localdate(), notes="", actor=recruiter
        )
    services.reference_record_contact(
        reference=reference,
        contacted_on=timezone.localdate(),
        notes="Känner sökande sedan tio år, pålitlig.",
        actor=recruiter,
    )
    reference.refresh_from_db()
    assert reference.contacted_on == timezone.localdate()
    assert _events(AuditEventType.APPLICANT_REFERENCE_CONTACTED).count() == 1
    services.reference_add(
        applicant=applicant, name="Ny Referens", relation="chef", phone="070-1", actor=recruiter
    )
    assert applicant.references.count() == 2
    assert _events(AuditEventType.APPLICANT_REFERENCE_ADDED).count() == 1


def test_the_first_booked_meeting_starts_the_investigation_once(organisation, recruiter):
    applicant = applicant_for(organisation, types=["kontaktfamilj"])
    assert applicant.investigation_started_at is None
    when = timezone.now() + timedelta(days=7)
    first = services.meeting_book(
        applicant=applicant,
        kind=MeetingKind.INTERVIEW,
        booked_for=when,
        participants="Rut",
        actor=recruiter,
    )
    started = Applicant.objects.get(pk=applicant.pk).investigation_started_at
    assert started is not None
    services.meeting_book(
        applicant=applicant,
        kind=MeetingKind.HOME_VISIT,
        booked_for=when + timedelta(days=7),
        participants="",
        actor=recruiter,
    )
    assert Applicant.objects.get(pk=applicant.pk).investigation_started_at == started
    services.meeting_record(
        meeting=first, held_on=timezone.localdate(), notes="Bra samtal.", actor=recruiter
    )
    first.refresh_from_db()
    assert first.held_on == timezone.localdate()
    assert _events(AuditEventType.APPLICANT_MEETING_BOOKED).count() == 2
    assert _events(AuditEventType.APPLICANT_MEETING_RECORDED).count() == 1
    with pytest.raises(ValidationError):
        services.meeting_record(
            meeting=first,
            held_on=timezone.localdate() + timedelta(days=2),
            notes="x",
            actor=recruiter,
        )


def test_assessment_is_saved_per_type_and_only_for_types_applied_for(organisation, recruiter):
    applicant = applicant_for(organisation, types=["skkp"])
    skkp = AssignmentType.objects.get(code="skkp")
    services.assessment_save(
        applicant=applicant,
        assignment_type=skkp,
        answers={"years_experience": 3.0},
        experience_documented=True,
        summary="Lämplig.",
        actor=recruiter,
    )
    services.assessment_save(
        applicant=applicant,
        assignment_type=skkp,
        answers={"years_experience": 4.0},
        experience_documented=True,
        summary="Lämplig.",
        actor=recruiter,
    )
    assessment = applicant.assessments.get()
    assert assessment.answers == {"years_experience": 4.0}
    assert _events(AuditEventType.APPLICANT_ASSESSMENT_SAVED).count() == 2
    with pytest.raises(ValidationError):
        services.assessment_save(
            applicant=applicant,
            assignment_type=AssignmentType.objects.get(code="kontaktfamilj"),
            answers={},
            experience_documented=False,
            summary="",
            actor=recruiter,
        )


def test_eligibility_rules_are_unique_per_type_and_group_and_audited(
    organisation, other_organisation, manager
):
    kontaktperson = AssignmentType.objects.get(code="kontaktperson")
    children = TargetGroup.objects.get(code="barn-och-unga")
    fields = {
        "assignment_type": kontaktperson,
        "target_group": children,
        "minimum_age": 21,
        "required_checks": [RegisterCheckKind.CRIMINAL_RECORD],
        "extract_max_age_days": 365,
        "minimum_references": 2,
        "requires_interview": True,
        "requires_home_visit": False,
        "requires_experience": False,
        "requires_training": False,
        "assessment_questions": ["Hur ser du på att träffa barnet ensam?"],
    }
    rule = services.eligibility_rule_save(organisation=organisation, fields=fields, actor=manager)
    assert rule.minimum_age == 21
    with pytest.raises(ValidationError) as error:
        services.eligibility_rule_save(organisation=organisation, fields=fields, actor=manager)
    assert "target_group" in error.value.error_dict
    # No group: also only one row, although NULLs do not collide in the database.
    services.eligibility_rule_save(
        organisation=organisation, fields={**fields, "target_group": None}, actor=manager
    )
    with pytest.raises(ValidationError):
        services.eligibility_rule_save(
            organisation=organisation, fields={**fields, "target_group": None}, actor=manager
        )
    with pytest.raises(ValidationError):
        services.eligibility_rule_save(
            organisation=other_organisation, rule=rule, fields=fields, actor=manager
        )
    services.eligibility_rule_save(
        organisation=organisation, rule=rule, fields={**fields, "minimum_age": 23}, actor=manager
    )
    events = _events(AuditEventType.ELIGIBILITY_RULE_SAVED).order_by("id")
    assert events.count() == 3
    assert events.last().changes["minimum_age"] == [21, 23]


def test_recruitment_settings_are_saved_and_audited(organisation, manager):
    services.recruitment_settings_save(
        organisation=organisation, callback_days=10, investigation_warning_days=60, actor=manager
    )
    saved = RecruitmentSettings.objects.get(organisation=organisation)
    assert (saved.callback_days, saved.investigation_warning_days) == (10, 60)
    with pytest.raises(ValidationError):
        services.recruitment_settings_save(
            organisation=organisation, callback_days=0, investigation_warning_days=60, actor=manager
        )
    event = _events(AuditEventType.RECRUITMENT_SETTINGS_SAVED).get()
    assert event.changes["callback_days"] == [14, 10]


def test_a_failing_record_leaves_the_check_untouched(organisation, recruiter, monkeypatch):
    applicant = applicant_for(organisation)
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        requested_on=date(2020, 1, 1),
        actor=recruiter,
    )

    def broken(**kwargs):
        raise RuntimeError("log down")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        services.register_check_record(
            check=check,
            answered_on=timezone.localdate(),
            extract_date=None,
            outcome=CheckOutcome.NO_ENTRY,
            assessment="",
            actor=recruiter,
        )
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.PENDING
