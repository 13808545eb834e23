"""Every write in the accounts app: users, roles, second factor, one-time e-mail links."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.ratelimit import within_limit

from .constants import Role, UserKind
from .models import LoginLink, Organisation, Unit, User
from .roles import role_group

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Autentiseringsapp"
RECOVERY_DEVICE_NAME = "Reservkoder"


class AccountKindConflictError(Exception):
    """The e-mail address belongs to a staff account and cannot be used for Mina sidor."""


class LoginLinkInvalidError(Exception):
    """The link is unknown, already used or expired. Callers show one message for all three."""


# --- Users ---------------------------------------------------------------------------------


@transaction.atomic
def user_create_staff(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[Role],
    units: Iterable[Unit] = (),
    password: str | None = None,
    title: str = "",
    actor: User | None,
) -> User:
    user = User.objects.create_user(
        email,
        password,
        first_name=first_name,
        last_name=last_name,
        title=title,
        kind=UserKind.STAFF,
        organisation=organisation,
        is_staff=Role.ADMINISTRATOR in set(roles),
    )
    user.groups.set([role_group(role) for role in roles])
    user.units.set(list(units))
    audit_record(
        actor=actor,
        event=AuditEventType.USER_CREATED,
        subject=user,
        person=user,
        changes={"kind": UserKind.STAFF, "roles": sorted(r.value for r in roles)},
    )
    return user


@transaction.atomic
def user_get_or_create_public(
    *,
    organisation: Organisation,
    email: str,
    first_name: str = "",
    last_name: str = "",
    actor: User | None,
) -> User:
    """The public account for an e-mail address, created on first contact."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        if user.kind != UserKind.PUBLIC:
            raise AccountKindConflictError
        return user
    user = User.objects.create_user(
        email,
        None,
        first_name=first_name,
        last_name=last_name,
        kind=UserKind.PUBLIC,
        organisation=organisation,
    )
    audit_record(
        actor=actor,
        event=AuditEventType.USER_CREATED,
        subject=user,
        person=user,
        changes={"kind": UserKind.PUBLIC},
    )
    return user


# --- One-time e-mail links -----------------------------------------------------------------


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _within_rate_limit(key: str) -> bool:
    limit: int = settings.LOGIN_LINK_RATE_LIMIT
    return within_limit(f"login-link:{key}", limit)


@dataclass(frozen=True)
class LoginLinkRequestResult:
    rate_limited: bool


def login_link_request(
    *, email: str, client_address: str, build_url: object
) -> LoginLinkRequestResult:
    """Send a one-time sign-in link if `email` belongs to an active public account.

    The caller shows the same answer whether or not the address is known (no account
    enumeration). Only a rate-limited requester is told so, and that is decided before the
    address is looked up, so it reveals nothing either. `build_url(token)` makes the absolute
    link.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    address_ok = _within_rate_limit(f"email:{email}")
    client_ok = _within_rate_limit(f"client:{client_address}")
    if not (address_ok and client_ok):
        return LoginLinkRequestResult(rate_limited=True)

    user = User.objects.filter(email=email, kind=UserKind.PUBLIC, is_active=True).first()
    if user is None:
        return LoginLinkRequestResult(rate_limited=False)

    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        LoginLink.objects.create(
            user=user,
            token_hash=_hash(token),
            created_at=now,
            expires_at=now + settings.LOGIN_LINK_MAX_AGE,
        )
        audit_record(actor=None, event=AuditEventType.LOGIN_LINK_SENT, subject=user, person=user)
        url = build_url(token)  # type: ignore[operator]
        minutes = int(settings.LOGIN_LINK_MAX_AGE.total_seconds() // 60)
        context = {"user": user, "url": url, "minutes": minutes}
        language = translation.get_language()

        def send() -> None:
            with translation.override(language):
                send_mail(
                    subject=render_to_string(
                        "accounts/email/login_link_subject.txt", context
                    ).strip(),
                    message=render_to_string("accounts/email/login_link.txt", context),
                    from_email=None,
                    recipient_list=[user.email],
                )

        transaction.on_commit(send)
    return LoginLinkRequestResult(rate_limited=False)


def login_link_check(*, token: str) -> LoginLink:
    """The unused, unexpired link for `token`, without using it (for the confirm page)."""
    link = LoginLink.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if (
        link is None
        or link.used_at is not None
        or link.expires_at <= timezone.now()
        or not link.user.is_active
    ):
        raise LoginLinkInvalidError
    return link


@transaction.atomic
def login_link_redeem(*, token: str) -> User:
    """Use the link once: returns its user, or raises LoginLinkInvalidError.

    The row is locked so two simultaneous clicks cannot both succeed.
    """
    link = (
        LoginLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_hash(token))
        .first()
    )
    now = timezone.now()
    if link is None or link.used_at is not None or link.expires_at <= now:
        raise LoginLinkInvalidError
    if not link.user.is_active:
        raise LoginLinkInvalidError
    link.used_at = now
    link.save(update_fields=["used_at"])
    # Any other outstanding links for this person stop working too.
    LoginLink.objects.filter(user=link.user, used_at__isnull=True).update(used_at=now)
    audit_record(
        actor=link.user, event=AuditEventType.LOGIN_LINK_USED, subject=link.user, person=link.user
    )
    return link.user


def login_links_purge_expired(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Delete links that expired long ago; they have no value once spent or stale."""
    deleted, _ = LoginLink.objects.filter(expires_at__lt=timezone.now() - older_than).delete()
    return deleted


# --- Second factor -------------------------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator-app device for enrolment; replaces an earlier unconfirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm enrolment with a first code from the app.

    Returns the new recovery codes (shown once), or None when the code was wrong.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=user, event=AuditEventType.USER_SECOND_FACTOR_ENROLLED, subject=user, person=user
    )
    return recovery_codes_generate(user=user)


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new single-use ones and return them."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_record(
        actor=user, event=AuditEventType.USER_RECOVERY_CODES_GENERATED, subject=user, person=user
    )
    return codes


def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts `code` (app or recovery code), or None; audited either way.

    Each code works once: the app's code until the next time step, a recovery code forever.
    """
    device = match_token(user, code)
    if device is None:
        event = AuditEventType.USER_SECOND_FACTOR_FAILED
    elif isinstance(device, StaticDevice):
        event = AuditEventType.USER_RECOVERY_CODE_USED
    else:
        event = AuditEventType.USER_SECOND_FACTOR_VERIFIED
    audit_record(actor=user, event=event, subject=user, person=user)
    return device


def _recovery_code() -> str:
    # 10 characters from an alphabet without look-alikes, grouped for reading aloud.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"
