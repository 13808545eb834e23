"""Every write about carers: creation from an approved investigation, approvals, status,
profile, and training sign-ups and attendance. Each is audited in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Organisation, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.catalogue.models import AssignmentType, TargetGroup

from .constants import CarerStatus, CheckKind, CheckOutcome, TrainingKind
from .models import (
    Carer,
    CarerApproval,
    CarerCheck,
    CarerStatusChange,
    TrainingSession,
    TrainingSignup,
)
from .workflow import can_change_status


class CarerTransitionError(Exception):
    """The status change is not allowed from the carer's current status."""


class CarerExistsError(Exception):
    """The person is already a carer in the organisation; add approvals to that record."""

    def __init__(self, carer: Carer) -> None:
        super().__init__(f"carer {carer.public_id} exists")
        self.carer = carer


class TrainingFullError(Exception):
    """Every place on the session is taken."""


class TrainingClosedError(Exception):
    """The session is not published, has started, or belongs to another organisation."""


@dataclass(frozen=True)
class CarerPerson:
    """The person fields of a carer, as established by the investigation."""

    personal_identity_number: str
    first_name: str
    last_name: str
    birth_date: date
    street_address: str
    postal_code: str
    city: str
    phone: str
    email: str
    languages: list[str] = field(default_factory=list)
    has_driving_licence: bool = False
    has_car: bool = False
    interests: str = ""
    preferred_client_age_min: int | None = None
    preferred_client_age_max: int | None = None
    max_concurrent_assignments: int = 1
    availability: list[str] = field(default_factory=list)
    frequency: str = ""


@dataclass(frozen=True)
class ApprovalSpec:
    assignment_type: AssignmentType
    target_group: TargetGroup | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class CheckSpec:
    """A register extract that was shown: never the extract itself (domain §2.4)."""

    kind: CheckKind | str
    extract_date: date
    checked_on: date
    outcome: CheckOutcome | str
    note: str = ""


# Fields staff may change on the carer's profile (carer_update_profile).
PROFILE_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "street_address",
        "postal_code",
        "city",
        "phone",
        "email",
        "languages",
        "has_driving_licence",
        "has_car",
        "interests",
        "preferred_client_age_min",
        "preferred_client_age_max",
        "max_concurrent_assignments",
        "availability",
        "frequency",
    }
)


def _validate_person(person: CarerPerson) -> None:
    pnr = person.personal_identity_number
    if not (len(pnr) == 12 and pnr.isdigit()):
        raise ValidationError(_("Personnumret ska ha tolv siffror."))
    _validate_ages(person.preferred_client_age_min, person.preferred_client_age_max)
    if person.max_concurrent_assignments < 1:
        raise ValidationError(_("En uppdragstagare tar minst ett uppdrag åt gången."))


