"""Reports on Mina sidor (the carer), approval (the case officer), payment runs (finance)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.compensation.quoting import QuoteError
from brygga.core.access import is_public_user, permission_required, public_required

from . import exports, selectors, services
from .amounts import ReportAmounts
from .constants import ExportFormat, ReportStatus, RunStatus
from .forms import (
    AdjustmentForm,
    ExpenseForm,
    MeetingFormSet,
    ReportForm,
    ReturnForm,
    RunForm,
    StayFormSet,
)
from .models import Expense, PaymentLine, PaymentRun, Report
from .periods import deadline, period_for, previous_period

PURPOSE_APPROVAL = "Godkännande av redovisning"
PURPOSE_PAYMENT = "Utbetalning"
APPROVAL_PAGE_SIZE = 50


def _file_response(handle: Any, name: str, content_type: str) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _amounts(report: Report) -> tuple[ReportAmounts | None, str]:
    try:
        return services.report_preview(report), ""
    except QuoteError as error:
        return None, error.message


# --- The carer on Mina sidor -------------------------------------------------------------------


def my_pages_section(request: HttpRequest) -> SafeString | None:
    if not is_public_user(request.user):
        return None
    user: User = request.user  # type: ignore[assignment]
    contracts = list(selectors.signed_contracts_for_carer_user(user=user))
    if not contracts:
        return None
    reports = list(selectors.reports_for_carer_user(user=user)[:24])
    today = timezone.localdate()
    to_open = []
    for contract in contracts:
        version = contract.versions.filter(status="signed").first()
        if version is None:
            continue
        existing = {r.period_start for r in reports if r.contract_id == contract.pk}
        for start, end in (
            previous_period(today, version.reporting_frequency),
            period_for(today, version.reporting_frequency),
        ):
            if start not in existing and end >= version.valid_from:
                to_open.append(
                    {
                        "contract": contract,
                        "start": start,
                        "end": end,
                        "deadline": deadline(end, version.report_deadline_day),
                    }
                )
    html = render_to_string(
        "payments/_my_pages_section.html",
        {"reports": reports, "to_open": to_open},
        request=request,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


@require_POST
@public_required
def report_open(request: HttpRequest, contract_id: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    contract = (
        selectors.signed_contracts_for_carer_user(user=user).filter(public_id=contract_id).first()
    )
    if contract is None:
        raise Http404
    try:
        day = date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    try:
        report = services.report_open(contract=contract, day=day, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:my-pages")
    return redirect("payments:report-edit", report_id=report.public_id)


def _own_report(request: HttpRequest, report_id: str) -> Report:
    report = (
        selectors.reports_for_carer_user(user=request.user)  # type: ignore[arg-type]
        .filter(public_id=report_id)
        .first()
    )
    if report is None:
        raise Http404
    return report


def _row_data(formset: Any, fields: tuple[str, ...]) -> list[dict[str, str]]:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if all(data.get(f) not in (None, "") for f in fields):
            rows.append(
                {
                    f: str(data[f]) if not isinstance(data[f], date) else data[f].isoformat()
                    for f in fields
                }
            )
    rows.sort(key=lambda row: row[fields[0]])
    return rows


def _report_page(
    request: HttpRequest,
    report: Report,
    *,
    meeting_formset: Any = None,
    stay_formset: Any = None,
    form: ReportForm | None = None,
    expense_form: ExpenseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    period = (report.period_start, report.period_end)
    meeting_formset = meeting_formset or MeetingFormSet(  # type: ignore[call-arg]
        prefix="meetings", initial=report.meetings, period=period
    )
    stay_formset = stay_formset or StayFormSet(  # type: ignore[call-arg]
        prefix="stays", initial=report.stays, period=period
    )
    form = form or ReportForm(
        initial={"kilometres": report.kilometres or None, "note": report.note}
    )
    amounts, quote_error = _amounts(report)
    version = report.contract_version
    return render(
        request,
        "payments/report_form.html",
        {
            "report": report,
            "editable": report.status in services.EDITABLE,
            "meeting_formset": meeting_formset,
            "stay_formset": stay_formset,
            "form": form,
            "expense_form": expense_form or ExpenseForm(period=period),
            "amounts": amounts,
            "quote_error": quote_error,
            "shows_stays": version.compensation_model == "per_day",
            "deadline": deadline(report.period_end, version.report_deadline_day),
            "has_errors": status == 400,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@public_required
def report_edit(request: HttpRequest, report_id: str) -> HttpResponse:
    report = _own_report(request, report_id)
    if request.method == "GET" or report.status not in services.EDITABLE:
        return _report_page(request, report)
    user: User = request.user  # type: ignore[assignment]
    period = (report.period_start, report.period_end)
    meeting_formset = MeetingFormSet(request.POST, prefix="meetings", period=period)  # type: ignore[call-arg]
    stay_formset = StayFormSet(request.POST, prefix="stays", period=period)  # type: ignore[call-arg]
    form = ReportForm(request.POST)
    valid = meeting_formset.is_valid() & stay_formset.is_valid() & form.is_valid()
    if valid:
        stays = _row_data(stay_formset, ("arrival", "departure"))
        kilometres = form.cleaned_data["kilometres"] or Decimal("0")
        if kilometres and report.contract_version.compensation_model == "per_day" and not stays:
            form.add_error("kilometres", _("Redovisa kilometer tillsammans med en vistelse."))
            valid = False
    if not valid:
        return _report_page(
            request,
            report,
            meeting_formset=meeting_formset,
            stay_formset=stay_formset,
            form=form,
            status=400,
        )
    report = services.report_update(
        report=report,
        meetings=_row_data(meeting_formset, ("date", "hours")),
        stays=stays,
        kilometres=kilometres,
        note=form.cleaned_data["note"],
        actor=user,
    )
    if request.POST.get("action") == "submit":
        try:
            services.report_submit(report=report, actor=user)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return _report_page(
                request,
                report,
                meeting_formset=meeting_formset,
                stay_formset=stay_formset,
                form=form,
                status=400,
            )
        messages.success(request, _("Tack! Redovisningen är skickad till handläggaren."))
        return redirect("accounts:my-pages")
    messages.success(request, _("Redovisningen är sparad. Kontrollera beloppen och skicka den."))
    return redirect("payments:report-edit", report_id=report.public_id)


@require_POST
@public_required
def expense_add(request: HttpRequest, report_id: str) -> HttpResponse:
    report = _own_report(request, report_id)
    if report.status not in services.EDITABLE:
        raise Http404
    form = ExpenseForm(request.POST, request.FILES, period=(report.period_start, report.period_end))
    if form.is_valid():
        upload = form.cleaned_data["receipt"]
        try:
            services.expense_add(
                report=report,
                upload=upload,
                size=upload.size,
                name=upload.name,
                spent_on=form.cleaned_data["spent_on"],
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Utlägget är sparat."))
            return redirect("payments:report-edit", report_id=report.public_id)
    return _report_page(request, report, expense_form=form, status=400)


def _own_expense(request: HttpRequest, report_id: str, expense_id: int) -> Expense:
    report = _own_report(request, report_id)
    expense = report.expenses.filter(pk=expense_id).first()
    if expense is None:
        raise Http404
    return expense


@require_POST
@public_required
def expense_remove(request: HttpRequest, report_id: str, expense_id: int) -> HttpResponse:
    expense = _own_expense(request, report_id, expense_id)
    try:
        services.expense_remove(expense=expense, actor=request.user)  # type: ignore[arg-type]
    except services.ReportStateError as error:
        raise Http404 from error
    messages.success(request, _("Utlägget är borttaget."))
    return redirect("payments:report-edit", report_id=report_id)


@public_required
def receipt_own(request: HttpRequest, report_id: str, expense_id: int) -> FileResponse:
    expense = _own_expense(request, report_id, expense_id)
    return _file_response(
        services.receipt_open(expense), expense.receipt_name, expense.receipt_content_type
    )


# --- The case officer: approval ----------------------------------------------------------------


@permission_required("payments.approve_report")
def approval_list(request: HttpRequest) -> HttpResponse:
    """The approval queue, oldest sent first and paged (a month's reports in a large
    municipality are thousands), and the reports handled most recently."""
    waiting = (
        selectors.reports_for_officer(user=request.user)
        .filter(status=ReportStatus.SUBMITTED)
        .order_by("submitted_at", "id")
    )
    page = Paginator(waiting, APPROVAL_PAGE_SIZE).get_page(request.GET.get("page"))
    recent = (
        selectors.reports_for_officer(user=request.user)
        .filter(status__in=[ReportStatus.APPROVED, ReportStatus.RETURNED, ReportStatus.PAID])
        .exclude(decided_at=None)
        .order_by("-decided_at", "-id")[:20]
    )
    return render(
        request,
        "payments/approval_list.html",
        {"page": page, "reports": page.object_list, "recent": recent},
    )


def _officer_report(request: HttpRequest, report_id: str) -> Report:
    report = selectors.reports_for_officer(user=request.user).filter(public_id=report_id).first()
    if report is None:
        raise Http404
    return report


@permission_required("payments.approve_report")
def approval_detail(request: HttpRequest, report_id: str) -> HttpResponse:
    report = _officer_report(request, report_id)
    audit_record(
        actor=request.user,
        event=AuditEventType.REPORT_VIEWED,
        subject=report,
        person=report.carer,
        purpose=PURPOSE_APPROVAL,
    )
    amounts, quote_error = (
        (None, "") if report.status != ReportStatus.SUBMITTED else _amounts(report)
    )
    return render(
        request,
        "payments/approval_detail.html",
        {
            "report": report,
            "amounts": amounts,
            "quote_error": quote_error,
            "stored_lines": list(report.lines.all()),
            "return_form": ReturnForm(),
            "decision": report.contract.assignment.decision,
        },
    )


@require_POST
@permission_required("payments.approve_report")
def approval_decide(request: HttpRequest, report_id: str) -> HttpResponse:
    report = _officer_report(request, report_id)
    user: User = request.user  # type: ignore[assignment]
    try:
        if request.POST.get("action") == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(str(e) for e in form.errors.get("comment", [])))
                return redirect("payments:approval-detail", report_id=report_id)
            services.report_return(report=report, comment=form.cleaned_data["comment"], actor=user)
            messages.success(request, _("Redovisningen är returnerad till uppdragstagaren."))
        else:
            services.report_approve(report=report, actor=user)
            messages.success(request, _("Redovisningen är godkänd."))
    except services.ReportStateError:
        messages.info(request, _("Redovisningen är redan behandlad."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("payments:approval-detail", report_id=report_id)


@permission_required("payments.approve_report")
def receipt_staff(request: HttpRequest, report_id: str, expense_id: int) -> FileResponse:
    report = _officer_report(request, report_id)
    expense = report.expenses.filter(pk=expense_id).first()
    if expense is None:
        raise Http404
    audit_record(
        actor=request.user,
        event=AuditEventType.RECEIPT_DOWNLOADED,
        subject=report,
        person=report.carer,
        purpose=PURPOSE_APPROVAL,
    )
    return _file_response(
        services.receipt_open(expense), expense.receipt_name, expense.receipt_content_type
    )


# --- Finance: payment runs ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("payments.view_paymentrun")
def run_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    form = RunForm(
        request.POST if request.method == "POST" else None,
        initial={"month": (today.replace(day=1) - timedelta(days=1)).replace(day=1)},
    )
    if request.method == "POST":
        if not user.has_perm("payments.add_paymentrun"):
            raise Http404
        if form.is_valid():
            run = services.payment_run_create(
                organisation=user.organisation,  # type: ignore[arg-type]
                month=form.cleaned_data["month"],
                actor=user,
            )
            messages.success(request, _("Utbetalningskörningen är startad."))
            return redirect("payments:run-detail", run_id=run.public_id)
    runs = selectors.runs_for(user=user).annotate(
        line_count=Count("lines"), amount=Sum("lines__amount")
    )
    waiting = Report.objects.filter(
        organisation=user.organisation, status=ReportStatus.APPROVED
    ).count()
    return render(
        request,
        "payments/run_list.html",
        {"runs": runs, "form": form, "waiting": waiting},
        status=400 if request.method == "POST" else 200,
    )


def _run(request: HttpRequest, run_id: str) -> PaymentRun:
    run = selectors.runs_for(user=request.user).filter(public_id=run_id).first()
    if run is None:
        raise Http404
    return run


@permission_required("payments.view_paymentrun")
def run_detail(request: HttpRequest, run_id: str) -> HttpResponse:
    run = _run(request, run_id)
    audit_record(
        actor=request.user,
        event=AuditEventType.PAYMENT_RUN_VIEWED,
        subject=run,
        purpose=PURPOSE_PAYMENT,
    )
    lines = list(run.lines.select_related("carer", "report").order_by("carer__last_name", "id"))
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.kind] = totals.get(line.kind, Decimal("0")) + line.amount
    contributions = sum((line.employer_contributions for line in lines), Decimal("0"))
    pending = PaymentLine.objects.filter(
        organisation_id=run.organisation_id, run__isnull=True, is_adjustment=True
    ).select_related("carer")
    return render(
        request,
        "payments/run_detail.html",
        {
            "run": run,
            "lines": lines,
            "totals": totals,
            "contributions": contributions,
            "building": run.status == RunStatus.BUILDING,
            "pending_adjustments": pending,
            "adjustment_form": AdjustmentForm(),
        },
    )


@require_POST
@permission_required("payments.export_paymentrun")
def run_export(request: HttpRequest, run_id: str, file_format: str) -> HttpResponse:
    if file_format not in ExportFormat.values:
        raise Http404
    run = _run(request, run_id)
    try:
        run = services.payment_run_lock_for_export(
            run=run,
            actor=request.user,  # type: ignore[arg-type]
            file_format=file_format,
        )
    except services.RunLockedError:
        messages.error(request, _("Körningen är inte klar att exportera."))
        return redirect("payments:run-detail", run_id=run_id)
    if file_format == ExportFormat.CSV:
        body, content_type, ext = exports.run_csv(run), "text/csv; charset=utf-8", "csv"
    else:
        body, content_type, ext = exports.run_paxml(run), "application/xml", "xml"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(run, ext)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@permission_required("payments.add_paymentline")
def line_adjust(request: HttpRequest, run_id: str, line_id: int) -> HttpResponse:
    run = _run(request, run_id)
    line = run.lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_adjustment_create(
                line=line,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Rättelsen betalas ut i nästa körning."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("payments:run-detail", run_id=run_id)
