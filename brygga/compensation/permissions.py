"""Who may read rates and quotes, and who may enter the municipality's own rates."""

from __future__ import annotations

from typing import Any

from brygga.core.access import is_staff_user

VIEW_RATE = "compensation.view_rate"
ADD_RATE = "compensation.add_rate"
CHANGE_RATE = "compensation.change_rate"
CHANGE_SETTINGS = "compensation.change_compensationsettings"


def can_view_rates(user: Any) -> bool:
    """Staff in an organisation holding `compensation.view_rate`: the rate tables and quotes.

    A quote is an estimate from the rate tables, never a carer's pay, so case officers may see
    it beside a decision; what a carer is paid belongs to contracts and payments.
    """
    return (
        is_staff_user(user) and user.organisation_id is not None and bool(user.has_perm(VIEW_RATE))
    )


def can_manage_rates(user: Any) -> bool:
    """Enter and change the organisation's own rates (overrides) and settings."""
    return (
        can_view_rates(user) and bool(user.has_perm(ADD_RATE)) and bool(user.has_perm(CHANGE_RATE))
    )
