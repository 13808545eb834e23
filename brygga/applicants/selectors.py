from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from brygga.accounts.models import User

from .models import Applicant, ApplicantStageChange, InterestRegistration


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
    return Applicant.objects.filter(user=user, public_id=public_id).first()
