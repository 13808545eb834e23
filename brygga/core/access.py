"""Which door a signed-in person came through, and view decorators built on it.

Staff (`kind == "staff"`) sign in with password and second factor; the public
(`kind == "public"`) with a one-time e-mail link. These live in core so that every app,
the audit log included, can guard its views without importing accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

View = Callable[..., HttpResponseBase]

STAFF = "staff"
PUBLIC = "public"


def is_staff_user(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == STAFF)


def is_public_user(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == PUBLIC)


def staff_required(view: View) -> View:
    """Signed-in staff only; anyone else is sent to the staff login or refused."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:staff-login"))
        if not is_staff_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def public_required(view: View) -> View:
    """Signed-in applicants and carers only (Mina sidor)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login-link"))
        if not is_public_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def permission_required(perm: str) -> Callable[[View], View]:
    """Staff holding `perm`. Code checks permissions, never group names."""

    def decorator(view: View) -> View:
        @staff_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
