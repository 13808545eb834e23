"""Who may match, offer and change assignments. Staff reach a decision only through
`clients.permissions.access_decision`; carers only their own offers and assignments."""

from __future__ import annotations

from typing import Any

from brygga.core.access import is_staff_user


def can_match(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("assignments.add_offer")


def can_change_assignments(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("assignments.change_assignment")
