"""Recruitment officers' pages: the worklist (list and board) and the applicant's case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brygga.accounts.models import User
from brygga.carers.services import CarerTransitionError
from brygga.core.access import permission_required
from brygga.core.listing import url_for_each

from . import selectors, services
from .constants import CLOSED_STAGES, MANUAL_STAGE_CHOICES, ApplicantStage, DecisionOutcome
from .investigation_views import case_context
from .permissions import access_applicant, can_decide_applicants, can_handle_applicants
from .staff_forms import (
    OPEN_STAGES,
    AssignForm,
    DecideForm,
    ProposeForm,
    StageMoveForm,
    WorklistFilterForm,
)
from .views import document_response
from .workflow import ALLOWED_TRANSITIONS

PAGE_SIZE = 50
MANUAL_TARGETS = frozenset(value for value, _label in MANUAL_STAGE_CHOICES)
# Sections of the case page rendered by the investigation module (investigation_views).
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
        page = Paginator(applicants, PAGE_SIZE).get_page(request.GET.get("page"))
        detail_url = url_for_each("applicants:staff-detail")
        context["page"] = page
        # The URL and the types per row here: fifty `{% url %}` lookups and loops over a
        # related manager were a large part of the page's time.
        context["rows"] = [
            {
                "applicant": row,
                "url": detail_url(row.public_id),
                "types": ", ".join(t.name for t in row.assignment_types.all()),
            }
            for row in page
        ]
    context["now"] = timezone.now()
    return render(request, "applicants/staff/worklist.html", context)


@permission_required("applicants.view_applicant")
def applicant_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    return _render_case(request, applicant)


def _render_case(
    request: HttpRequest, applicant: Any, *, status: int = 200, **decision_forms: Any
) -> HttpResponse:
    """The case page; a form that failed is passed in so what was typed stays."""
    user: User = request.user  # type: ignore[assignment]
    callback_overdue, investigation_overdue = selectors.applicant_flags(applicant)
    assert user.organisation_id is not None  # noqa: S101 - access_applicant checked it
    context: dict[str, Any] = {
        "applicant": applicant,
        "registration": applicant.registrations.all().last(),
        "callback_overdue": callback_overdue,
        "investigation_overdue": investigation_overdue,
        "investigation_warning_days": selectors.recruitment_settings_for(
            applicant.organisation_id
        ).investigation_warning_days,
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
        "sections": CASE_SECTIONS,
        "is_open": applicant.stage not in CLOSED_STAGES,
    }
    context.update(case_context(applicant))
    context.update(_decision_context(applicant, user, **decision_forms))
    return render(request, "applicants/staff/applicant_detail.html", context, status=status)


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
    return document_response(document, handle)


def _combination_choices(applicant: Any) -> list[tuple[str, str]]:
    groups = list(applicant.target_groups.all()) or [None]
    return [
        (
            f"{t.code}|{g.code if g else ''}",
            f"{t.name} – {g.name}" if g else str(t.name),
        )
        for t in applicant.assignment_types.all()
        for g in groups
    ]


def _decision_context(
    applicant: Any,
    user: User,
    propose_form: Any = None,
    decide_form: Any = None,
    refusal: Any = None,
) -> dict[str, Any]:
    pending = next(
        (d for d in applicant.decisions.all() if d.outcome == DecisionOutcome.PROPOSED), None
    )
    proposed = services.proposed_approvals(pending) if pending else []
    return {
        "pending_decision": pending,
        "proposed": proposed,
        "missing": services.approval_missing_requirements(
            applicant=applicant, approvals=proposed, on=timezone.localdate()
        )
        if proposed
        else {},
        "decided": [d for d in applicant.decisions.all() if d.outcome != DecisionOutcome.PROPOSED],
        "propose_form": propose_form or ProposeForm(combinations=_combination_choices(applicant)),
        "decide_form": decide_form or DecideForm(),
        "refusal": refusal,
        "can_propose": can_handle_applicants(user)
        and applicant.stage in (ApplicantStage.INVESTIGATION, ApplicantStage.PROPOSAL),
        "can_decide_now": can_decide_applicants(user) and pending is not None,
    }


@require_POST
@permission_required("applicants.change_applicant")
def applicant_propose(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    user: User = request.user  # type: ignore[assignment]
    form = ProposeForm(request.POST, combinations=_combination_choices(applicant))
    if form.is_valid():
        types = {t.code: t for t in applicant.assignment_types.all()}
        groups = {g.code: g for g in applicant.target_groups.all()}
        approvals = []
        for value in form.cleaned_data["approvals"]:
            type_code, _sep, group_code = value.partition("|")
            approvals.append(
                services.ProposedApproval(
                    assignment_type=types[type_code],
                    target_group=groups.get(group_code),
                    valid_until=form.cleaned_data["valid_until"],
                )
            )
        try:
            services.approval_propose(
                applicant=applicant, approvals=approvals, note=form.cleaned_data["note"], actor=user
            )
        except services.ApplicantTransitionError:
            messages.error(request, _("Ett förslag kan bara lämnas när utredningen pågår."))
        else:
            messages.success(request, _("Förslaget till beslut är sparat."))
        return redirect(reverse("applicants:staff-detail", args=[applicant.public_id]) + "#beslut")
    return _render_case(request, applicant, propose_form=form, status=400)


@require_POST
@permission_required("applicants.decide_applicant")
def applicant_decide(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = access_applicant(user=request.user, public_id=public_id, purpose=PURPOSE_CASE)
    user: User = request.user  # type: ignore[assignment]
    form = DecideForm(request.POST)
    pending = next(
        (d for d in applicant.decisions.all() if d.outcome == DecisionOutcome.PROPOSED), None
    )
    if pending is None:
        raise Http404
    if form.is_valid():
        try:
            services.approval_decide(
                decision=pending,
                approve=form.cleaned_data["outcome"] == "approve",
                reason=form.cleaned_data["reason"],
                actor=user,
            )
        except services.ApprovalRefusedError as refusal:
            return _render_case(
                request, applicant, decide_form=form, refusal=refusal.reasons, status=400
            )
        except (services.ApplicantTransitionError, CarerTransitionError):
            messages.error(
                request,
                _("Beslutet kunde inte fattas eftersom ärendet har ändrats. Försök igen."),
            )
            return redirect(reverse("applicants:staff-detail", args=[applicant.public_id]))
        messages.success(request, _("Beslutet är fattat och den sökande har fått beslutsbrevet."))
        return redirect(reverse("applicants:staff-detail", args=[applicant.public_id]) + "#beslut")
    return _render_case(request, applicant, decide_form=form, status=400)