def _validate_ages(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValidationError(_("Den lägsta åldern kan inte vara högre än den högsta."))


def _add_approvals_and_checks(
    *,
    carer: Carer,
    approvals: Iterable[ApprovalSpec],
    checks: Iterable[CheckSpec],
    decision_reference: str,
    actor: User | None,
    today: date,
) -> tuple[list[CarerApproval], list[CarerCheck]]:
    now = timezone.now()
    created_approvals = [
        CarerApproval.objects.create(
            carer=carer,
            assignment_type=spec.assignment_type,
            target_group=spec.target_group,
            approved_on=today,
            valid_until=spec.valid_until,
            decided_by=actor,
            decision_reference=decision_reference,
        )
        for spec in approvals
    ]
    created_checks = [
        CarerCheck.objects.create(
            carer=carer,
            kind=CheckKind(spec.kind),
            extract_date=spec.extract_date,
            checked_on=spec.checked_on,
            outcome=CheckOutcome(spec.outcome),
            note=spec.note,
            recorded_at=now,
            recorded_by=actor,
        )
        for spec in checks
    ]
    return created_approvals, created_checks


def _approval_summary(approvals: list[CarerApproval]) -> list[dict[str, Any]]:
    return [
        {
            "assignment_type": a.assignment_type.code,
            "target_group": a.target_group.code if a.target_group else "",
            "valid_until": a.valid_until.isoformat() if a.valid_until else "",
        }
        for a in approvals
    ]


def _check_summary(checks: list[CarerCheck]) -> list[dict[str, Any]]:
    return [
        {"kind": c.kind, "extract_date": c.extract_date.isoformat(), "outcome": c.outcome}
        for c in checks
    ]


@transaction.atomic
def carer_create_from_investigation(
    *,
    organisation: Organisation,
    user: User,
    person: CarerPerson,
    approvals: list[ApprovalSpec],
    checks: list[CheckSpec],
    decision_reference: str,
    source_applicant_ref: UUID | None,
    actor: User | None,
) -> Carer:
    """Register an approved carer: called by applicants when the delegate approves.

    `user` is the person's public account (Mina sidor). `actor` is the delegate and is recorded
    as `decided_by` on each approval. Raises `CarerExistsError` if the person is already a carer
    in the organisation (use `carer_add_approvals`), `ValidationError` for bad input.
    """
    _validate_person(person)
    if not approvals:
        raise ValidationError(_("Ange minst en uppdragstyp som personen är godkänd för."))
    existing = (
        Carer.objects.select_for_update()
        .filter(organisation=organisation, personal_identity_number=person.personal_identity_number)
        .first()
    )
    if existing is not None:
        raise CarerExistsError(existing)
    now = timezone.now()
    carer = Carer.objects.create(
        organisation=organisation,
        user=user,
        status=CarerStatus.AVAILABLE,
        status_changed_at=now,
        approved_at=now,
        source_applicant_ref=source_applicant_ref,
        **{name: getattr(person, name) for name in person.__dataclass_fields__},
    )
    CarerStatusChange.objects.create(
        carer=carer, to_status=CarerStatus.AVAILABLE, changed_at=now, actor=actor
    )
    created_approvals, created_checks = _add_approvals_and_checks(
        carer=carer,
        approvals=approvals,
        checks=checks,
        decision_reference=decision_reference,
        actor=actor,
        today=timezone.localdate(now),
    )
    audit_record(
        actor=actor,
        event=AuditEventType.CARER_CREATED,
        subject=carer,
        person=carer,
        changes={
            "decision_reference": decision_reference,
            "source_applicant_ref": str(source_applicant_ref) if source_applicant_ref else "",
            "approvals": _approval_summary(created_approvals),
            "checks": _check_summary(created_checks),
        },
    )
    return carer


@transaction.atomic
def carer_add_approvals(
    *,
    carer: Carer,
    approvals: list[ApprovalSpec],
    checks: list[CheckSpec],
    decision_reference: str,
    actor: User | None,
) -> list[CarerApproval]:
    """A re-investigation: add approvals (and the checks it relied on) to an existing carer.

    What is still valid stays as it is; new checks are added beside the old ones (the newest
    extract of a register is the one that counts).
    """
    if not approvals and not checks:
        raise ValidationError(_("Ange minst ett godkännande eller en registerkontroll."))
    if carer.status == CarerStatus.DEREGISTERED:
        raise CarerTransitionError(carer.status)
    created_approvals, created_checks = _add_approvals_and_checks(
        carer=carer,
        approvals=approvals,
        checks=checks,
        decision_reference=decision_reference,
        actor=actor,
        today=timezone.localdate(),
    )
    audit_record(
        actor=actor,
        event=AuditEventType.CARER_APPROVALS_ADDED,
        subject=carer,
        person=carer,
        changes={
            "decision_reference": decision_reference,
            "approvals": _approval_summary(created_approvals),
            "checks": _check_summary(created_checks),
        },
    )
    return created_approvals


@transaction.atomic
def carer_approval_revoke(*, approval: CarerApproval, reason: str, actor: User) -> CarerApproval:
    if approval.revoked_at is not None:
        return approval
    if not reason.strip():
        raise ValidationError(_("Skriv varför godkännandet återkallas."))
    approval.revoked_at = timezone.now()
    approval.revoked_reason = reason.strip()
    approval.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(
        actor=actor,
        event=AuditEventType.CARER_APPROVAL_REVOKED,
        subject=approval.carer,
        person=approval.carer,
        changes={
            "approval": str(approval.public_id),
            "assignment_type": approval.assignment_type.code,
        },
    )
    return approval


def _change_status(*, carer: Carer, to: CarerStatus, reason: str, actor: User | None) -> Carer:
    locked = Carer.objects.select_for_update().get(pk=carer.pk)
    if not can_change_status(locked.status, to):
        raise CarerTransitionError(f"{locked.status} → {to}")
    now = timezone.now()
    old = locked.status
    CarerStatusChange.objects.create(
        carer=locked, from_status=old, to_status=to, changed_at=now, actor=actor, reason=reason
    )
    carer.status = locked.status = to
    carer.status_reason = locked.status_reason = reason
    carer.status_changed_at = locked.status_changed_at = now
    locked.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.CARER_STATUS_CHANGED,
        subject=carer,
        person=carer,
        changes={"status": [old, str(to)], "reason": reason},
    )
    return carer


