"""Every write in recruitment: registering interest, withdrawing, moving between stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from brygga.accounts.models import Organisation, User
from brygga.accounts.services import user_get_or_create_public
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.catalogue.models import AssignmentType, TargetGroup

from .constants import CLOSED_STAGES, ApplicantStage
from .models import Applicant, ApplicantStageChange, InterestRegistration
from .workflow import can_move


class ApplicantTransitionError(Exception):
    """The move is not allowed from the applicant's current stage."""


@dataclass(frozen=True)
class RegistrationData:
    """A validated interest form. `answers` holds the rest of the form as primitives."""

    personal_identity_number: str
    first_name: str
    last_name: str
    street_address: str
    postal_code: str
    city: str
    phone: str
    email: str
    assignment_types: list[AssignmentType]
    target_groups: list[TargetGroup]
    consents: list[str]
    privacy_notice_acknowledged: bool
    answers: dict[str, Any] = field(default_factory=dict)
    open_assignment_ref: UUID | None = None


def _open_case(organisation: Organisation, pnr: str) -> Applicant | None:
    return (
        Applicant.objects.select_for_update()
        .filter(organisation=organisation, personal_identity_number=pnr)
        .exclude(stage__in=CLOSED_STAGES)
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def interest_registration_submit(
    *, organisation: Organisation, data: RegistrationData, actor: User | None = None
) -> InterestRegistration:
    """Store the registration and open (or extend) the applicant's case; mail a receipt.

    A second registration while a case is open is linked to that case, and its assignment
    types and target groups are added to the case; contact details are updated.
    """
    now = timezone.now()
    applicant = _open_case(organisation, data.personal_identity_number)
    contact = {
        "first_name": data.first_name,
        "last_name": data.last_name,
        "street_address": data.street_address,
        "postal_code": data.postal_code,
        "city": data.city,
        "phone": data.phone,
        "email": data.email,
    }
    if applicant is None:
        user = user_get_or_create_public(
            organisation=organisation,
            email=data.email,
            first_name=data.first_name,
            last_name=data.last_name,
            actor=actor,
        )
        applicant = Applicant.objects.create(
            organisation=organisation,
            user=user,
            personal_identity_number=data.personal_identity_number,
            stage=ApplicantStage.RECEIVED,
            stage_changed_at=now,
            **contact,
        )
        ApplicantStageChange.objects.create(
            applicant=applicant, to_stage=ApplicantStage.RECEIVED, changed_at=now, actor=actor
        )
        event = AuditEventType.APPLICANT_REGISTERED
    else:
        for name, value in contact.items():
            setattr(applicant, name, value)
        applicant.save()
        event = AuditEventType.APPLICANT_REGISTRATION_LINKED
    applicant.assignment_types.add(*data.assignment_types)
    applicant.target_groups.add(*data.target_groups)

    registration = InterestRegistration.objects.create(
        applicant=applicant,
        reference=f"tmp-{now.timestamp()}",
        submitted_at=now,
        open_assignment_ref=data.open_assignment_ref,
        answers=data.answers,
        consents=sorted(data.consents),
        privacy_notice_acknowledged=data.privacy_notice_acknowledged,
    )
    registration.reference = f"IA-{now:%Y}-{registration.pk:05d}"
    registration.save(update_fields=["reference"])
    audit_record(
        actor=actor,
        event=event,
        subject=applicant,
        person=applicant,
        organisation=organisation,
        changes={
            "reference": registration.reference,
            "assignment_types": sorted(t.code for t in data.assignment_types),
        },
    )
    _mail_receipt_on_commit(applicant, registration)
    return registration


def _mail_receipt_on_commit(applicant: Applicant, registration: InterestRegistration) -> None:
    context = {
        "applicant": applicant,
        "registration": registration,
        "organisation": applicant.organisation,
        "types": [t.name for t in applicant.assignment_types.all()],
    }
    language = translation.get_language()

    def send() -> None:
        with translation.override(language):
            send_mail(
                subject=render_to_string("applicants/email/receipt_subject.txt", context).strip(),
                message=render_to_string("applicants/email/receipt.txt", context),
                from_email=None,
                recipient_list=[applicant.email],
            )

    transaction.on_commit(send)


@transaction.atomic
def applicant_move(
    *, applicant: Applicant, to_stage: ApplicantStage, actor: User | None, note: str = ""
) -> Applicant:
    """Move the case to another stage if the workflow allows it; the move is appended."""
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    if not can_move(applicant.stage, to_stage):
        raise ApplicantTransitionError(f"{applicant.stage} → {to_stage}")
    now = timezone.now()
    ApplicantStageChange.objects.create(
        applicant=applicant,
        from_stage=applicant.stage,
        to_stage=to_stage,
        changed_at=now,
        actor=actor,
        note=note,
    )
    old = applicant.stage
    applicant.stage = to_stage
    applicant.stage_changed_at = now
    applicant.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_STAGE_CHANGED,
        subject=applicant,
        person=applicant,
        changes={"stage": [old, str(to_stage)]},
    )
    return applicant


@transaction.atomic
def applicant_withdraw(*, applicant: Applicant, actor: User, reason: str = "") -> Applicant:
    """The applicant ends their own case from Mina sidor."""
    applicant = applicant_move(
        applicant=applicant, to_stage=ApplicantStage.WITHDRAWN, actor=actor, note=reason[:300]
    )
    applicant.withdrawn_reason = reason[:300]
    applicant.save(update_fields=["withdrawn_reason", "updated_at"])
    return applicant
