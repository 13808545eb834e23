"""The contract for staff (under the decision's assignment) and for the carer on Mina sidor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import User
from brygga.assignments.models import Assignment
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.clients.permissions import access_decision
from brygga.core.access import is_public_user, permission_required, public_required

from . import selectors, services
from .documents import contract_context, contract_filename, contract_pdf
from .forms import AcceptForm, ContractVersionForm
from .models import ContractVersion
from .permissions import can_create_contracts, can_sign_contracts

PURPOSE = "Uppdragsavtal"


def _assignment(request: HttpRequest, public_id: str, assignment_id: str) -> Assignment:
    decision = access_decision(user=request.user, public_id=public_id, purpose=PURPOSE)
    assignment = (
        Assignment.objects.filter(decision=decision, public_id=assignment_id)
        .select_related("carer", "decision__assignment_type", "decision__client")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def _pdf_response(version: ContractVersion) -> HttpResponse:
    response = HttpResponse(contract_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{contract_filename(version)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@permission_required("contracts.view_contract")
def staff_contract(request: HttpRequest, public_id: str, assignment_id: str) -> HttpResponse:
    assignment = _assignment(request, public_id, assignment_id)
    contract = getattr(assignment, "contract", None)
    versions = list(contract.versions.select_related("signed_by")) if contract else []
    model = assignment.decision.assignment_type.compensation_model
    latest = versions[0] if versions else None
    initial: dict[str, Any] = {"notice_months": 1}
    if latest is not None:
        initial.update(
            fee_percent=latest.fee_percent,
            expense_percent=latest.expense_percent,
            fee_level=latest.fee_level,
            expense_level=latest.expense_level or "grund",
            reporting_frequency=latest.reporting_frequency,
            notice_months=latest.notice_months,
        )
    else:
        initial["valid_from"] = assignment.started_on or assignment.decision.period_from
    can_create = can_create_contracts(request.user)
    form = ContractVersionForm(
        request.POST if request.method == "POST" else None,
        compensation_model=model,
        initial=initial,
    )
    if request.method == "POST":
        if not can_create:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contract_version_create(
                    assignment=assignment,
                    valid_from=data["valid_from"],
                    fee_percent=data.get("fee_percent"),
                    expense_percent=data.get("expense_percent"),
                    fee_level=data.get("fee_level", ""),
                    expense_level=data.get("expense_level", ""),
                    reporting_frequency=data["reporting_frequency"],
                    notice_months=data["notice_months"],
                    change_note=data["change_note"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Avtalet är skickat till uppdragstagaren."))
                return redirect(
                    "contracts:staff-detail", public_id=public_id, assignment_id=assignment_id
                )
    return render(
        request,
        "contracts/contract_staff.html",
        {
            "decision": assignment.decision,
            "assignment": assignment,
            "versions": versions,
            "form": form,
            "can_create": can_create,
            "can_sign": can_sign_contracts(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _staff_version(
    request: HttpRequest, public_id: str, assignment_id: str, version_id: str
) -> ContractVersion:
    assignment = _assignment(request, public_id, assignment_id)
    version = ContractVersion.objects.filter(
        contract__assignment=assignment, public_id=version_id
    ).first()
    if version is None:
        raise Http404
    return version


@require_POST
@permission_required("contracts.sign_contract")
def sign(request: HttpRequest, public_id: str, assignment_id: str, version_id: str) -> HttpResponse:
    version = _staff_version(request, public_id, assignment_id, version_id)
    try:
        services.contract_sign(version=version, actor=request.user)  # type: ignore[arg-type]
    except services.ContractStateError:
        messages.error(request, _("Versionen kan inte skrivas under i sin nuvarande status."))
    else:
        messages.success(request, _("Avtalet är underskrivet och gäller."))
    return redirect("contracts:staff-detail", public_id=public_id, assignment_id=assignment_id)


@permission_required("contracts.view_contract")
def staff_pdf(
    request: HttpRequest, public_id: str, assignment_id: str, version_id: str
) -> HttpResponse:
    version = _staff_version(request, public_id, assignment_id, version_id)
    audit_record(
        actor=request.user,
        event=AuditEventType.CONTRACT_DOWNLOADED,
        subject=version.contract,
        changes={"version": version.number},
        purpose=PURPOSE,
    )
    return _pdf_response(version)


# --- The carer on Mina sidor -------------------------------------------------------------------


def my_pages_section(request: HttpRequest) -> SafeString | None:
    if not is_public_user(request.user):
        return None
    versions = list(selectors.versions_for_carer_user(user=request.user))  # type: ignore[arg-type]
    if not versions:
        return None
    html = render_to_string(
        "contracts/_my_pages_section.html", {"versions": versions}, request=request
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


def _own_version(request: HttpRequest, version_id: str) -> ContractVersion:
    user: User = request.user  # type: ignore[assignment]
    version = selectors.versions_for_carer_user(user=user).filter(public_id=version_id).first()
    if version is None:
        raise Http404
    return version


@require_http_methods(["GET", "POST"])
@public_required
def carer_detail(request: HttpRequest, version_id: str) -> HttpResponse:
    version = _own_version(request, version_id)
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_accept(version=version, actor=request.user)  # type: ignore[arg-type]
        except services.ContractStateError:
            messages.info(request, _("Avtalet är redan besvarat."))
        else:
            messages.success(request, _("Tack! Du har accepterat avtalet."))
        return redirect("accounts:my-pages")
    return render(
        request,
        "contracts/contract_carer.html",
        {**contract_context(version), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@public_required
def carer_pdf(request: HttpRequest, version_id: str) -> HttpResponse:
    return _pdf_response(_own_version(request, version_id))
