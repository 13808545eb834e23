"""Who may see, make and sign contracts. Staff reach a contract only through its decision
(`clients.permissions.access_decision`, unit scope); carers only their own."""

from __future__ import annotations

from typing import Any

from brygga.core.access import is_staff_user


def can_create_contracts(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("contracts.add_contract")


def can_sign_contracts(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm("contracts.sign_contract")
