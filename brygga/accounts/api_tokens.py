"""API tokens: create, revoke, and check a presented token (ADR 0026).

A token reads `brygga_<prefix>_<secret>`: the prefix (not secret) finds the row, the whole
token is compared by its SHA-256 hash, so the database never holds a usable token. The token
is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record

from .api_scopes import SCOPES_BY_CODE, permissions_for
from .constants import UserKind
from .models import ApiToken, Organisation, Unit, User

TOKEN_PREFIX = "brygga"  # noqa: S105 - the token's visible kind, not a secret
# last_used_at is written at most this often, so a busy integration does not write every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenInvalidError(Exception):
    """Unknown, revoked or expired. `reason` is for the audit log, never for the caller."""

    def __init__(self, reason: str, token: ApiToken | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.token = token


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def _grant(user: User, perms: set[str]) -> None:
    wanted = []
    for name in sorted(perms):
        app_label, codename = name.split(".", 1)
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user.user_permissions.set(wanted)


@transaction.atomic
def api_token_create(
    *,
    organisation: Organisation,
    name: str,
    scopes: Iterable[str],
    units: Iterable[Unit] = (),
    all_units: bool = False,
    expires_at: datetime | None = None,
    actor: User,
) -> tuple[ApiToken, str]:
    """Create a token and its service user. Returns the token row and the raw token, which
    is shown to the administrator once and never stored."""
    name = name.strip()
    scope_list = sorted(set(scopes))
    unit_list = list(units)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Skriv vilken integration nyckeln är till.")
    elif ApiToken.objects.filter(
        organisation=organisation, name=name, revoked_at__isnull=True
    ).exists():
        errors["name"] = _("Det finns redan en giltig nyckel med det namnet.")
    unknown = [code for code in scope_list if code not in SCOPES_BY_CODE]
    if not scope_list or unknown:
        errors["scopes"] = _("Välj minst en behörighet.")
    if not all_units and not unit_list:
        errors["units"] = _("Välj minst en enhet eller alla enheter.")
    if any(unit.organisation_id != organisation.pk for unit in unit_list):
        errors["units"] = _("Enheten finns inte i organisationen.")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("Slutdatumet måste ligga i framtiden.")
    if errors:
        raise ValidationError(errors)
    prefix, raw = _new_token()
    service_user = User.objects.create_user(
        f"api-{prefix}@api.brygga.invalid",
        None,
        first_name=_("API"),
        last_name=name[:90],
        kind=UserKind.STAFF,
        organisation=organisation,
        title=_("Integration"),
    )
    service_user.units.set(unit_list)
    _grant(service_user, permissions_for(scope_list, all_units=all_units))
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=prefix,
        token_hash=token_hash(raw),
        scopes=scope_list,
        all_units=all_units,
        service_user=service_user,
        created_by=actor,
        expires_at=expires_at,
    )
    token.units.set(unit_list)
    audit_record(
        actor=actor,
        event=AuditEventType.API_TOKEN_CREATED,
        subject=token,
        organisation=organisation,
        changes={
            "scopes": scope_list,
            "units": sorted(unit.name for unit in unit_list),
            "all_units": all_units,
            "expires_at": expires_at.isoformat() if expires_at else "",
        },
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke at once: the next call with the token gets 401. The service user is deactivated
    too, so nothing can act as it."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    User.objects.filter(pk=locked.service_user_id).update(is_active=False)
    audit_record(actor=actor, event=AuditEventType.API_TOKEN_REVOKED, subject=locked, changes={})
    return locked


def api_token_check(raw: str) -> ApiToken:
    """The usable token `raw`, with its service user; ApiTokenInvalidError otherwise. Marks
    the token used (at most once a minute)."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise ApiTokenInvalidError("malformed")
    token = (
        ApiToken.objects.select_related("service_user", "organisation")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, token_hash(raw)):
        raise ApiTokenInvalidError("unknown")
    now = timezone.now()
    if token.revoked_at is not None:
        raise ApiTokenInvalidError("revoked", token)
    if token.expires_at is not None and token.expires_at <= now:
        raise ApiTokenInvalidError("expired", token)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
