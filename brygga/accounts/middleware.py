"""Staff session rules: the second factor before anything else, and expiry when idle."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

LAST_ACTIVITY_KEY = "brygga_last_activity"
# Write the activity time at most this often, so a busy officer does not cost a session write
# on every request.
_ACTIVITY_WRITE_INTERVAL_SECONDS = 60


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if is_staff_user(user):
            now = timezone.now().timestamp()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT.total_seconds():
                audit_record(
                    actor=user,
                    event=AuditEventType.USER_SESSION_EXPIRED,
                    subject=user,  # type: ignore[arg-type]
                    person=user,  # type: ignore[arg-type]
                )
                logout(request)
                messages.info(
                    request,
                    _("Du har loggats ut eftersom du inte har varit aktiv på en stund."),
                )
                return _redirect_to(request, "accounts:staff-login")
            if last is None or now - last > _ACTIVITY_WRITE_INTERVAL_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now

            verified = settings.DEMO_MODE or user.is_verified()  # type: ignore[union-attr]
            if not verified and not _is_second_factor_path(request.path):
                return _redirect_to(request, "accounts:second-factor")
        return self.get_response(request)


def _is_second_factor_path(path: str) -> bool:
    allowed = (
        reverse("accounts:second-factor"),
        reverse("accounts:totp-enrol"),
        reverse("accounts:staff-logout"),
        reverse("set_language"),
        settings.STATIC_URL,
    )
    return path.startswith(allowed)


def _redirect_to(request: HttpRequest, name: str) -> HttpResponse:
    url = reverse(name)
    if request.method == "GET" and not request.path.startswith(url):
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return HttpResponseRedirect(url)
