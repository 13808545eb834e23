"""Every write in recruitment: registering interest, withdrawing, moving between stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any
from uuid import UUID, uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from brygga.accounts.models import Organisation, Unit, User
from brygga.accounts.services import user_get_or_create_public
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.carers.models import Carer
from brygga.carers.services import (
    ApprovalSpec,
    CarerExistsError,
    CarerPerson,
    CheckSpec,
    carer_add_approvals,
    carer_create_from_investigation,
)
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.personnummer import parse_identity_number
from brygga.core.uploads import EXTENSIONS, check_upload, private_storage, safe_filename

from .constants import CLOSED_STAGES, ApplicantStage, CheckOutcome, DecisionOutcome
from .models import (
    Applicant,
    ApplicantDocument,
    ApplicantStageChange,
    ApprovalDecision,
    DeletionRequest,
    HouseholdMember,
    InterestRegistration,
    Reference,
)
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
    availability = {
        "availability": data.answers.get("availability", []),
        "frequency": data.answers.get("frequency", ""),
        "commitment": data.answers.get("commitment", ""),
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
            **availability,
        )
        ApplicantStageChange.objects.create(
            applicant=applicant, to_stage=ApplicantStage.RECEIVED, changed_at=now, actor=actor
        )
        event = AuditEventType.APPLICANT_REGISTERED
    else:
        for name, value in (contact | availability).items():
            setattr(applicant, name, value)
        applicant.save()
        event = AuditEventType.APPLICANT_REGISTRATION_LINKED
    applicant.assignment_types.add(*data.assignment_types)
    applicant.target_groups.add(*data.target_groups)
    _record_household_and_references(applicant, data.answers)

    registration = InterestRegistration.objects.create(
        applicant=applicant,
        # A unique placeholder until the row's id gives the readable reference below.
        reference=f"tmp-{uuid4().hex[:16]}",
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


def _record_household_and_references(applicant: Applicant, answers: dict[str, Any]) -> None:
    """The household and the references from the form, as rows the officer works with.

    A later registration adds people not already listed (matched by name)."""
    known_members = {m.first_name.lower() for m in applicant.household_members.all()}
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            applicant=applicant,
            first_name=member["first_name"],
            birth_year=member["birth_year"],
            relation=member["relation"],
        )
        for member in answers.get("household", [])
        if member["first_name"].lower() not in known_members
    )
    known_references = {r.name.lower() for r in applicant.references.all()}
    Reference.objects.bulk_create(
        Reference(
            applicant=applicant,
            name=reference["name"],
            relation=reference["relation"],
            phone=reference["phone"],
        )
        for reference in answers.get("references", [])
        if reference["name"].lower() not in known_references
    )


def _mail_receipt_on_commit(applicant: Applicant, registration: InterestRegistration) -> None:
    context = {
        "applicant": applicant,
        "registration": registration,
        "login_url": settings.SITE_URL + reverse("accounts:login-link"),
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
    if old == ApplicantStage.PROPOSAL and to_stage not in (
        ApplicantStage.APPROVED,
        ApplicantStage.NOT_APPROVED,
    ):
        # Back to the investigation (or withdrawn): the proposal no longer stands.
        ApprovalDecision.objects.filter(
            applicant=applicant, outcome=DecisionOutcome.PROPOSED
        ).delete()
    applicant.stage = to_stage
    applicant.stage_changed_at = now
    # The service levels count from these moments (the 14-day call-back, the 3-month
    # investigation); they are set once and kept.
    if to_stage == ApplicantStage.CONTACTED and applicant.contacted_at is None:
        applicant.contacted_at = now
    if to_stage == ApplicantStage.INVESTIGATION and applicant.investigation_started_at is None:
        applicant.investigation_started_at = now
    applicant.save(
        update_fields=[
            "stage",
            "stage_changed_at",
            "contacted_at",
            "investigation_started_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_STAGE_CHANGED,
        subject=applicant,
        person=applicant,
        changes={"stage": [old, str(to_stage)]},
    )
    return applicant


@transaction.atomic
def applicant_assign(
    *, applicant: Applicant, officer: User | None, unit: Unit | None, actor: User
) -> Applicant:
    """Make `officer` responsible for the case, in `unit`; both within the organisation."""
    for person_or_unit in (officer, unit):
        if person_or_unit is not None and (
            person_or_unit.organisation_id != applicant.organisation_id
        ):
            raise ValueError("Officer and unit must belong to the applicant's organisation.")
    previous_officer = applicant.assigned_officer
    old = (str(previous_officer.public_id) if previous_officer else "", applicant.unit_id)
    applicant.assigned_officer = officer
    applicant.unit = unit
    applicant.save(update_fields=["assigned_officer", "unit", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_ASSIGNED,
        subject=applicant,
        person=applicant,
        changes={
            "assigned_officer": [old[0], str(officer.public_id) if officer else ""],
            "unit": [old[1], unit.pk if unit else None],
        },
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


# --- Mina sidor: the applicant's own changes -----------------------------------------------


@transaction.atomic
def applicant_update_details(
    *, applicant: Applicant, actor: User, changes: dict[str, Any]
) -> Applicant:
    """Contact details and availability the applicant may change themselves."""
    allowed = {
        "phone",
        "street_address",
        "postal_code",
        "city",
        "availability",
        "frequency",
        "commitment",
    }
    applied = {}
    for name, value in changes.items():
        if name in allowed and getattr(applicant, name) != value:
            applied[name] = [getattr(applicant, name), value]
            setattr(applicant, name, value)
    if applied:
        applicant.save()
        audit_record(
            actor=actor,
            event=AuditEventType.APPLICANT_DETAILS_UPDATED,
            subject=applicant,
            person=applicant,
            changes={"fields": sorted(applied)},
        )
    return applicant


@transaction.atomic
def applicant_document_upload(
    *, applicant: Applicant, upload: UploadedFile[bytes], kind: str, actor: User
) -> ApplicantDocument:
    """Store an uploaded CV or certificate after checking its real type and size.

    The file is written before the row; if the row fails, the file is removed again.
    """
    content_type = check_upload(upload, upload.size or 0)
    stored_name = f"applicants/{applicant.public_id}/{uuid4().hex}{EXTENSIONS[content_type]}"
    storage = private_storage()
    stored_name = storage.save(stored_name, upload)
    try:
        document = ApplicantDocument.objects.create(
            applicant=applicant,
            kind=kind,
            original_name=safe_filename(upload.name or "", content_type),
            stored_name=stored_name,
            content_type=content_type,
            size=upload.size or 0,
            uploaded_at=timezone.now(),
            uploaded_by=actor,
        )
        audit_record(
            actor=actor,
            event=AuditEventType.APPLICANT_DOCUMENT_UPLOADED,
            subject=document,
            person=applicant,
            organisation=applicant.organisation,
            changes={"kind": kind, "size": document.size},
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return document


def applicant_document_open(
    *, document: ApplicantDocument, actor: User, purpose: str = ""
) -> IO[bytes]:
    """Open a stored document for download; the read is logged."""
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DOCUMENT_DOWNLOADED,
        subject=document,
        person=document.applicant,
        organisation=document.applicant.organisation,
        purpose=purpose,
    )
    return private_storage().open(document.stored_name, "rb")


def applicant_data_export(*, applicant: Applicant, actor: User) -> dict[str, Any]:
    """Everything held about the applicant, for their own download; the export is logged."""
    from .selectors import applicant_export

    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DATA_EXPORTED,
        subject=applicant,
        person=applicant,
    )
    return applicant_export(applicant=applicant)


@transaction.atomic
def applicant_deletion_request(
    *, applicant: Applicant, actor: User, message: str = ""
) -> DeletionRequest:
    request = DeletionRequest.objects.create(
        applicant=applicant, requested_at=timezone.now(), message=message[:500]
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DELETION_REQUESTED,
        subject=applicant,
        person=applicant,
    )
    return request


# --- Proposal and decision (förslag till beslut, beslut enligt delegation) -----------------


class ApprovalRefusedError(Exception):
    """Approval is refused while requirements are missing; `reasons` says which, per type."""

    def __init__(self, reasons: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in reasons.items()))
        self.reasons = reasons


@dataclass(frozen=True)
class ProposedApproval:
    assignment_type: AssignmentType
    target_group: TargetGroup | None = None
    valid_until: date | None = None

    @property
    def label(self) -> str:
        group = f" – {self.target_group.name}" if self.target_group else ""
        return f"{self.assignment_type.name}{group}"

    def as_primitive(self) -> dict[str, Any]:
        return {
            "type": self.assignment_type.code,
            "group": self.target_group.code if self.target_group else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


def proposed_approvals(decision: ApprovalDecision) -> list[ProposedApproval]:
    types = {t.code: t for t in AssignmentType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    return [
        ProposedApproval(
            assignment_type=types[item["type"]],
            target_group=groups.get(item["group"]) if item["group"] else None,
            valid_until=date.fromisoformat(item["valid_until"]) if item["valid_until"] else None,
        )
        for item in decision.approvals
    ]


def approval_missing_requirements(
    *, applicant: Applicant, approvals: list[ProposedApproval], on: date
) -> dict[str, list[str]]:
    """For each proposed approval, what is still missing on `on` (only those with gaps)."""
    from .eligibility import missing_requirements
    from .rules import facts_for, rule_for

    missing = {}
    for approval in approvals:
        rule = rule_for(
            organisation=applicant.organisation,
            assignment_type=approval.assignment_type,
            target_group=approval.target_group,
        )
        facts = facts_for(applicant=applicant, on=on, assignment_type=approval.assignment_type)
        reasons = missing_requirements(facts, rule, on)
        if reasons:
            missing[approval.label] = reasons
    return missing


@transaction.atomic
def approval_propose(
    *, applicant: Applicant, approvals: list[ProposedApproval], note: str, actor: User
) -> ApprovalDecision:
    """The recruitment officer proposes approval (or, with no approvals, rejection).

    The case moves to "förslag till beslut"; an earlier undecided proposal is replaced.
    """
    if applicant.stage != ApplicantStage.PROPOSAL:
        applicant = applicant_move(
            applicant=applicant, to_stage=ApplicantStage.PROPOSAL, actor=actor, note=note[:300]
        )
    # A changed proposal replaces the undecided one; decided rows are never touched.
    ApprovalDecision.objects.filter(applicant=applicant, outcome=DecisionOutcome.PROPOSED).delete()
    decision = ApprovalDecision.objects.create(
        applicant=applicant,
        approvals=[a.as_primitive() for a in approvals],
        proposal_note=note,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DECISION_PROPOSED,
        subject=decision,
        person=applicant,
        organisation=applicant.organisation,
        changes={"approvals": decision.approvals},
    )
    return decision


@transaction.atomic
def approval_decide(
    *, decision: ApprovalDecision, approve: bool, reason: str, actor: User, on: date | None = None
) -> ApprovalDecision:
    """The delegate approves or rejects. Approval is refused, with every reason, while a
    required check, reference, meeting or qualification is missing or an extract is too old.

    An approval makes the applicant a carer (or adds the approvals to the carer they already
    are, after a re-investigation); the applicant gets the decision letter by e-mail.
    """
    on = on or timezone.localdate()
    if not actor.has_perm("applicants.decide_applicant"):
        raise PermissionDenied
    decision = ApprovalDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.outcome != DecisionOutcome.PROPOSED:
        raise ApplicantTransitionError("already decided")
    if decision.applicant.organisation_id != actor.organisation_id:
        raise PermissionDenied
    applicant = (
        Applicant.objects.select_related("organisation", "user")
        .prefetch_related(
            "register_checks__household_member",
            "household_members",
            "references",
            "meetings",
            "assessments",
        )
        .get(pk=decision.applicant_id)
    )
    approvals = proposed_approvals(decision)
    if approve:
        if not approvals:
            raise ApprovalRefusedError({"": [str(_("Inget uppdrag är föreslaget."))]})
        missing = approval_missing_requirements(applicant=applicant, approvals=approvals, on=on)
        if missing:
            raise ApprovalRefusedError(missing)
    elif not reason.strip():
        raise ApprovalRefusedError({"": [str(_("Skriv skälet till att ansökan inte godkänns."))]})

    decision.outcome = DecisionOutcome.APPROVED if approve else DecisionOutcome.REJECTED
    decision.decided_by = actor
    decision.decided_at = timezone.now()
    decision.reason = reason
    decision.save()
    applicant_move(
        applicant=applicant,
        to_stage=ApplicantStage.APPROVED if approve else ApplicantStage.NOT_APPROVED,
        actor=actor,
    )
    if approve:
        specs = [
            ApprovalSpec(
                assignment_type=a.assignment_type,
                target_group=a.target_group,
                valid_until=a.valid_until,
            )
            for a in approvals
        ]
        checks = [
            CheckSpec(
                kind=check.kind,
                extract_date=check.extract_date or check.answered_on or on,
                checked_on=check.answered_on or on,
                outcome=check.outcome,
                note=check.assessment[:300],
            )
            for check in applicant.register_checks.all()
            if check.household_member_id is None
            and check.outcome in (CheckOutcome.NO_ENTRY, CheckOutcome.NO_OBSTACLE)
        ]
        reference = f"{decision.public_id}"
        try:
            carer_create_from_investigation(
                organisation=applicant.organisation,
                user=applicant.user,
                person=_carer_person(applicant),
                approvals=specs,
                checks=checks,
                decision_reference=reference,
                source_applicant_ref=applicant.public_id,
                actor=actor,
            )
        except CarerExistsError:
            carer = Carer.objects.get(
                organisation=applicant.organisation,
                personal_identity_number=applicant.personal_identity_number,
            )
            carer_add_approvals(
                carer=carer,
                approvals=specs,
                checks=checks,
                decision_reference=reference,
                actor=actor,
            )
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DECIDED,
        subject=decision,
        person=applicant,
        organisation=applicant.organisation,
        changes={"outcome": decision.outcome, "approvals": decision.approvals},
    )
    from .letters import decision_notify_applicant

    decision_notify_applicant(decision)
    return decision


def _carer_person(applicant: Applicant) -> CarerPerson:
    # The carer's profile starts from what the applicant told us; staff refine it later.
    answers: dict[str, Any] = {}
    for registration in applicant.registrations.order_by("submitted_at"):
        answers.update(registration.answers)
    languages = [
        part.strip() for part in str(answers.get("languages", "")).split(",") if part.strip()
    ]
    return CarerPerson(
        personal_identity_number=applicant.personal_identity_number,
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        birth_date=parse_identity_number(applicant.personal_identity_number).birth_date,
        street_address=applicant.street_address,
        postal_code=applicant.postal_code,
        city=applicant.city,
        phone=applicant.phone,
        email=applicant.email,
        languages=languages,
        has_driving_licence=bool(answers.get("driving_licence")),
        has_car=bool(answers.get("has_car")),
        interests=str(answers.get("interests", "")),
        availability=list(applicant.availability),
        frequency=applicant.frequency,
    )
