"""Audit events for sign-in signals that Django and django-axes send."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record


def _on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, event=AuditEventType.USER_LOGGED_IN, subject=user, person=user)


def _on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, event=AuditEventType.USER_LOGGED_OUT, subject=user, person=user)


def _known_user(credentials: dict[str, Any]) -> Any:
    username = str(credentials.get("username") or credentials.get("email") or "").lower()
    return get_user_model().objects.filter(email=username).first() if username else None


def _on_login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # The typed address itself is not stored: only a failure against a known account.
    user = _known_user(credentials)
    if user is not None:
        audit_record(actor=None, event=AuditEventType.USER_LOGIN_FAILED, subject=user, person=user)


def _on_locked_out(sender: Any, request: Any, username: str | None, **kwargs: Any) -> None:
    user = _known_user({"username": username})
    if user is not None:
        audit_record(actor=None, event=AuditEventType.USER_LOCKED_OUT, subject=user, person=user)


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_on_logged_in, dispatch_uid="brygga_audit_logged_in")
    user_logged_out.connect(_on_logged_out, dispatch_uid="brygga_audit_logged_out")
    user_login_failed.connect(_on_login_failed, dispatch_uid="brygga_audit_login_failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="brygga_audit_locked_out")
