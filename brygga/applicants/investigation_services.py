"""Every write of the investigation (utredning): register checks, references, meetings,
assessments, and the organisation's eligibility rules and recruitment settings.

Register extracts are never stored (lag 2013:852 5 §): a check records its kind, its dates
and the assessed outcome, and nothing here accepts a file. Audit events carry codes and
dates only, never the officer's notes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Organisation, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.catalogue.models import AssignmentType

from .constants import EXTRACT_KINDS, CheckOutcome, MeetingKind, RegisterCheckKind
from .models import (
    Applicant,
    Assessment,
    EligibilityRule,
    HouseholdMember,
    InvestigationMeeting,
    RecruitmentSettings,
    Reference,
    RegisterCheck,
)

# An entry in a register is always assessed individually (domain §2.1 step 3).
ENTRY_OUTCOMES = frozenset({CheckOutcome.NO_OBSTACLE, CheckOutcome.DISQUALIFIES})


def _not_in_future(errors: dict[str, Any], name: str, day: date | None) -> None:
    if day is not None and day > timezone.localdate():
        errors[name] = _("Datumet kan inte vara i framtiden.")


# --- Register checks ------------------------------------------------------------------------


@transaction.atomic
def register_check_request(
    *,
    applicant: Applicant,
    kind: str,
    household_member: HouseholdMember | None = None,
    requested_on: date,
    actor: User,
) -> RegisterCheck:
    """Order a register check (or ask the applicant to show an extract); it waits for an
    answer."""
    errors: dict[str, Any] = {}
    if kind not in RegisterCheckKind.values:
        errors["kind"] = _("Välj ett register.")
    if household_member is not None and household_member.applicant_id != applicant.pk:
        errors["household_member"] = _("Personen hör inte till den sökandes hushåll.")
    _not_in_future(errors, "requested_on", requested_on)
    if errors:
        raise ValidationError(errors)
    check = RegisterCheck.objects.create(
        applicant=applicant,
        household_member=household_member,
        kind=kind,
        requested_on=requested_on,
        outcome=CheckOutcome.PENDING,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_REGISTER_CHECK_REQUESTED,
        subject=applicant,
        person=applicant,
        changes={
            "kind": kind,
            "household_member": household_member.pk if household_member else None,
            "requested_on": requested_on.isoformat(),
        },
    )
    return check


@transaction.atomic
def register_check_record(
    *,
    check: RegisterCheck,
    answered_on: date,
    extract_date: date | None,
    outcome: str,
    assessment: str,
    actor: User,
) -> RegisterCheck:
    """Record the answer: its date, for a shown extract the extract's date, and the outcome.

    An entry in the register (whether or not it is an obstacle) needs the officer's
    assessment in words. The extract itself is never stored.
    """
    check = RegisterCheck.objects.select_for_update().select_related("applicant").get(pk=check.pk)
    assessment = assessment.strip()
    errors: dict[str, Any] = {}
    if outcome not in CheckOutcome.values or outcome == CheckOutcome.PENDING:
        errors["outcome"] = _("Välj vad kontrollen visade.")
    elif outcome in ENTRY_OUTCOMES and not assessment:
        errors["assessment"] = _(
            "Skriv din bedömning av förekomsten: vad den gäller och varför den är eller inte är "
            "ett hinder."
        )
    _not_in_future(errors, "answered_on", answered_on)
    if "answered_on" not in errors and answered_on < check.requested_on:
        errors["answered_on"] = _("Svaret kan inte komma före den dag kontrollen begärdes.")
    if check.kind in EXTRACT_KINDS:
        if extract_date is None:
            errors["extract_date"] = _("Skriv datumet som står på utdraget.")
        else:
            _not_in_future(errors, "extract_date", extract_date)
            if "extract_date" not in errors and extract_date > answered_on:
                errors["extract_date"] = _(
                    "Utdraget kan inte vara utfärdat efter den dag det visades."
                )
    else:
        extract_date = None
    if errors:
        raise ValidationError(errors)
    old_outcome = check.outcome
    check.answered_on = answered_on
    check.extract_date = extract_date
    check.outcome = outcome
    check.assessment = assessment
    check.recorded_by = actor
    check.recorded_at = timezone.now()
    check.save()
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_REGISTER_CHECK_RECORDED,
        subject=check.applicant,
        person=check.applicant,
        changes={
            "kind": check.kind,
            "household_member": check.household_member_id,
            "outcome": [old_outcome, outcome],
            "answered_on": answered_on.isoformat(),
            "extract_date": extract_date.isoformat() if extract_date else None,
        },
    )
    return check


# --- References -----------------------------------------------------------------------------


@transaction.atomic
def reference_add(
    *, applicant: Applicant, name: str, relation: str, phone: str, actor: User
) -> Reference:
    """A reference the applicant named later, for example on the phone."""
    errors: dict[str, Any] = {}
    if not name.strip():
        errors["name"] = _("Skriv referensens namn.")
    if not phone.strip():
        errors["phone"] = _("Skriv ett telefonnummer.")
    if errors:
        raise ValidationError(errors)
    reference = Reference.objects.create(
        applicant=applicant, name=name.strip(), relation=relation.strip(), phone=phone.strip()
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_REFERENCE_ADDED,
        subject=applicant,
        person=applicant,
        changes={"reference": reference.pk},
    )
    return reference


@transaction.atomic
def reference_record_contact(
    *, reference: Reference, contacted_on: date, notes: str, actor: User
) -> Reference:
    """The officer talked to the reference; notes of what was said."""
    reference = (
        Reference.objects.select_for_update().select_related("applicant").get(pk=reference.pk)
    )
    errors: dict[str, Any] = {}
    _not_in_future(errors, "contacted_on", contacted_on)
    if not notes.strip():
        errors["notes"] = _("Skriv vad referensen berättade.")
    if errors:
        raise ValidationError(errors)
    reference.contacted_on = contacted_on
    reference.notes = notes.strip()
    reference.save()
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_REFERENCE_CONTACTED,
        subject=reference.applicant,
        person=reference.applicant,
        changes={"reference": reference.pk, "contacted_on": contacted_on.isoformat()},
    )
    return reference


# --- Meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_book(
    *,
    applicant: Applicant,
    kind: str,
    booked_for: datetime,
    participants: str,
    actor: User,
) -> InvestigationMeeting:
    """Book an investigation interview or a home visit. The first booking starts the
    investigation (`investigation_started_at`)."""
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Välj vilken sorts möte det är.")})
    meeting = InvestigationMeeting.objects.create(
        applicant=applicant,
        kind=kind,
        booked_for=booked_for,
        participants=participants.strip(),
    )
    started = (
        Applicant.objects.filter(pk=applicant.pk, investigation_started_at__isnull=True).update(
            investigation_started_at=timezone.now()
        )
        > 0
    )
    if started:
        applicant.refresh_from_db(fields=["investigation_started_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_MEETING_BOOKED,
        subject=applicant,
        person=applicant,
        changes={
            "meeting": meeting.pk,
            "kind": kind,
            "booked_for": booked_for.isoformat(),
            "investigation_started": started,
        },
    )
    return meeting


@transaction.atomic
def meeting_record(
    *, meeting: InvestigationMeeting, held_on: date, notes: str, actor: User
) -> InvestigationMeeting:
    """The meeting was held: its date and the officer's notes."""
    meeting = (
        InvestigationMeeting.objects.select_for_update()
        .select_related("applicant")
        .get(pk=meeting.pk)
    )
    errors: dict[str, Any] = {}
    _not_in_future(errors, "held_on", held_on)
    if not notes.strip():
        errors["notes"] = _("Skriv anteckningar från mötet.")
    if errors:
        raise ValidationError(errors)
    meeting.held_on = held_on
    meeting.notes = notes.strip()
    meeting.save()
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_MEETING_RECORDED,
        subject=meeting.applicant,
        person=meeting.applicant,
        changes={"meeting": meeting.pk, "kind": meeting.kind, "held_on": held_on.isoformat()},
    )
    return meeting


