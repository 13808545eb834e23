"""Who may see or do what with accounts. `access_*` are the only doors to a person's record."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

from .models import User


def can_view_users(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("accounts.view_user")


def can_view_user(user: Any, target: User) -> bool:
    return can_view_users(user) and target.organisation_id == user.organisation_id


def access_user(*, user: User, public_id: UUID | str, purpose: str) -> User:
    """The account `public_id`, for a staff member allowed to see it; the read is logged.

    Raises Http404 for an unknown id and for accounts in another organisation (so their
    existence is not revealed), PermissionDenied without the permission.
    """
    if not can_view_users(user):
        raise PermissionDenied
    target = (
        User.objects.select_related("organisation")
        .prefetch_related("groups", "units")
        .filter(public_id=public_id)
        .first()
    )
    if target is None or not can_view_user(user, target):
        raise Http404
    audit_record(
        actor=user,
        event=AuditEventType.USER_RECORD_VIEWED,
        subject=target,
        person=target,
        purpose=purpose,
    )
    return target
