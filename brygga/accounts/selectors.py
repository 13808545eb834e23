from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import UserKind
from .models import Unit, User


def user_has_confirmed_totp(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user).count())


def user_list_for_staff(*, viewer: User, kind: str = "", query: str = "") -> QuerySet[User]:
    """Users of the viewer's organisation, with groups and units loaded for a list page."""
    if viewer.organisation_id is None:
        return User.objects.none()
    # API tokens' service users are listed with the tokens, not among the people.
    users = User.objects.filter(organisation_id=viewer.organisation_id, api_token__isnull=True)
    if kind in UserKind.values:
        users = users.filter(kind=kind)
    if query:
        for word in query.split():
            users = (
                users.filter(first_name__icontains=word)
                | users.filter(last_name__icontains=word)
                | users.filter(email__icontains=word)
            )
    return users.prefetch_related(
        "groups", Prefetch("units", queryset=Unit.objects.order_by("name"))
    ).order_by("last_name", "first_name", "email")


def staff_list_for_organisation(*, organisation_id: int) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=organisation_id, kind=UserKind.STAFF, api_token__isnull=True
    ).order_by("last_name", "first_name")