@transaction.atomic
def carer_pause(*, carer: Carer, reason: str = "", actor: User | None) -> Carer:
    """The carer takes a break: not offered new assignments until resumed."""
    return _change_status(carer=carer, to=CarerStatus.PAUSED, reason=reason.strip(), actor=actor)


@transaction.atomic
def carer_resume(*, carer: Carer, actor: User | None) -> Carer:
    return _change_status(carer=carer, to=CarerStatus.AVAILABLE, reason="", actor=actor)


@transaction.atomic
def carer_assignments_changed(
    *, carer: Carer, active_assignments: int, actor: User | None
) -> Carer:
    """Keep the status in step with the carer's running assignments (the assignments app
    counts them): "i uppdrag" with at least one, "tillgänglig" again with none. A paused or
    deregistered carer keeps that status."""
    if active_assignments > 0 and carer.status == CarerStatus.AVAILABLE:
        return _change_status(carer=carer, to=CarerStatus.IN_ASSIGNMENT, reason="", actor=actor)
    if active_assignments == 0 and carer.status == CarerStatus.IN_ASSIGNMENT:
        return _change_status(carer=carer, to=CarerStatus.AVAILABLE, reason="", actor=actor)
    return carer


@transaction.atomic
def carer_deregister(*, carer: Carer, reason: str, actor: User | None) -> Carer:
    """The carer leaves the pool for good (moved, withdrew, unsuitable). A reason is required."""
    if not reason.strip():
        raise ValidationError(_("Skriv varför uppdragstagaren avregistreras."))
    return _change_status(
        carer=carer, to=CarerStatus.DEREGISTERED, reason=reason.strip(), actor=actor
    )


