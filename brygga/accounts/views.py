from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from brygga.core.access import is_staff_user, permission_required, public_required, staff_required
from brygga.core.http import client_address
from brygga.core.my_pages import render_sections

from . import selectors, services
from .forms import (
    LoginLinkRequestForm,
    OneTimeCodeForm,
    StaffLoginForm,
    TotpConfirmForm,
    UserFilterForm,
)
from .models import User
from .permissions import access_user
from .roles import roles_of

ENROL_DEVICE_SESSION_KEY = "brygga_totp_enrol_device"
# Purposes are data in the audit log, stored in Swedish whatever the reader's language.
PURPOSE_VIEW_USER = "Visa användaruppgifter"


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# --- Staff sign-in -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def staff_login(request: HttpRequest) -> HttpResponse:
    if is_staff_user(request.user) and request.method == "GET":
        return redirect("accounts:staff-home")
    form = StaffLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user)
        next_url = _safe_next(request, reverse("accounts:staff-home"))
        if settings.DEMO_MODE:
            return HttpResponseRedirect(next_url)
        return HttpResponseRedirect(
            f"{reverse('accounts:second-factor')}?{urlencode({'next': next_url})}"
        )
    return render(
        request,
        "accounts/staff_login.html",
        {"form": form, "next": _safe_next(request, "")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def second_factor(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    next_url = _safe_next(request, reverse("accounts:staff-home"))
    if user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(next_url)
    if not selectors.user_has_confirmed_totp(user):
        return HttpResponseRedirect(
            f"{reverse('accounts:totp-enrol')}?{urlencode({'next': next_url})}"
        )
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
        form.add_error("code", _("Koden stämmer inte. Vänta på nästa kod i appen och försök igen."))
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url})


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def totp_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type a first code, get recovery codes.

    A staff member who already has a confirmed app must pass the second factor first.
    """
    user: User = request.user  # type: ignore[assignment]
    next_url = _safe_next(request, reverse("accounts:staff-home"))
    if selectors.user_has_confirmed_totp(user) and not user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(
            f"{reverse('accounts:second-factor')}?{urlencode({'next': next_url})}"
        )

    device = None
    device_id = request.session.get(ENROL_DEVICE_SESSION_KEY)
    if device_id:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None or (request.method == "GET" and not request.GET.get("keep")):
        device = services.totp_device_start(user=user)
        request.session[ENROL_DEVICE_SESSION_KEY] = device.pk

    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            user=user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            del request.session[ENROL_DEVICE_SESSION_KEY]
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url, "just_enrolled": True},
            )
        form.add_error(
            "code", _("Koden stämmer inte. Kontrollera att du skannade den senaste QR-koden.")
        )
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/totp_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": next_url,
        },
    )


@never_cache
@require_POST
@staff_required
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    codes = services.recovery_codes_generate(user=request.user)  # type: ignore[arg-type]
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:staff-account")},
    )


@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Du är utloggad."))
    return redirect("accounts:staff-login")


# --- Staff pages ---------------------------------------------------------------------------


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/staff_home.html",
        {"roles": roles_of(request.user)},
    )


@staff_required
def staff_account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/staff_account.html",
        {
            "roles": roles_of(user),
            "has_totp": selectors.user_has_confirmed_totp(user),
            "recovery_codes_left": selectors.recovery_codes_left(user),
        },
    )


@permission_required("accounts.view_user")
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    users = selectors.user_list_for_staff(
        viewer=request.user,  # type: ignore[arg-type]
        kind=filters.get("kind", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@permission_required("accounts.view_user")
def user_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    target = access_user(
        user=request.user,  # type: ignore[arg-type]
        public_id=public_id,
        purpose=PURPOSE_VIEW_USER,
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "roles": roles_of(target),
            "has_totp": selectors.user_has_confirmed_totp(target),
        },
    )


# --- Public sign-in with a one-time e-mail link ---------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_request(request: HttpRequest) -> HttpResponse:
    form = LoginLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.login_link_request(
            email=form.cleaned_data["email"],
            client_address=client_address(request),
            build_url=lambda token: request.build_absolute_uri(
                reverse("accounts:login-link-confirm", args=[token])
            ),
        )
        if result.rate_limited:
            return render(
                request,
                "accounts/login_link_request.html",
                {"form": form, "rate_limited": True},
                status=429,
            )
        return redirect("accounts:login-link-sent")
    return render(request, "accounts/login_link_request.html", {"form": form})


def login_link_sent(request: HttpRequest) -> HttpResponse:
    minutes = int(settings.LOGIN_LINK_MAX_AGE.total_seconds() // 60)
    return render(request, "accounts/login_link_sent.html", {"minutes": minutes})


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST uses the link, so mail scanners that follow links
    cannot spend it before the person does."""
    try:
        if request.method == "POST":
            user = services.login_link_redeem(token=token)
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session.set_expiry(int(settings.PUBLIC_SESSION_AGE.total_seconds()))
            return redirect("accounts:my-pages")
        services.login_link_check(token=token)
    except services.LoginLinkInvalidError:
        return render(request, "accounts/login_link_invalid.html", status=410)
    return render(request, "accounts/login_link_confirm.html")


@public_required
def my_pages(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_pages.html", {"sections": render_sections(request)})


@require_POST
def public_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Du är utloggad från Mina sidor."))
    return redirect("website:home")
