"""Matching and assignments for staff; offers and assignments for the carer on Mina sidor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.carers.permissions import can_view_carers
from brygga.clients.permissions import access_decision
from brygga.core.access import is_public_user, permission_required, public_required
from brygga.website.constants import CarerGender

from . import selectors, services
from .constants import AssignmentStatus, EndReason, OfferStatus, Party, dropped_text
from .forms import (
    EndForm,
    InterruptForm,
    OfferForm,
    OfferResponseForm,
    PublishForm,
    StepForm,
    age_band_for,
)
from .models import Assignment, Offer
from .permissions import can_change_assignments, can_match

PURPOSE_MATCHING = "Matchning av uppdragstagare"
PURPOSE_ASSIGNMENTS = "Uppdrag för beslut"


def _decision(request: HttpRequest, public_id: str, purpose: str) -> Any:
    decision = access_decision(user=request.user, public_id=public_id, purpose=purpose)
    return selectors.decision_for_matching_queryset().get(pk=decision.pk)


# --- Staff: matching and offers --------------------------------------------------------------


@permission_required("assignments.add_offer")
def candidates(request: HttpRequest, public_id: str) -> HttpResponse:
    """Ranked candidates for the decision, each with the reasons for and against."""
    decision = _decision(request, public_id, PURPOSE_MATCHING)
    result = selectors.decision_candidates(
        decision=decision,
        page=request.GET.get("page"),
        excluded_page=request.GET.get("excluded_page"),
    )
    audit_record(
        actor=request.user,
        event=AuditEventType.CANDIDATES_VIEWED,
        subject=decision,
        person=decision.client,
        organisation=decision.organisation,
        changes={"candidates": result.candidate_count, "excluded": result.excluded_count},
        purpose=PURPOSE_MATCHING,
    )
    return render(
        request,
        "assignments/candidates.html",
        {
            "decision": decision,
            "result": result,
            "dropped": [dropped_text(reason, n) for reason, n in result.dropped.items()],
            "can_view_carers": can_view_carers(request.user),
            "pending": {
                o.carer_id for o in decision.offers.all() if o.status == OfferStatus.PENDING
            },
        },
    )


def _default_brief(decision: Any) -> str:
    client = decision.client
    age = client.age_on(decision.period_from)
    parts = [
        _("%(type)s för en person som är %(age)s år.")
        % {"type": decision.assignment_type.name, "age": age},
        _("Omfattning: %(quantity)s %(unit)s.")
        % {
            "quantity": f"{decision.scope_quantity:g}",
            "unit": decision.get_scope_unit_display(),
        },
    ]
    if client.area and not client.protected_identity:
        parts.append(_("Område: %(area)s.") % {"area": client.area})
    if client.interests:
        parts.append(_("Intressen: %(interests)s.") % {"interests": client.interests})
    return " ".join(str(p) for p in parts)


@require_http_methods(["GET", "POST"])
@permission_required("assignments.add_offer")
def offer_create(request: HttpRequest, public_id: str, carer_id: str) -> HttpResponse:
    decision = _decision(request, public_id, PURPOSE_MATCHING)
    row = selectors.decision_candidate(decision=decision, carer_id=str(carer_id))
    if row is None:
        raise Http404
    form = OfferForm(
        request.POST or None, rank=row.rank, initial={"brief": _default_brief(decision)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_make(
                decision=decision,
                carer=row.carer,
                brief=form.cleaned_data["brief"],
                rank=row.rank,
                outside_ranking_reason=form.cleaned_data.get("outside_ranking_reason", ""),
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Erbjudandet är skickat till uppdragstagaren."))
            return redirect("assignments:decision", public_id=decision.public_id)
    return render(
        request,
        "assignments/offer_form.html",
        {"decision": decision, "row": row, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("assignments.view_assignment")
def decision_assignments(request: HttpRequest, public_id: str) -> HttpResponse:
    """The decision's offers and assignments, with the next step for each."""
    decision = _decision(request, public_id, PURPOSE_ASSIGNMENTS)
    return render(
        request,
        "assignments/decision_assignments.html",
        {
            "decision": decision,
            "offers": decision.offers.all(),
            "assignments": decision.assignments.all(),
            "can_match": can_match(request.user),
            "needs_carer": services.decision_needs_carer(decision),
            "can_change": can_change_assignments(request.user),
            "step_form": StepForm(),
            "interrupt_form": InterruptForm(),
            "end_form": EndForm(),
        },
    )


