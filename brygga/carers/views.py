"""Staff pages for the carer pool and training, and the training section of Mina sidor.

A single carer is read only through `permissions.access_carer` (audited); lists record
`carer.list_viewed` once per page view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import Organisation, User
from brygga.core.access import is_public_user, permission_required, public_required
from brygga.core.listing import url_for_each

from . import selectors, services
from .constants import Availability, CarerStatus, CheckKind
from .forms import CarerFilterForm, DeregisterForm, StatusReasonForm, TrainingSessionForm
from .models import Carer, CarerApproval
from .permissions import (
    CHANGE_CARER,
    MANAGE_TRAINING,
    VIEW_CARER,
    access_carer,
    carer_list_record_view,
)
from .validity import (
    approval_is_valid,
    approval_last_day,
    check_counts,
    check_last_day,
    expiring,
)

STAFF_PAGE_SIZE = 50

# Purposes are log data, stored in Swedish whatever the reader's language.
PURPOSE_POOL = "Sökning bland uppdragstagare"
PURPOSE_EXPIRING = "Bevakning av godkännanden och registerutdrag"
PURPOSE_DETAIL = "Visa uppdragstagare"
PURPOSE_STATUS = "Ändra uppdragstagarens status"


def _staff(request: HttpRequest) -> tuple[User, Organisation]:
    user: User = request.user  # type: ignore[assignment]
    if user.organisation is None:
        raise Http404
    return user, user.organisation


def _expiry_days() -> int:
    return int(settings.CARER_EXPIRY_WARNING_DAYS)


# --- The pool ---------------------------------------------------------------------------------


_STATUS_COLORS: dict[str, str] = {
    CarerStatus.AVAILABLE: "success",
    CarerStatus.DEREGISTERED: "danger",
    CarerStatus.PAUSED: "warning",
}


def _approval_rows(carer: Carer) -> list[CarerApproval]:
    rows: list[CarerApproval] = getattr(carer, "approval_rows")  # noqa: B009 - set by carer_pool
    return rows


@permission_required(VIEW_CARER)
def carer_list(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = CarerFilterForm(request.GET or None)
    filters = form.to_filters(expiry_days=_expiry_days())
    carers = selectors.carer_pool(organisation=organisation, filters=filters)
    page = Paginator(carers, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    days = _expiry_days()
    carer_url = url_for_each("carers:carer-detail")
    rows = [
        {
            "carer": carer,
            "url": carer_url(carer.public_id),
            "status_color": _STATUS_COLORS.get(carer.status, "neutral"),
            "approvals": [a for a in _approval_rows(carer) if approval_is_valid(a, today)],
            "expiring": bool(
                expiring(
                    approvals=_approval_rows(carer),
                    checks=getattr(carer, "check_rows"),  # noqa: B009 - set by carer_pool
                    on=today,
                    within_days=days,
                )
            ),
        }
        for carer in page
    ]
    carer_list_record_view(user=user, filters=filters.as_primitives(), purpose=PURPOSE_POOL)
    query = urlencode(
        [(key, str(value)) for key, value in request.GET.items() if key != "page" and value]
    )
    return render(
        request,
        "carers/carer_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "expiry_days": _expiry_days(),
        },
    )


@permission_required(VIEW_CARER)
def carer_expiring(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    days = _expiry_days()
    today = timezone.localdate()
    items = selectors.expiring_items(organisation=organisation, within_days=days, today=today)
    page = Paginator(items, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    carer_list_record_view(
        user=user, filters={"expiring_within_days": days}, purpose=PURPOSE_EXPIRING
    )
    return render(
        request,
        "carers/carer_expiring.html",
        {"page": page, "rows": _expiring_rows(page, today), "expiry_days": days},
    )


@dataclass(frozen=True)
class ExpiringLine:
    last_day: str
    days_left: int
    carer_url: str
    carer_name: str
    what: str


def _expiring_rows(page: Page[Any], today: date) -> list[ExpiringLine]:
    """The page's cells, from the columns of `selectors.expiring_items`: no query per row."""
    carer_url = url_for_each("carers:carer-detail")
    approval_label = _("Godkännande")
    kinds = {str(value): str(label) for value, label in CheckKind.choices}
    rows = []
    for item in page:
        if item["is_approval"]:
            what = f"{approval_label}: {item['type_name']}"
            if item["group_name"]:
                what += f" · {item['group_name']}"
        else:
            what = kinds.get(item["check_kind"], item["check_kind"])
        rows.append(
            ExpiringLine(
                last_day=item["last_day"].isoformat(),
                days_left=(item["last_day"] - today).days,
                carer_url=carer_url(item["carer_public_id"]),
                carer_name=f"{item['forename']} {item['surname']}",
                what=what,
            )
        )
    return rows


