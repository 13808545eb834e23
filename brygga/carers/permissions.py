"""Who may see or change carers. `access_carer` is the only door to one carer's record."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

from .models import Carer, CarerApproval, CarerCheck, CarerStatusChange

VIEW_CARER = "carers.view_carer"
CHANGE_CARER = "carers.change_carer"
MANAGE_TRAINING = "carers.manage_training"


def can_view_carers(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm(VIEW_CARER) and user.organisation_id is not None


def can_change_carers(user: Any) -> bool:
    return can_view_carers(user) and user.has_perm(CHANGE_CARER)


def access_carer(*, user: User, public_id: UUID | str, purpose: str) -> Carer:
    """The carer `public_id`, for a staff member allowed to see it; the read is logged.

    Raises Http404 for an unknown id and for carers of another organisation (so their
    existence is not revealed), PermissionDenied without `carers.view_carer`.
    """
    if not can_view_carers(user):
        raise PermissionDenied
    try:
        UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    carer = (
        Carer.objects.select_related("organisation", "user")
        .prefetch_related(
            Prefetch(
                "approvals",
                queryset=CarerApproval.objects.select_related(
                    "assignment_type", "target_group", "decided_by"
                ),
            ),
            Prefetch("checks", queryset=CarerCheck.objects.order_by("kind", "-extract_date")),
            Prefetch(
                "status_changes",
                queryset=CarerStatusChange.objects.select_related("actor").order_by(
                    "-changed_at", "-id"
                ),
            ),
        )
        .filter(public_id=public_id, organisation=user.organisation)
        .first()
    )
    if carer is None:
        raise Http404
    audit_record(
        actor=user,
        event=AuditEventType.CARER_RECORD_VIEWED,
        subject=carer,
        person=carer,
        purpose=purpose,
    )
    return carer


def carer_list_record_view(*, user: User, filters: dict[str, Any], purpose: str) -> None:
    """Record that `user` saw a list of carers (names and areas): once per page or API call."""
    audit_record(
        actor=user,
        event=AuditEventType.CARER_LIST_VIEWED,
        organisation=user.organisation,
        changes={"filters": filters},
        purpose=purpose,
    )
