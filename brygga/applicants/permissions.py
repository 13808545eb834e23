"""Who may see and handle applicants. `access_applicant` is the only door for staff."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

from .models import Applicant
from .selectors import applicant_for_staff_queryset


def can_view_applicants(user: Any) -> bool:
    """Recruitment officers, their managers and administrators (issue 4 §7)."""
    return is_staff_user(user) and user.has_perm("applicants.view_applicant")


def can_handle_applicants(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("applicants.change_applicant")


def can_decide_applicants(user: Any) -> bool:
    """Holds the delegation to approve or reject (delegationsordningen)."""
    return is_staff_user(user) and user.has_perm("applicants.decide_applicant")


def access_applicant(*, user: Any, public_id: UUID | str, purpose: str) -> Applicant:
    """The applicant `public_id` with everything the case page shows; the read is logged.

    Http404 for an unknown id or another organisation's applicant (existence is not
    revealed); PermissionDenied without the permission.
    """
    if not can_view_applicants(user):
        raise PermissionDenied
    applicant = (
        applicant_for_staff_queryset()
        .filter(public_id=public_id, organisation_id=user.organisation_id)
        .first()
    )
    if applicant is None:
        raise Http404
    audit_record(
        actor=user,
        event=AuditEventType.APPLICANT_RECORD_VIEWED,
        subject=applicant,
        person=applicant,
        purpose=purpose,
    )
    return applicant
