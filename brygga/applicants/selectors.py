from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from brygga.accounts.models import User

from .models import (
    Applicant,
    ApplicantStageChange,
    ApprovalDecision,
    Assessment,
    InterestRegistration,
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
        .prefetch_related("documents", "target_groups", "deletion_requests")
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
