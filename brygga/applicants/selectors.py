from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from brygga.accounts.models import User

from .constants import CLOSED_STAGES, ApplicantStage
from .models import (
    Applicant,
    ApplicantStageChange,
    ApprovalDecision,
    Assessment,
    InterestRegistration,
    RecruitmentSettings,
    RegisterCheck,
)


def applicant_list_for_owner(*, user: User) -> QuerySet[Applicant]:
    """A person's own recruitment cases, newest first, with what Mina sidor shows."""
    return (
        Applicant.objects.filter(user=user)
        .prefetch_related(
            "assignment_types",
            Prefetch("history", queryset=ApplicantStageChange.objects.order_by("changed_at")),
            Prefetch(
                "registrations", queryset=InterestRegistration.objects.order_by("submitted_at")
            ),
        )
        .order_by("-created_at")
    )


def applicant_get_for_owner(*, user: User, public_id: str) -> Applicant | None:
    """The applicant's own case, or None: one person never reaches another's case."""
    return (
        applicant_list_for_owner(user=user)
        .prefetch_related("documents", "target_groups", "deletion_requests", "decisions")
        .filter(public_id=public_id)
        .first()
    )


def applicant_export(*, applicant: Applicant) -> dict[str, Any]:
    """Everything Brygga holds about an applicant, for their own download (GDPR art. 15/20)."""
    return {
        "personuppgifter": {
            "förnamn": applicant.first_name,
            "efternamn": applicant.last_name,
            "personnummer": applicant.personal_identity_number,
            "gatuadress": applicant.street_address,
            "postnummer": applicant.postal_code,
            "ort": applicant.city,
            "telefon": applicant.phone,
            "e-post": applicant.email,
        },
        "ärende": {
            "status": str(applicant.get_stage_display()),
            "uppdragstyper": [t.name for t in applicant.assignment_types.all()],
            "målgrupper": [g.name for g in applicant.target_groups.all()],
            "tillgänglighet": applicant.availability,
            "hur_ofta": applicant.frequency,
            "hur_länge": applicant.commitment,
            "skapat": applicant.created_at.isoformat(),
        },
        "historik": [
            {
                "datum": change.changed_at.isoformat(),
                "från": change.from_stage,
                "till": change.to_stage,
            }
            for change in applicant.history.all()
        ],
        "intresseanmälningar": [
            {
                "referensnummer": registration.reference,
                "inskickad": registration.submitted_at.isoformat(),
                "svar": registration.answers,
                "medgivanden": registration.consents,
            }
            for registration in applicant.registrations.all()
        ],
        "dokument": [
            {
                "filnamn": document.original_name,
                "typ": document.kind,
                "storlek_byte": document.size,
                "uppladdad": document.uploaded_at.isoformat(),
            }
            for document in applicant.documents.all()
        ],
    }


def applicant_for_staff_queryset() -> QuerySet[Applicant]:
    """Everything the staff case page shows, loaded in a fixed number of queries."""
    return Applicant.objects.select_related(
        "organisation", "assigned_officer", "unit", "user"
    ).prefetch_related(
        "assignment_types",
        "target_groups",
        "household_members",
        Prefetch(
            "register_checks",
            queryset=RegisterCheck.objects.select_related("household_member", "recorded_by"),
        ),
        "references",
        "meetings",
        Prefetch("assessments", queryset=Assessment.objects.select_related("assignment_type")),
        Prefetch(
            "decisions",
            queryset=ApprovalDecision.objects.select_related("proposed_by", "decided_by"),
        ),
        Prefetch(
            "history",
            queryset=ApplicantStageChange.objects.select_related("actor").order_by("changed_at"),
        ),
        Prefetch("registrations", queryset=InterestRegistration.objects.order_by("submitted_at")),
        "documents",
    )


@dataclass(frozen=True)
class WorklistFilters:
    stages: tuple[str, ...] = ()
    assignment_type: str = ""
    officer: str = ""  # "me", "none", a user's public id, or "" for everyone
    unit_id: int | None = None
    overdue_only: bool = False


def recruitment_settings_for(organisation_id: int) -> RecruitmentSettings:
    """The organisation's service levels, or the defaults (unsaved) when none are stored."""
    settings_row = RecruitmentSettings.objects.filter(organisation_id=organisation_id).first()
    return settings_row or RecruitmentSettings(organisation_id=organisation_id)


def _callback_overdue(settings_row: RecruitmentSettings, now: datetime) -> Q:
    return Q(
        stage=ApplicantStage.RECEIVED,
        contacted_at__isnull=True,
        created_at__lt=now - timedelta(days=settings_row.callback_days),
    )


def _investigation_overdue(settings_row: RecruitmentSettings, now: datetime) -> Q:
    return Q(
        investigation_started_at__lt=now - timedelta(days=settings_row.investigation_warning_days)
    ) & ~Q(stage__in=CLOSED_STAGES)


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def applicant_worklist(
    *, viewer: User, filters: WorklistFilters, now: datetime | None = None
) -> QuerySet[Applicant]:
    """Open applicants of the viewer's organisation for the recruitment worklist, overdue
    first, then the longest waiting in their stage.

    Each row is annotated with `callback_overdue` (not called back within the organisation's
    `callback_days`) and `investigation_overdue` (investigation older than
    `investigation_warning_days`), computed in SQL so the list pages in the database and
    costs the same number of queries for any number of rows.
    """
    now = now or timezone.now()
    if viewer.organisation_id is None:
        return Applicant.objects.none()
    settings_row = recruitment_settings_for(viewer.organisation_id)
    callback, investigation = (
        _callback_overdue(settings_row, now),
        _investigation_overdue(settings_row, now),
    )
    applicants = Applicant.objects.filter(organisation_id=viewer.organisation_id)
    stages = filters.stages or tuple(s for s in ApplicantStage if s not in CLOSED_STAGES)
    applicants = applicants.filter(stage__in=stages)
    if filters.assignment_type:
        applicants = applicants.filter(
            pk__in=Applicant.assignment_types.through.objects.filter(
                assignmenttype__code=filters.assignment_type
            ).values("applicant_id")
        )
    if filters.officer == "me":
        applicants = applicants.filter(assigned_officer=viewer)
    elif filters.officer == "none":
        applicants = applicants.filter(assigned_officer__isnull=True)
    elif filters.officer:
        applicants = applicants.filter(assigned_officer__public_id=filters.officer)
    if filters.unit_id:
        applicants = applicants.filter(unit_id=filters.unit_id)
    if filters.overdue_only:
        applicants = applicants.filter(callback | investigation)
    return (
        applicants.annotate(
            callback_overdue=_flag(callback),
            investigation_overdue=_flag(investigation),
            overdue=_flag(callback | investigation),
        )
        .select_related("assigned_officer", "unit")
        .prefetch_related("assignment_types")
        .order_by("-overdue", "stage_changed_at", "id")
    )


def applicant_flags(applicant: Applicant, now: datetime | None = None) -> tuple[bool, bool]:
    """(not called back in time, investigation older than allowed) for one case page."""
    now = now or timezone.now()
    settings_row = recruitment_settings_for(applicant.organisation_id)
    found = (
        Applicant.objects.filter(pk=applicant.pk)
        .annotate(
            callback_overdue=_flag(_callback_overdue(settings_row, now)),
            investigation_overdue=_flag(_investigation_overdue(settings_row, now)),
        )
        .values_list("callback_overdue", "investigation_overdue")
        .get()
    )
    return bool(found[0]), bool(found[1])