def _assignment_step(
    handler: Callable[[Assignment, dict[str, Any], User], Any], form_class: type[StepForm]
) -> Callable[..., HttpResponseBase]:
    @require_POST
    @permission_required("assignments.change_assignment")
    def view(request: HttpRequest, public_id: str, assignment_id: str) -> HttpResponse:
        decision = _decision(request, public_id, PURPOSE_ASSIGNMENTS)
        assignment = next(
            (a for a in decision.assignments.all() if str(a.public_id) == str(assignment_id)),
            None,
        )
        if assignment is None:
            raise Http404
        form = form_class(request.POST)
        if form.is_valid():
            try:
                handler(assignment, form.cleaned_data, request.user)  # type: ignore[arg-type]
            except services.AssignmentStateError:
                messages.error(request, _("Det steget går inte att ta från uppdragets status."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Uppdraget är uppdaterat."))
        else:
            messages.error(request, " ".join(str(e) for e in form.errors.values()))
        return redirect(reverse("assignments:decision", args=[decision.public_id]))

    return view


first_meeting = _assignment_step(
    lambda a, d, u: services.assignment_first_meeting(assignment=a, on=d["on"], actor=u),
    StepForm,
)
confirm_client = _assignment_step(
    lambda a, d, u: services.assignment_confirm(assignment=a, party=Party.CLIENT, actor=u),
    StepForm,
)
start = _assignment_step(
    lambda a, d, u: services.assignment_start(assignment=a, started_on=d["on"], actor=u),
    StepForm,
)
pause = _assignment_step(
    lambda a, d, u: services.assignment_pause(assignment=a, on=d["on"], note=d["note"], actor=u),
    StepForm,
)
interrupt = _assignment_step(
    lambda a, d, u: services.assignment_interrupt(
        assignment=a, on=d["on"], cause=d["cause"], actor=u
    ),
    InterruptForm,
)
resume = _assignment_step(
    lambda a, d, u: services.assignment_resume(assignment=a, on=d["on"], actor=u), StepForm
)
end = _assignment_step(
    lambda a, d, u: services.assignment_end(
        assignment=a, on=d["on"], reason=EndReason(d["reason"]), note=d["note"], actor=u
    ),
    EndForm,
)
rematch = _assignment_step(
    lambda a, d, u: services.assignment_rematch(assignment=a, on=d["on"], note=d["note"], actor=u),
    StepForm,
)


# --- The carer on Mina sidor -------------------------------------------------------------------


def my_pages_section(request: HttpRequest) -> SafeString | None:
    """The carer's offers and assignments: only what the assignment needs to know."""
    if not is_public_user(request.user):
        return None
    user: User = request.user  # type: ignore[assignment]
    offers = list(selectors.offers_for_carer_user(user=user).filter(status=OfferStatus.PENDING))
    assignments = list(selectors.assignments_for_carer_user(user=user))
    if not offers and not assignments:
        return None
    html = render_to_string(
        "assignments/_my_pages_section.html",
        {"offers": offers, "assignments": assignments, "form": OfferResponseForm()},
        request=request,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


def _own_offer(request: HttpRequest, offer_id: str) -> Offer:
    offer = (
        selectors.offers_for_carer_user(user=request.user)  # type: ignore[arg-type]
        .filter(public_id=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


@require_POST
@public_required
def offer_respond(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = _own_offer(request, offer_id)
    form = OfferResponseForm(request.POST)
    accept = request.POST.get("answer") == "accept"
    if form.is_valid():
        try:
            services.offer_respond(
                offer=offer,
                accept=accept,
                note=form.cleaned_data["note"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.AssignmentStateError:
            messages.info(request, _("Erbjudandet är redan besvarat."))
        else:
            messages.success(
                request,
                _("Tack! Vi kontaktar dig om ett första möte.")
                if accept
                else _("Du har tackat nej. Tack för att du svarade."),
            )
    return redirect("accounts:my-pages")


@require_POST
@public_required
def carer_confirm(request: HttpRequest, assignment_id: str) -> HttpResponse:
    assignment = (
        selectors.assignments_for_carer_user(user=request.user)  # type: ignore[arg-type]
        .filter(public_id=assignment_id, status=AssignmentStatus.PLANNED)
        .first()
    )
    if assignment is None:
        raise Http404
    services.assignment_confirm(
        assignment=assignment,
        party=Party.CARER,
        actor=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, _("Tack! Du har bekräftat att du vill ta uppdraget."))
    return redirect("accounts:my-pages")


# --- Publication on the public site -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("assignments.add_offer")
def publish(request: HttpRequest, public_id: str) -> HttpResponse:
    """Publish the decision as an anonymous open assignment, after a preview of exactly what
    becomes public. A client with protected identity is never published."""
    decision = _decision(request, public_id, PURPOSE_MATCHING)
    client = decision.client
    blocked = client.protected_identity
    initial = {
        "title": _("%(type)s sökes") % {"type": decision.assignment_type.name},
        "age_band": age_band_for(client.age_on(decision.period_from)),
        "carer_gender": {"female": CarerGender.WOMAN, "male": CarerGender.MAN}.get(
            client.carer_gender_wish, CarerGender.ANY
        ),
        "area": "" if client.protected_identity else client.area,
        "interests": client.interests,
        "scope": f"{decision.scope_quantity:g} {decision.get_scope_unit_display()}",
        "start_wish": _("Snarast"),
        "description": "",
    }
    form = PublishForm(request.POST or None, initial=initial)
    action = request.POST.get("action")
    if request.method == "POST" and not blocked and form.is_valid():
        if action == "publish":
            try:
                published = services.decision_publish(
                    decision=decision,
                    fields=form.cleaned_data,
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Uppdraget är publicerat på webbplatsen."))
                return redirect("website:open-assignment-detail", public_id=published.public_id)
        preview = form.cleaned_data
    else:
        preview = None
    return render(
        request,
        "assignments/publish.html",
        {"decision": decision, "form": form, "preview": preview, "blocked": blocked},
        status=400 if request.method == "POST" and form.errors else 200,
    )
