"""Staff pages: the rate tables per year, the municipality's own rates and settings, the cost
estimate (standalone and for a decision) and the estimate panel on a decision's page."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brygga.clients.permissions import access_decision
from brygga.core.access import staff_required

from . import calculations as calc
from . import services
from .constants import QUOTE_TYPES, Basis
from .estimates import estimate_inputs
from .forms import CompensationSettingsForm, EstimateForm, RateOverrideForm
from .inputs import QuoteInputError, quote_from_input
from .models import CompensationSettings, EmployerContributionRate, PriceBaseAmount, Rate
from .permissions import can_manage_rates, can_view_rates
from .quoting import quote_as_json

PURPOSE_ESTIMATE = "Kostnadsberäkning för beslut"
FIRST_YEAR = 2017


def _viewer(request: HttpRequest) -> Any:
    if not can_view_rates(request.user):
        raise PermissionDenied
    return request.user


def _manager(request: HttpRequest) -> Any:
    if not can_manage_rates(request.user):
        raise PermissionDenied
    return request.user


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("ar", "")
    today = timezone.localdate()
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= today.year + 5:
        return int(raw)
    return today.year


def _kronor_per_unit(rate: Rate, day: datetime.date, pbb: dict[int, Any]) -> Any:
    """The rate in kronor per unit on `day`, or None without a price base amount."""
    if rate.basis in (Basis.PBB_PERCENT_MONTH, Basis.PBB_PERCENT_DYGN):
        amount = pbb.get(day.year)
        if amount is None:
            return None
        if rate.basis == Basis.PBB_PERCENT_MONTH:
            return calc.pbb_per_month(amount, rate.value, rate.rounding)
        return calc.pbb_per_dygn(amount, rate.value, rate.rounding)
    return calc.round_by(rate.rounding, rate.value)


def _unit_label(basis: str) -> str:
    return {
        Basis.PBB_PERCENT_MONTH: _("kr/mån"),
        Basis.KRONOR_MONTH: _("kr/mån"),
        Basis.PBB_PERCENT_DYGN: _("kr/dygn"),
        Basis.KRONOR_DAY: _("kr/dag"),
        Basis.KRONOR_HOUR: _("kr/tim"),
        Basis.KRONOR_KM: _("kr/km"),
        Basis.KRONOR_MIL: _("kr/mil"),
    }[Basis(basis)]


@staff_required
def rates(request: HttpRequest) -> HttpResponse:
    """The rates in force during a year, national and the municipality's own, with status."""
    user = _viewer(request)
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = list(
        Rate.objects.filter(Q(organisation__isnull=True) | Q(organisation=user.organisation))
        .filter(valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("assignment_type", "organisation")
        .order_by(
            "assignment_type__order",
            "law",
            "component",
            "band",
            "level",
            "organisation",
            "valid_from",
        )
    )
    pbb = {row.year: row.amount for row in PriceBaseAmount.objects.all()}
    for row in rows:
        day = max(row.valid_from, start)
        row.kronor = _kronor_per_unit(row, day, pbb)  # type: ignore[attr-defined]
        row.unit_label = _unit_label(row.basis)  # type: ignore[attr-defined]
    contributions = EmployerContributionRate.objects.filter(valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    settings_row = CompensationSettings.objects.filter(organisation=user.organisation).first()
    price_base = PriceBaseAmount.objects.filter(year=year).first()
    years = sorted({row.year for row in PriceBaseAmount.objects.all()} | {year}, reverse=True)
    return render(
        request,
        "compensation/rates.html",
        {
            "year": year,
            "years": years,
            "rates": rows,
            "price_base": price_base,
            "contributions": contributions,
            "settings": settings_row or CompensationSettings(),
            "can_manage": can_manage_rates(user),
            "settings_form": CompensationSettingsForm(instance=settings_row),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def rate_override_create(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    initial: dict[str, Any] = {"valid_from": timezone.localdate(), "status": "S"}
    source_id = request.GET.get("fran", "")
    template = Rate.objects.filter(public_id=source_id).first() if _uuid(source_id) else None
    if template is not None:
        for name in (
            "assignment_type",
            "law",
            "component",
            "band",
            "level",
            "basis",
            "value",
            "range_min",
            "range_max",
            "rounding",
        ):
            initial[name] = getattr(template, name)
    form = RateOverrideForm(
        request.POST or None, initial=initial, instance=Rate(organisation=user.organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            rate = services.rate_override_create(
                organisation=user.organisation, actor=user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Kommunens eget värde är sparat."))
            return redirect(f"{reverse('compensation:rates')}?ar={rate.valid_from.year}")
    return render(
        request,
        "compensation/rate_form.html",
        {"form": form, "template": template, "rate": None},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_required
def rate_override_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _manager(request)
    rate = Rate.objects.filter(public_id=public_id, organisation=user.organisation).first()
    if rate is None:
        raise Http404
    form = RateOverrideForm(request.POST or None, instance=rate)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_override_update(rate=rate, actor=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Kommunens eget värde är ändrat."))
            return redirect(
                f"{reverse('compensation:rates')}?ar={form.cleaned_data['valid_from'].year}"
            )
    return render(
        request,
        "compensation/rate_form.html",
        {"form": form, "template": None, "rate": rate},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["POST"])
@staff_required
def settings_save(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    if not user.has_perm("compensation.change_compensationsettings"):
        raise PermissionDenied
    instance = CompensationSettings.objects.filter(organisation=user.organisation).first()
    form = CompensationSettingsForm(request.POST, instance=instance)
    if form.is_valid():
        try:
            services.compensation_settings_save(
                organisation=user.organisation, actor=user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect(f"{reverse('compensation:rates')}#settings-heading")
    messages.error(
        request,
        _("Inställningarna kunde inte sparas: {errors}").format(
            errors=" ".join(str(m) for errs in form.errors.values() for m in errs)
        ),
    )
    return redirect(f"{reverse('compensation:rates')}#settings-heading")


def _uuid(raw: str) -> bool:
    try:
        uuid.UUID(str(raw))
    except ValueError:
        return False
    return True


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _estimate_page(
    request: HttpRequest, *, initial: dict[str, Any], decision: Any = None, assumptions: Any = ()
) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = EstimateForm(request.POST)
        data = form.quote_data() if form.is_valid() else None
    else:
        form_initial = dict(initial)
        if isinstance(form_initial.get("stays"), list):
            form_initial["stays"] = "\n".join(form_initial["stays"])
        form = EstimateForm(initial=form_initial)
        data = initial if initial else None
    result = None
    if data is not None:
        try:
            result = quote_as_json(
                quote_from_input(data, organisation=getattr(user, "organisation", None))
            )
        except QuoteInputError as error:
            form.add_quote_errors(error.errors)
    status = 400 if request.method == "POST" and result is None else 200
    return render(
        request,
        "compensation/estimate.html",
        {
            "form": form,
            "result": result,
            "decision": decision,
            "assumptions": assumptions if request.method == "GET" else (),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@staff_required
def estimate(request: HttpRequest) -> HttpResponse:
    """What will it cost? The quote's inputs as a form, the lines and totals below."""
    _viewer(request)
    return _estimate_page(request, initial={})


def _decision_inputs(decision: Any) -> Any:
    return estimate_inputs(
        assignment_type=decision.assignment_type.code,
        law_area=decision.legal_basis.law_area,
        birth_date=decision.client.birth_date,
        scope_quantity=decision.scope_quantity,
        scope_unit=decision.scope_unit,
        period_from=decision.period_from,
        today=timezone.localdate(),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def decision_estimate(request: HttpRequest, public_id: str) -> HttpResponse:
    """The estimate for a decision, prefilled from it; the officer may adjust the inputs."""
    _viewer(request)
    decision = access_decision(user=request.user, public_id=public_id, purpose=PURPOSE_ESTIMATE)
    if decision.assignment_type.code not in QUOTE_TYPES:
        raise Http404
    inputs = _decision_inputs(decision)
    return _estimate_page(
        request, initial=inputs.data, decision=decision, assumptions=inputs.assumptions
    )


def decision_cost_panel(request: HttpRequest, decision: Any) -> SafeString | None:
    """The estimated monthly cost on a decision's page (registered in core.decision_panels)."""
    if not can_view_rates(request.user) or decision.assignment_type.code not in QUOTE_TYPES:
        return None
    inputs = _decision_inputs(decision)
    result = error = None
    try:
        result = quote_as_json(quote_from_input(inputs.data, organisation=decision.organisation))
    except QuoteInputError as problem:
        error = " ".join(message for messages_ in problem.errors.values() for message in messages_)
    return mark_safe(  # noqa: S308 - rendered by the template engine, which escapes
        render_to_string(
            "compensation/_decision_panel.html",
            {
                "decision": decision,
                "result": result,
                "error": error,
                "month": inputs.data["month"],
                "assumptions": inputs.assumptions,
                "total": _total(result) if result else None,
            },
            request=request,
        )
    )


def _total(result: dict[str, Any]) -> str:
    total = sum(
        Decimal(result[key])
        for key in ("fee", "expense_allowance", "travel", "employer_contributions")
    )
    return f"{total:.2f}"
