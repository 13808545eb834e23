"""Staff pages for clients and decisions under /personal/klienter/.

One client or decision is read only through `permissions.access_client`/`access_decision`
(audited); lists record `client.list_viewed` once per page view. Contact details are shown only
as `permissions.client_contact_for` returns them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import User
from brygga.core.access import permission_required
from brygga.core.decision_panels import render_panels
from brygga.core.listing import url_for_each
from brygga.core.pagination import DeferredJoinPaginator

from . import selectors, services
from .constants import FOLLOW_UP_REMINDER_DAYS, IVO_WARNING_DAYS, DecisionStatus
from .forms import (
    ClientForm,
    ClientSearchForm,
    DecisionForm,
    FollowUpForm,
    GuardianForm,
    ImplementationPlanForm,
    WorklistFilterForm,
)
from .models import Client, Decision, Guardian
from .permissions import (
    ADD_CLIENT,
    ADD_DECISION,
    CHANGE_CLIENT,
    CHANGE_DECISION,
    VIEW_CLIENT,
    access_client,
    access_decision,
    client_contact_for,
    client_list_record_view,
    may_see_contact,
)

STAFF_PAGE_SIZE = 50

# Purposes are log data, stored in Swedish whatever the reader's language.
PURPOSE_WORKLIST = "Arbetslista över beslut"
PURPOSE_CLIENT_SEARCH = "Sökning bland klienter"
PURPOSE_CLIENT = "Handläggning av klientärende"
PURPOSE_CLIENT_CHANGE = "Ändra klientens uppgifter"
PURPOSE_DECISION = "Handläggning av beslut"
PURPOSE_DECISION_CHANGE = "Ändra beslut"


def _staff(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if user.organisation is None:
        raise Http404
    return user


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _query_without_page(request: HttpRequest) -> str:
    return urlencode(
        [(key, str(value)) for key, value in request.GET.items() if key != "page" and value]
    )


# --- Lists ------------------------------------------------------------------------------------


@permission_required(VIEW_CLIENT)
def worklist(request: HttpRequest) -> HttpResponse:
    """Decisions, most urgent first, with waiting time, the IVO date and follow-ups due."""
    user = _staff(request)
    form = WorklistFilterForm(request.GET or None, user=user)
    filters = form.to_filters()
    today = timezone.localdate()
    decisions = selectors.decision_worklist(user=user, filters=filters, today=today)
    page = DeferredJoinPaginator(decisions, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    due = selectors.follow_ups_due(user=user, filters=filters, today=today)[:20]
    soon = selectors.reportable_soon(user=user, filters=filters, today=today)[:20]
    client_list_record_view(user=user, filters=filters.as_primitives(), purpose=PURPOSE_WORKLIST)
    decision_url = url_for_each("clients:decision-detail")
    return render(
        request,
        "clients/worklist.html",
        {
            "form": form,
            "page": page,
            "rows": _worklist_rows(page, decision_url),
            "due": _due_items(due, decision_url, today),
            "soon": _soon_items(soon, decision_url),
            "today": today,
            "query": _query_without_page(request),
            "warning_days": IVO_WARNING_DAYS,
            "reminder_days": FOLLOW_UP_REMINDER_DAYS,
        },
    )


# The worklist's cells are built here rather than in the template: fifty rows of includes,
# translations and URL lookups were most of the page's time. The texts are the msgids of
# `clients/_decision_deadline.html`, which the other decision pages still use.


@dataclass(frozen=True)
class WorklistRow:
    client_url: str
    client_name: str
    decision_url: str
    assignment_type: str
    scope: str
    unit: str
    decision_date: str
    deadline: SafeString
    status: str


def _deadline_cell(decision: Decision, status_labels: dict[str, str]) -> SafeString:
    days = decision.waited.days  # type: ignore[attr-defined]  # annotated by the selector
    if decision.status == DecisionStatus.ACTIVE:
        ivo = decision.ivo_date.isoformat()  # type: ignore[attr-defined]
        waited = ngettext("Väntat %(days)s dag", "Väntat %(days)s dagar", days) % {"days": days}
        if decision.ivo_passed:  # type: ignore[attr-defined]
            tag = format_html(
                '<span class="ds-tag" data-size="sm" data-color="danger">{}</span>',
                _("Ska rapporteras till IVO (sedan %(date)s)") % {"date": ivo},
            )
        elif decision.ivo_soon:  # type: ignore[attr-defined]
            tag = format_html(
                '<span class="ds-tag" data-size="sm" data-color="warning">{}</span>',
                _("Rapporteras till IVO %(date)s") % {"date": ivo},
            )
        else:
            tag = format_html(
                '<span class="muted">{}</span>', _("Rapporteras till IVO %(date)s") % {"date": ivo}
            )
        cell = format_html('<span class="deadline">{}</span> {}', waited, tag)
    elif decision.status == DecisionStatus.IMPLEMENTED:
        text = ngettext(
            "Verkställt %(date)s efter %(days)s dag",
            "Verkställt %(date)s efter %(days)s dagar",
            days,
        ) % {"date": _iso(decision.implemented_on), "days": days}
        cell = format_html('<span class="deadline">{}</span>', text)
    else:
        ended = f" {decision.ended_on.isoformat()}" if decision.ended_on else ""
        cell = format_html('<span class="muted">{}{}</span>', status_labels[decision.status], ended)
    if decision.follow_up_due:  # type: ignore[attr-defined]
        cell = format_html(
            '{} <span class="ds-tag" data-size="sm" data-color="info">{}</span>',
            cell,
            _("Uppföljning snart"),
        )
    return cell


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _worklist_rows(page: Page[Any], decision_url: Callable[[Any], str]) -> list[WorklistRow]:
    client_url = url_for_each("clients:client-detail")
    status_labels = {str(value): str(label) for value, label in DecisionStatus.choices}
    rows = []
    for decision in page:
        client = decision.client
        rows.append(
            WorklistRow(
                client_url=client_url(client.public_id),
                client_name=f"{client.last_name}, {client.first_name}",
                decision_url=decision_url(decision.public_id),
                assignment_type=decision.assignment_type.name,
                scope=decision.scope_display,
                unit=client.unit.name,
                decision_date=decision.decision_date.isoformat(),
                deadline=_deadline_cell(decision, status_labels),
                status=status_labels[decision.status],
            )
        )
    return rows


@dataclass(frozen=True)
class WorklistItem:
    """A line of the follow-ups due or the IVO warnings above the table."""

    url: str
    title: str
    text: str
    overdue: bool = False


def _title(decision: Decision) -> str:
    return f"{decision.client.full_name} – {decision.assignment_type.name}"


def _due_items(
    decisions: Iterable[Decision], decision_url: Callable[[Any], str], today: date
) -> list[WorklistItem]:
    items = []
    for decision in decisions:
        day = decision.next_follow_up_on
        overdue = day is not None and day < today
        text = (_("Försenad, skulle ha gjorts %(date)s") if overdue else _("senast %(date)s")) % {
            "date": _iso(day)
        }
        url = decision_url(decision.public_id)
        items.append(WorklistItem(url, _title(decision), text, overdue))
    return items


def _soon_items(
    decisions: Iterable[Decision], decision_url: Callable[[Any], str]
) -> list[WorklistItem]:
    return [
        WorklistItem(
            decision_url(decision.public_id),
            _title(decision),
            _("rapporteras %(date)s om det inte verkställs innan")
            % {"date": decision.ivo_date.isoformat()},  # type: ignore[attr-defined]
        )
        for decision in decisions
    ]


@permission_required(VIEW_CLIENT)
def client_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    form = ClientSearchForm(request.GET or None)
    filters = form.to_filters()
    clients = selectors.client_list(user=user, filters=filters)
    page = Paginator(clients, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    client_list_record_view(
        user=user, filters=filters.as_primitives(), purpose=PURPOSE_CLIENT_SEARCH
    )
    return render(
        request,
        "clients/client_list.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


# --- One client -------------------------------------------------------------------------------


@permission_required(VIEW_CLIENT)
def client_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    client = access_client(user=user, public_id=public_id, purpose=PURPOSE_CLIENT)
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "contact": client_contact_for(user, client),
            "decisions": client.decisions.all(),
            "can_change": user.has_perm(CHANGE_CLIENT),
            "can_add_decision": user.has_perm(ADD_DECISION),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(ADD_CLIENT)
def client_create(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    form = ClientForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_register(
                organisation=user.organisation,  # type: ignore[arg-type]
                unit=form.cleaned_data["unit"],
                identifier=form.cleaned_data["identifier"],
                responsible_officer=form.cleaned_data["responsible_officer"],
                fields=form.service_fields(),
                actor=user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Klienten är registrerad."))
            return redirect("clients:client-detail", public_id=client.public_id)
    return render(
        request,
        "clients/client_form.html",
        {"form": form, "heading": _("Registrera klient")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE_CLIENT)
def client_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    client = access_client(user=user, public_id=public_id, purpose=PURPOSE_CLIENT_CHANGE)
    hidden = not may_see_contact(user, client)
    initial = _client_initial(client, hidden=hidden)
    form = ClientForm(request.POST or None, user=user, contact_hidden=hidden, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(
                client=client,
                identifier=form.cleaned_data["identifier"],
                unit=form.cleaned_data["unit"],
                responsible_officer=form.cleaned_data["responsible_officer"],
                fields=form.service_fields(),
                actor=user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("clients:client-detail", public_id=client.public_id)
    return render(
        request,
        "clients/client_form.html",
        {"form": form, "client": client, "heading": _("Ändra klientens uppgifter")},
        status=400 if form.errors else 200,
    )


def _client_initial(client: Client, *, hidden: bool) -> dict[str, Any]:
    names = [
        "first_name",
        "last_name",
        "protected_identity",
        "interests",
        "languages",
        "carer_gender_wish",
        "carer_age_min",
        "carer_age_max",
        "matching_notes",
    ]
    if not hidden:
        names += list(ClientForm.CONTACT_FIELDS)
    initial = {name: getattr(client, name) for name in names}
    initial.update(
        identifier=client.identifier,
        unit=client.unit_id,
        responsible_officer=client.responsible_officer_id,
    )
    return initial


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE_CLIENT)
def guardian_form(
    request: HttpRequest, public_id: str, guardian_id: str | None = None
) -> HttpResponse:
    user = _staff(request)
    client = access_client(user=user, public_id=public_id, purpose=PURPOSE_CLIENT_CHANGE)
    guardian: Guardian | None = None
    if guardian_id is not None:
        guardian = next(
            (g for g in client.guardians.all() if str(g.public_id) == guardian_id), None
        )
        if guardian is None:
            raise Http404
    hidden = not may_see_contact(user, client)
    initial: dict[str, Any] = {}
    if guardian is not None:
        fields = ["name", "relation"]
        if not hidden:
            fields += ["phone", "email", "street_address", "postal_code", "city"]
        initial = {name: getattr(guardian, name) for name in fields}
    form = GuardianForm(request.POST or None, contact_hidden=hidden, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if guardian is None:
                services.guardian_add(client=client, fields=form.cleaned_data, actor=user)
            else:
                services.guardian_update(guardian=guardian, fields=form.cleaned_data, actor=user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Vårdnadshavaren är sparad."))
            return redirect("clients:client-detail", public_id=client.public_id)
    heading = _("Lägg till vårdnadshavare") if guardian is None else _("Ändra vårdnadshavare")
    return render(
        request,
        "clients/guardian_form.html",
        {"form": form, "client": client, "heading": heading},
        status=400 if form.errors else 200,
    )


# --- Decisions --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(ADD_DECISION)
def decision_create(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    client = access_client(user=user, public_id=public_id, purpose=PURPOSE_DECISION_CHANGE)
    form = DecisionForm(
        request.POST or None,
        user=user,
        initial={"decided_by": user.pk, "decided_by_title": user.title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_register(
                client=client, fields=form.cleaned_data, actor=user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            return redirect("clients:decision-detail", public_id=decision.public_id)
    return render(
        request,
        "clients/decision_form.html",
        {"form": form, "client": client, "heading": _("Registrera beslut")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE_DECISION)
def decision_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    decision = access_decision(user=user, public_id=public_id, purpose=PURPOSE_DECISION_CHANGE)
    initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
    initial["assignment_type"] = decision.assignment_type.code
    initial["target_group"] = decision.target_group.code if decision.target_group else None
    initial["legal_basis"] = decision.legal_basis.code
    initial["decided_by"] = decision.decided_by_id
    form = DecisionForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision=decision, fields=form.cleaned_data, actor=user)
        except ValidationError as error:
            _apply_errors(form, error)
        except services.DecisionStateError as error:
            messages.error(request, str(error))
            return redirect("clients:decision-detail", public_id=decision.public_id)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("clients:decision-detail", public_id=decision.public_id)
    return render(
        request,
        "clients/decision_form.html",
        {
            "form": form,
            "client": decision.client,
            "decision": decision,
            "heading": _("Ändra beslut"),
        },
        status=400 if form.errors else 200,
    )


def _render_decision(
    request: HttpRequest,
    decision: Decision,
    *,
    plan_form: ImplementationPlanForm | None = None,
    follow_up_form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    plan = getattr(decision, "implementation_plan", None)
    if plan_form is None:
        plan_form = ImplementationPlanForm(
            prefix="plan",
            initial={
                "goals": plan.goals if plan else decision.goals,
                "activities": plan.activities if plan else "",
                "client_wishes": plan.client_wishes if plan else "",
                "follow_up_interval_months": plan.follow_up_interval_months if plan else 6,
                "next_follow_up_on": plan.next_follow_up_on if plan else None,
            },
        )
    today = timezone.localdate()
    return render(
        request,
        "clients/decision_detail.html",
        {
            "decision": decision,
            "client": decision.client,
            "plan": plan,
            "plan_form": plan_form,
            "follow_up_form": follow_up_form or FollowUpForm(prefix="uppfoljning"),
            "follow_ups": decision.follow_ups.all(),
            "panels": render_panels(request, decision),
            "can_change": request.user.has_perm(CHANGE_DECISION),
            "today": today,
        },
        status=status,
    )


@permission_required(VIEW_CLIENT)
def decision_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    decision = access_decision(user=user, public_id=public_id, purpose=PURPOSE_DECISION)
    return _render_decision(request, decision)


@require_POST
@permission_required(CHANGE_DECISION)
def plan_save(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    decision = access_decision(user=user, public_id=public_id, purpose=PURPOSE_DECISION_CHANGE)
    form = ImplementationPlanForm(request.POST, prefix="plan")
    if form.is_valid():
        try:
            services.implementation_plan_save(decision=decision, actor=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Genomförandeplanen är sparad."))
            return redirect(f"{_decision_url(decision)}#plan-heading")
    return _render_decision(request, decision, plan_form=form, status=400)


@require_POST
@permission_required(CHANGE_DECISION)
def follow_up_create(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    decision = access_decision(user=user, public_id=public_id, purpose=PURPOSE_DECISION_CHANGE)
    form = FollowUpForm(request.POST, prefix="uppfoljning")
    if form.is_valid():
        try:
            services.follow_up_record(decision=decision, actor=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Uppföljningen är registrerad."))
            return redirect(f"{_decision_url(decision)}#follow-up-heading")
    return _render_decision(request, decision, follow_up_form=form, status=400)


def _decision_url(decision: Decision) -> str:
    return reverse("clients:decision-detail", args=[decision.public_id])
