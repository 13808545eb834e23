"""Recruitment officers' pages: the worklist (list and board) and the applicant's case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import FileResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brygga.accounts.models import User
from brygga.core.access import permission_required

from . import selectors, services
from .constants import CLOSED_STAGES, ApplicantStage
from .permissions import access_applicant, can_decide_applicants, can_handle_applicants
from .staff_forms import OPEN_STAGES, AssignForm, StageMoveForm, WorklistFilterForm
from .workflow import ALLOWED_TRANSITIONS

PAGE_SIZE = 50
# Stage moves an officer makes by hand; approval and rejection go through the decision.
MANUAL_TARGETS = frozenset(
    s for s in ApplicantStage if s not in {ApplicantStage.APPROVED, ApplicantStage.NOT_APPROVED}
)
# Sections of the case page that the investigation module renders (issue 4).
CASE_SECTIONS = [
    "applicants/staff/_register_checks.html",
    "applicants/staff/_references.html",
    "applicants/staff/_meetings.html",
    "applicants/staff/_assessments.html",
]
PURPOSE_CASE = "Handläggning av rekrytering"


def _filters(form: WorklistFilterForm) -> selectors.WorklistFilters:
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    return selectors.WorklistFilters(
        stages=tuple(data.get("stage") or ()),
        assignment_type=data["assignment_type"].code if data.get("assignment_type") else "",
        officer=data.get("officer") or "",
        unit_id=data["unit"].pk if data.get("unit") else None,
        overdue_only=bool(data.get("overdue")),
    )


@permission_required("applicants.view_applicant")
def worklist(request: HttpRequest) -> HttpResponse:
    """Every open applicant, overdue first; `?vy=tavla` shows the same list as a board."""
    user: User = request.user  # type: ignore[assignment]
    form = WorklistFilterForm(request.GET or None, organisation_id=user.organisation_id)
    applicants = selectors.applicant_worklist(viewer=user, filters=_filters(form))
    board = request.GET.get("vy") == "tavla"
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {"form": form, "board": board, "query": query.urlencode()}
    if board:
        # The board shows at most a page's worth per column: it is for overview, the list
        # is for work.
        rows = list(applicants[:500])
        context["columns"] = [
            (stage, label, [a for a in rows if a.stage == stage]) for stage, label in OPEN_STAGES
        ]
    else:
        context["page"] = Paginator(applicants, PAGE_SIZE).get_page(request.GET.get("page"))
    context["now"] = timezone.now()
    return render(request, "applicants/staff/worklist.html", context)


def _sections() -> list[str]:
    available = []
    for name in CASE_SECTIONS:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        available.append(name)
    return available


@permission_required("applicants.view_applicant")
def applicant_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    user: User = request.user  # type: ignore[assignment]
    callback_overdue, investigation_overdue = selectors.applicant_flags(applicant)
    assert user.organisation_id is not None  # noqa: S101 - access_applicant checked it
    context: dict[str, Any] = {
        "applicant": applicant,
        "registration": applicant.registrations.all().last(),
        "callback_overdue": callback_overdue,
        "investigation_overdue": investigation_overdue,
        "days_in_stage": (timezone.now() - applicant.stage_changed_at).days,
        "can_handle": can_handle_applicants(user),
        "can_decide": can_decide_applicants(user),
        "moves": [
            (s, ApplicantStage(s).label)
            for s in sorted(ALLOWED_TRANSITIONS.get(applicant.stage, ()))
            if s in MANUAL_TARGETS
        ],
        "assign_form": AssignForm(
            organisation_id=user.organisation_id,
            initial={
                "officer": applicant.assigned_officer.public_id
                if applicant.assigned_officer
                else None,
                "unit": applicant.unit_id,
            },
        ),
        "sections": _sections(),
        "is_open": applicant.stage not in CLOSED_STAGES,
    }
    context.update(_investigation_context(applicant))
    return render(request, "applicants/staff/applicant_detail.html", context)


def _investigation_context(applicant: Any) -> dict[str, Any]:
    """What the investigation sections need, when that module is present."""
    try:
        from .investigation_views import case_context
    except ImportError:
        return {}
    result: dict[str, Any] = case_context(applicant)
    return result


@require_POST
@permission_required("applicants.change_applicant")
def applicant_move(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    form = StageMoveForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to_stage"] not in MANUAL_TARGETS:
        raise PermissionDenied
    try:
        services.applicant_move(
            applicant=applicant,
            to_stage=ApplicantStage(form.cleaned_data["to_stage"]),
            actor=request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
        )
    except services.ApplicantTransitionError:
        messages.error(request, _("Det steget går inte att välja från det nuvarande."))
    else:
        messages.success(
            request,
            _("Steget är ändrat till %(stage)s.")
            % {"stage": ApplicantStage(form.cleaned_data["to_stage"]).label},
        )
    return redirect("applicants:staff-detail", public_id=applicant.public_id)


@require_POST
@permission_required("applicants.change_applicant")
def applicant_assign(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    user: User = request.user  # type: ignore[assignment]
    assert user.organisation_id is not None  # noqa: S101 - access_applicant checked it
    form = AssignForm(request.POST, organisation_id=user.organisation_id)
    if not form.is_valid():
        raise PermissionDenied
    services.applicant_assign(
        applicant=applicant,
        officer=form.cleaned_data["officer"],
        unit=form.cleaned_data["unit"],
        actor=user,
    )
    messages.success(request, _("Ansvaret är ändrat."))
    return redirect("applicants:staff-detail", public_id=applicant.public_id)


@permission_required("applicants.view_applicant")
def applicant_document(request: HttpRequest, public_id: str, document_id: str) -> HttpResponseBase:
    applicant = access_applicant(
        user=request.user, public_id=public_id, purpose="Läsa sökandes dokument"
    )
    document = next((d for d in applicant.documents.all() if str(d.public_id) == document_id), None)
    if document is None:
        raise Http404
    handle = services.applicant_document_open(
        document=document,
        actor=request.user,  # type: ignore[arg-type]
        purpose="Läsa sökandes dokument",
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