@transaction.atomic
def carer_update_profile(*, carer: Carer, changes: Mapping[str, Any], actor: User | None) -> Carer:
    """Change profile fields (see PROFILE_FIELDS); records the names of changed fields only."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(carer, name) != value]
    if not changed:
        return carer
    for name in changed:
        setattr(carer, name, changes[name])
    _validate_ages(carer.preferred_client_age_min, carer.preferred_client_age_max)
    if carer.max_concurrent_assignments < 1:
        raise ValidationError(_("En uppdragstagare tar minst ett uppdrag åt gången."))
    carer.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.CARER_PROFILE_UPDATED,
        subject=carer,
        person=carer,
        changes={"fields": sorted(changed)},
    )
    return carer


# --- Training ---------------------------------------------------------------------------------

TRAINING_FIELDS = frozenset(
    {
        "title",
        "kind",
        "starts_at",
        "ends_at",
        "location",
        "link_url",
        "capacity",
        "description",
        "published",
    }
)


def _training_primitive(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _validate_training(fields: Mapping[str, Any]) -> None:
    if fields["ends_at"] <= fields["starts_at"]:
        raise ValidationError({"ends_at": _("Utbildningen måste sluta efter att den börjar.")})
    if not (fields.get("location") or fields.get("link_url")):
        raise ValidationError(
            {"location": _("Skriv var utbildningen hålls eller en länk till mötet.")}
        )


@transaction.atomic
def training_session_create(
    *,
    organisation: Organisation,
    fields: Mapping[str, Any],
    assignment_types: Iterable[AssignmentType] = (),
    actor: User,
) -> TrainingSession:
    data = {name: fields[name] for name in TRAINING_FIELDS if name in fields}
    data.setdefault("kind", TrainingKind.INTRO)
    _validate_training(data)
    session = TrainingSession.objects.create(organisation=organisation, **data)
    types = list(assignment_types)
    session.assignment_types.set(types)
    audit_record(
        actor=actor,
        event=AuditEventType.TRAINING_SESSION_CREATED,
        subject=session,
        changes={
            **{k: _training_primitive(v) for k, v in data.items()},
            "assignment_types": [t.code for t in types],
        },
    )
    return session


@transaction.atomic
def training_session_update(
    *,
    session: TrainingSession,
    fields: Mapping[str, Any],
    assignment_types: Iterable[AssignmentType] | None = None,
    actor: User,
) -> TrainingSession:
    data = {name: fields[name] for name in TRAINING_FIELDS if name in fields}
    merged = {name: getattr(session, name) for name in TRAINING_FIELDS} | data
    _validate_training(merged)
    changes = {
        name: [_training_primitive(getattr(session, name)), _training_primitive(value)]
        for name, value in data.items()
        if getattr(session, name) != value
    }
    for name, value in data.items():
        setattr(session, name, value)
    session.save()
    if assignment_types is not None:
        new_types = list(assignment_types)
        old_codes = sorted(t.code for t in session.assignment_types.all())
        new_codes = sorted(t.code for t in new_types)
        if old_codes != new_codes:
            session.assignment_types.set(new_types)
            changes["assignment_types"] = [old_codes, new_codes]
    if changes:
        audit_record(
            actor=actor,
            event=AuditEventType.TRAINING_SESSION_UPDATED,
            subject=session,
            changes=changes,
        )
    return session


@transaction.atomic
def training_signup(*, session: TrainingSession, user: User) -> TrainingSignup:
    """Sign a person up for a published, upcoming session of their organisation.

    Raises `TrainingClosedError` for any other session and `TrainingFullError` when every place
    is taken. Signing up again after cancelling reuses the row.
    """
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if (
        not locked.published
        or locked.starts_at <= timezone.now()
        or locked.organisation_id != user.organisation_id
    ):
        raise TrainingClosedError
    signup = TrainingSignup.objects.filter(session=locked, user=user).first()
    if signup is not None and signup.cancelled_at is None:
        return signup
    taken = TrainingSignup.objects.filter(session=locked, cancelled_at__isnull=True).count()
    if taken >= locked.capacity:
        raise TrainingFullError
    now = timezone.now()
    if signup is None:
        signup = TrainingSignup.objects.create(session=locked, user=user, signed_up_at=now)
    else:
        signup.signed_up_at = now
        signup.cancelled_at = None
        signup.attended = None
        signup.save(update_fields=["signed_up_at", "cancelled_at", "attended"])
    audit_record(
        actor=user,
        event=AuditEventType.TRAINING_SIGNUP_CREATED,
        subject=locked,
        person=user,
        organisation=locked.organisation,
    )
    return signup


@transaction.atomic
def training_signup_cancel(*, session: TrainingSession, user: User) -> TrainingSignup | None:
    signup = (
        TrainingSignup.objects.select_for_update()
        .filter(session=session, user=user, cancelled_at__isnull=True)
        .first()
    )
    if signup is None:
        return None
    if session.starts_at <= timezone.now():
        raise TrainingClosedError
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["cancelled_at"])
    audit_record(
        actor=user,
        event=AuditEventType.TRAINING_SIGNUP_CANCELLED,
        subject=session,
        person=user,
        organisation=session.organisation,
    )
    return signup


@transaction.atomic
def training_attendance_record(
    *, session: TrainingSession, attended_user_ids: Iterable[int], actor: User
) -> int:
    """Mark who came: every active sign-up is set to attended or not. Returns the number
    changed; one event per person whose attendance changed."""
    present = set(attended_user_ids)
    changed = 0
    for signup in (
        TrainingSignup.objects.select_for_update()
        .select_related("user")
        .filter(session=session, cancelled_at__isnull=True)
    ):
        value = signup.user_id in present
        if signup.attended == value:
            continue
        signup.attended = value
        signup.save(update_fields=["attended"])
        changed += 1
        audit_record(
            actor=actor,
            event=AuditEventType.TRAINING_ATTENDANCE_RECORDED,
            subject=session,
            person=signup.user,
            changes={"attended": value},
        )
    return changed