def _render_detail(
    request: HttpRequest,
    carer: Carer,
    *,
    pause_form: StatusReasonForm | None = None,
    deregister_form: DeregisterForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    days = _expiry_days()
    expiring_items = {id(e.item) for e in selectors.carer_expiries(carer, within_days=days)}
    approvals = [
        {
            "approval": approval,
            "valid": approval_is_valid(approval, today),
            "last_day": approval_last_day(approval),
            "expiring": id(approval) in expiring_items,
        }
        for approval in carer.approvals.all()
    ]
    checks = [
        {
            "check": check,
            "counts": check_counts(check, today),
            "last_day": check_last_day(check),
            "expiring": id(check) in expiring_items,
        }
        for check in carer.checks.all()
    ]
    return render(
        request,
        "carers/carer_detail.html",
        {
            "carer": carer,
            "approvals": approvals,
            "checks": checks,
            "history": carer.status_changes.all(),
            "availability": [
                Availability(code).label if code in Availability.values else code
                for code in carer.availability
            ],
            "trainings": selectors.training_attendance_for_user(user=carer.user),
            "pause_form": pause_form or StatusReasonForm(prefix="pause"),
            "deregister_form": deregister_form or DeregisterForm(prefix="deregister"),
            "can_change": request.user.has_perm(CHANGE_CARER),
            "expiry_days": days,
        },
        status=status,
    )


@permission_required(VIEW_CARER)
def carer_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    carer = access_carer(user=user, public_id=public_id, purpose=PURPOSE_DETAIL)
    return _render_detail(request, carer)


@require_POST
@permission_required(CHANGE_CARER)
def carer_pause(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    carer = access_carer(user=user, public_id=public_id, purpose=PURPOSE_STATUS)
    form = StatusReasonForm(request.POST, prefix="pause")
    if not form.is_valid():
        return _render_detail(request, carer, pause_form=form, status=400)
    try:
        services.carer_pause(carer=carer, reason=form.cleaned_data["reason"], actor=user)
    except services.CarerTransitionError:
        messages.error(request, _("Uppdragstagaren kan inte pausas i sin nuvarande status."))
    else:
        messages.success(request, _("Uppdragstagaren är pausad."))
    return redirect("carers:carer-detail", public_id=carer.public_id)


@require_POST
@permission_required(CHANGE_CARER)
def carer_resume(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    carer = access_carer(user=user, public_id=public_id, purpose=PURPOSE_STATUS)
    try:
        services.carer_resume(carer=carer, actor=user)
    except services.CarerTransitionError:
        messages.error(request, _("Uppdragstagaren kan inte återaktiveras i sin nuvarande status."))
    else:
        messages.success(request, _("Uppdragstagaren är tillgänglig igen."))
    return redirect("carers:carer-detail", public_id=carer.public_id)


@require_POST
@permission_required(CHANGE_CARER)
def carer_deregister(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    carer = access_carer(user=user, public_id=public_id, purpose=PURPOSE_STATUS)
    form = DeregisterForm(request.POST, prefix="deregister")
    if not form.is_valid():
        return _render_detail(request, carer, deregister_form=form, status=400)
    try:
        services.carer_deregister(carer=carer, reason=form.cleaned_data["reason"], actor=user)
    except services.CarerTransitionError:
        messages.error(request, _("Uppdragstagaren är redan avregistrerad."))
    else:
        messages.success(request, _("Uppdragstagaren är avregistrerad."))
    return redirect("carers:carer-detail", public_id=carer.public_id)


# --- Training, staff --------------------------------------------------------------------------


@permission_required(MANAGE_TRAINING)
def training_list(request: HttpRequest) -> HttpResponse:
    _user, organisation = _staff(request)
    sessions = selectors.training_session_list_for_staff(organisation=organisation)
    page = Paginator(sessions, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "carers/training_list.html", {"page": page, "now": timezone.now()})


def _training_form_page(
    request: HttpRequest, *, form: TrainingSessionForm, heading: str, save: Any
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        types = data.pop("assignment_types", [])
        try:
            save(data, types)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("carers:training-list")
    return render(request, "carers/training_form.html", {"form": form, "heading": heading})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE_TRAINING)
def training_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = TrainingSessionForm(request.POST or None, initial={"capacity": 20})
    return _training_form_page(
        request,
        form=form,
        heading=_("Ny utbildning"),
        save=lambda data, types: services.training_session_create(
            organisation=organisation, fields=data, assignment_types=types, actor=user
        ),
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE_TRAINING)
def training_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    session = selectors.training_session_get_for_staff(
        organisation=organisation, public_id=public_id
    )
    if session is None:
        raise Http404
    form = TrainingSessionForm(request.POST or None, instance=session)
    return _training_form_page(
        request,
        form=form,
        heading=_("Ändra utbildning"),
        save=lambda data, types: services.training_session_update(
            session=session, fields=data, assignment_types=types, actor=user
        ),
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE_TRAINING)
def training_attendance(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    session = selectors.training_session_get_for_staff(
        organisation=organisation, public_id=public_id
    )
    if session is None:
        raise Http404
    signups = list(selectors.training_signup_list(session=session))
    if request.method == "POST":
        chosen = set(request.POST.getlist("attended"))
        present = [s.user_id for s in signups if str(s.user.public_id) in chosen]
        services.training_attendance_record(session=session, attended_user_ids=present, actor=user)
        messages.success(request, _("Närvaron är sparad."))
        return redirect("carers:training-attendance", public_id=session.public_id)
    return render(
        request, "carers/training_attendance.html", {"session": session, "signups": signups}
    )


# --- Training on Mina sidor -------------------------------------------------------------------


def my_pages_training_section(request: HttpRequest) -> SafeString | None:
    """Upcoming published training for any signed-in applicant or carer."""
    if not is_public_user(request.user):
        return None
    sessions = list(selectors.training_session_list_upcoming(user=request.user))  # type: ignore[arg-type]
    if not sessions:
        return None
    for session in sessions:
        session.places_left = max(session.capacity - session.taken, 0)  # type: ignore[attr-defined]
    html = render_to_string(
        "carers/_my_pages_training.html", {"sessions": sessions}, request=request
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


def _my_pages_url() -> str:
    return reverse("accounts:my-pages") + "#training-heading"


@require_POST
@public_required
def training_signup(request: HttpRequest, public_id: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    session = selectors.training_session_get_upcoming(user=user, public_id=public_id)
    if session is None:
        raise Http404
    try:
        services.training_signup(session=session, user=user)
    except services.TrainingFullError:
        messages.error(request, _("Utbildningen är fullbokad."))
    except services.TrainingClosedError:
        raise Http404 from None
    else:
        messages.success(request, _("Du är anmäld till %(title)s.") % {"title": session.title})
    return redirect(_my_pages_url())


@require_POST
@public_required
def training_cancel(request: HttpRequest, public_id: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    session = selectors.training_session_get_upcoming(user=user, public_id=public_id)
    if session is None:
        raise Http404
    try:
        services.training_signup_cancel(session=session, user=user)
    except services.TrainingClosedError:
        raise Http404 from None
    messages.success(request, _("Din anmälan är avbokad."))
    return redirect(_my_pages_url())