# --- Assessments ----------------------------------------------------------------------------


def _primitive(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@transaction.atomic
def assessment_save(
    *,
    applicant: Applicant,
    assignment_type: AssignmentType,
    answers: dict[str, Any],
    experience_documented: bool,
    summary: str,
    actor: User,
) -> Assessment:
    """The officer's assessment for one assignment type the applicant applied for."""
    if not applicant.assignment_types.filter(pk=assignment_type.pk).exists():
        raise ValidationError(_("Den sökande har inte sökt den här uppdragstypen."))
    assessment, created = Assessment.objects.update_or_create(
        applicant=applicant,
        assignment_type=assignment_type,
        defaults={
            "answers": {str(k): _primitive(v) for k, v in answers.items()},
            "experience_documented": experience_documented,
            "summary": summary.strip(),
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_ASSESSMENT_SAVED,
        subject=applicant,
        person=applicant,
        changes={
            "assignment_type": assignment_type.code,
            "created": created,
            "experience_documented": experience_documented,
            "questions": sorted(answers),
        },
    )
    return assessment


# --- Configuration --------------------------------------------------------------------------

RULE_FIELDS = (
    "assignment_type",
    "target_group",
    "minimum_age",
    "required_checks",
    "extract_max_age_days",
    "minimum_references",
    "requires_interview",
    "requires_home_visit",
    "requires_experience",
    "requires_training",
    "assessment_questions",
)


def _plain(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def eligibility_rule_save(
    *,
    organisation: Organisation,
    fields: dict[str, Any],
    actor: User,
    rule: EligibilityRule | None = None,
) -> EligibilityRule:
    """Create (`rule=None`) or change one of the organisation's eligibility rules."""
    if rule is not None and rule.organisation_id != organisation.pk:
        raise ValidationError(_("Kravet hör till en annan organisation."))
    created = rule is None
    if rule is None:
        rule = EligibilityRule(organisation=organisation)
    changes: dict[str, Any] = {}
    for name in RULE_FIELDS:
        if name not in fields:
            continue
        old, new = _plain(getattr(rule, name, None)), _plain(fields[name])
        if created or old != new:
            changes[name] = new if created else [old, new]
        setattr(rule, name, fields[name])
    unknown = [k for k in rule.required_checks if k not in RegisterCheckKind.values]
    if unknown:
        raise ValidationError({"required_checks": _("Okänt register.")})
    duplicate = EligibilityRule.objects.filter(
        organisation=organisation,
        assignment_type_id=rule.assignment_type_id,
        target_group_id=rule.target_group_id,
    ).exclude(pk=rule.pk)
    if duplicate.exists():
        raise ValidationError(
            {"target_group": _("Det finns redan krav för den här uppdragstypen och målgruppen.")}
        )
    rule.full_clean(exclude=["organisation"])
    rule.save()
    if "assessment_questions" in changes:
        changes["assessment_questions"] = "changed"  # the text itself is not log data
    audit_record(
        actor=actor,
        event=AuditEventType.ELIGIBILITY_RULE_SAVED,
        subject=rule,
        organisation=organisation,
        changes={"created": created, **changes},
    )
    return rule


@transaction.atomic
def recruitment_settings_save(
    *,
    organisation: Organisation,
    callback_days: int,
    investigation_warning_days: int,
    actor: User,
) -> RecruitmentSettings:
    settings_row, _created = RecruitmentSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    errors: dict[str, Any] = {}
    if not 1 <= callback_days <= 365:
        errors["callback_days"] = _("Ange ett antal dagar mellan 1 och 365.")
    if not 1 <= investigation_warning_days <= 730:
        errors["investigation_warning_days"] = _("Ange ett antal dagar mellan 1 och 730.")
    if errors:
        raise ValidationError(errors)
    changes = {
        name: [getattr(settings_row, name), value]
        for name, value in (
            ("callback_days", callback_days),
            ("investigation_warning_days", investigation_warning_days),
        )
        if getattr(settings_row, name) != value
    }
    settings_row.callback_days = callback_days
    settings_row.investigation_warning_days = investigation_warning_days
    settings_row.save()
    audit_record(
        actor=actor,
        event=AuditEventType.RECRUITMENT_SETTINGS_SAVED,
        subject=settings_row,
        organisation=organisation,
        changes=changes,
    )
    return settings_row
