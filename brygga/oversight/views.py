"""Staff pages for oversight under /personal/tillsyn/: the register of unimplemented decisions,
one decision's entries (partial implementation, offers, IVO's free text), the quarter's report
to IVO with its CSV and PDF, and the statistics.

The register and the report hold personnummer: every look and download is logged
(`register_record_view`, `reports.report_record_view`; one decision through
`clients.permissions.access_decision`). Views are thin: form, one service, redirect.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import Unit, User
from brygga.catalogue.models import AssignmentType
from brygga.clients.models import Decision
from brygga.clients.permissions import access_decision
from brygga.core.access import staff_required
from brygga.core.db_routers import replica_reads

from . import reports, selectors, services, statistics
from .charts import bar_chart_svg
from .constants import (
    CLOSED_REASON_LABELS,
    ENTRY_KIND_LABELS,
    WARNING_DAYS,
    ReportRowType,
)
from .forms import (
    EntryNoteForm,
    PartialCloseForm,
    PartialForm,
    RegisterDateForm,
    StatisticsFilterForm,
)
from .models import EntryNote, PartialImplementation, QuarterReport
from .permissions import (
    can_change_register,
    can_report_quarter,
    can_view_register,
    can_view_statistics,
    register_record_view,
)
from .quarters import Quarter, recent_quarters

REGISTER_PAGE_SIZE = 100

# Purposes are log data, stored in Swedish whatever the reader's language.
PURPOSE_REGISTER = "Registret över ej verkställda beslut"
PURPOSE_ENTRY = "Uppgifter om ej verkställt beslut för rapportering till IVO"
PURPOSE_QUARTER = "Kvartalsrapport till IVO om ej verkställda beslut"
QUARTERS_LISTED = 8


def _staff(request: HttpRequest, check: Any) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not check(user):
        raise PermissionDenied
    return user


def _apply_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Dashboard ----------------------------------------------------------------------------------


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    allowed = {
        "register": can_view_register(user),
        "report": can_report_quarter(user),
        "statistics": can_view_statistics(user),
    }
    if not any(allowed.values()):
        raise PermissionDenied
    today = timezone.localdate()
    summary = {}
    if allowed["register"]:
        summary = {
            "open": len(selectors.unimplemented_open_on(as_of=today, user=user)),
            "soon": len(
                selectors.unimplemented_reportable_within(as_of=today, days=WARNING_DAYS, user=user)
            ),
        }
    return render(
        request,
        "oversight/dashboard.html",
        {
            "allowed": allowed,
            "summary": summary,
            "charts": statistics.CHARTS,
            "latest": recent_quarters(today, 1)[0],
            "warning_days": WARNING_DAYS,
        },
    )


# --- The register -------------------------------------------------------------------------------


@staff_required
def register(request: HttpRequest) -> HttpResponse:
    user = _staff(request, can_view_register)
    form = RegisterDateForm(request.GET or None)
    today = timezone.localdate()
    as_of = (form.cleaned_data.get("datum") if form.is_valid() else None) or today
    entries = selectors.unimplemented_open_on(as_of=as_of, user=user)
    soon = selectors.unimplemented_reportable_within(as_of=as_of, days=WARNING_DAYS, user=user)
    register_record_view(
        actor=user,
        organisation=user.organisation,
        as_of=as_of,
        entries=len(entries) + len(soon),
        purpose=PURPOSE_REGISTER,
    )
    # A national register holds thousands of entries: a page of them at a time, and the
    # nearest of those about to become reportable.
    page = Paginator(entries, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({"datum": as_of.isoformat()}) if form.is_valid() else ""
    return render(
        request,
        "oversight/register.html",
        {
            "form": form,
            "as_of": as_of,
            "entries": entries,
            "page": page,
            "query": query,
            "soon": soon[:REGISTER_PAGE_SIZE],
            "soon_total": len(soon),
            "type_names": dict(AssignmentType.objects.values_list("code", "name")),
            "warning_days": WARNING_DAYS,
        },
    )


def _entry_context(
    user: User,
    decision: Decision,
    *,
    note_forms: dict[str, EntryNoteForm] | None = None,
    partial_form: PartialForm | None = None,
    close_form: PartialCloseForm | None = None,
) -> dict[str, Any]:
    entries = selectors.entries_of_decision(decision)
    notes = {
        note.entry_key: note
        for note in EntryNote.objects.filter(
            organisation=decision.organisation, decision=decision
        ).prefetch_related("revisions__recorded_by")
    }
    offers = reports.offers_by_decision([str(decision.public_id)]).get(str(decision.public_id), [])
    note_forms = note_forms or {}
    rows = []
    for entry in entries:
        note = notes.get(entry.key)
        form = note_forms.get(entry.key) or EntryNoteForm(
            initial={
                "entry_key": entry.key,
                "delay_reason": note.delay_reason if note else "",
                "consequences": note.consequences if note else "",
                "interim_support": note.interim_support if note else "",
            },
            prefix=entry.key.replace(":", "-"),
        )
        rows.append(
            {
                "entry": entry,
                "kind_label": ENTRY_KIND_LABELS[entry.kind],
                "closed_label": (
                    CLOSED_REASON_LABELS[entry.closed_reason] if entry.closed_reason else ""
                ),
                "offers": reports.offers_for_entry(offers, entry),
                "note": note,
                "form": form,
            }
        )
    open_partial = PartialImplementation.objects.filter(
        decision=decision, closed_on__isnull=True
    ).first()
    return {
        "decision": decision,
        "rows": rows,
        "offers": offers,
        "open_partial": open_partial,
        "partial_form": partial_form or PartialForm(),
        "close_form": close_form or PartialCloseForm(),
        "can_change": can_change_register(user),
        "today": timezone.localdate(),
    }


@staff_required
def entry(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request, can_view_register)
    decision = access_decision(user=user, public_id=public_id, purpose=PURPOSE_ENTRY)
    return render(request, "oversight/entry.html", _entry_context(user, decision))


def _entry_for_change(request: HttpRequest, public_id: str) -> tuple[User, Decision]:
    user = _staff(request, can_change_register)
    return user, access_decision(user=user, public_id=public_id, purpose=PURPOSE_ENTRY)


def _entry_url(decision: Decision) -> str:
    return reverse("oversight:entry", args=[decision.public_id])


@require_POST
@staff_required
def entry_note(request: HttpRequest, public_id: str) -> HttpResponse:
    user, decision = _entry_for_change(request, public_id)
    key = request.POST.get("entry", "")
    if key not in {e.key for e in selectors.entries_of_decision(decision)}:
        raise Http404
    form = EntryNoteForm(request.POST, prefix=key.replace(":", "-"))
    if form.is_valid() and form.cleaned_data["entry_key"] == key:
        services.entry_note_save(
            decision=decision, entry_key=key, fields=form.cleaned_data, actor=user
        )
        messages.success(request, _("Uppgifterna är sparade."))
        return redirect(_entry_url(decision))
    context = _entry_context(user, decision, note_forms={key: form})
    return render(request, "oversight/entry.html", context, status=400)


@require_POST
@staff_required
def partial_mark(request: HttpRequest, public_id: str) -> HttpResponse:
    user, decision = _entry_for_change(request, public_id)
    form = PartialForm(request.POST)
    if form.is_valid():
        try:
            services.partial_mark(
                decision=decision,
                since=form.cleaned_data["since"],
                not_implemented=form.cleaned_data["not_implemented"],
                actor=user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Beslutet är markerat som delvis verkställt."))
            return redirect(_entry_url(decision))
    context = _entry_context(user, decision, partial_form=form)
    return render(request, "oversight/entry.html", context, status=400)


@require_POST
@staff_required
def partial_close(request: HttpRequest, public_id: str, partial_id: str) -> HttpResponse:
    user, decision = _entry_for_change(request, public_id)
    partial = get_object_or_404(PartialImplementation, public_id=partial_id, decision=decision)
    form = PartialCloseForm(request.POST)
    if form.is_valid():
        try:
            services.partial_close(
                partial=partial,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
                actor=user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Posten är avslutad."))
            return redirect(_entry_url(decision))
    context = _entry_context(user, decision, close_form=form)
    return render(request, "oversight/entry.html", context, status=400)


# --- The quarter's report -----------------------------------------------------------------------


def _quarter(year: int, number: int) -> Quarter:
    try:
        quarter = Quarter(year, number)
    except ValueError:
        raise Http404 from None
    if quarter.first_day > timezone.localdate():
        raise Http404
    return quarter


@staff_required
def quarter_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request, can_report_quarter)
    quarters = recent_quarters(timezone.localdate(), QUARTERS_LISTED)
    reported = {
        (r.year, r.quarter): r
        for r in QuarterReport.objects.filter(organisation=user.organisation).select_related(
            "reported_by"
        )
    }
    rows = [
        {
            "quarter": q,
            "report": reported.get((q.year, q.number)),
            "window": reports.reporting_window(user.organisation, q),
        }
        for q in quarters
    ]
    return render(request, "oversight/quarter_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@staff_required
def quarter(request: HttpRequest, year: int, number: int) -> HttpResponse:
    user = _staff(request, can_report_quarter)
    period = _quarter(year, number)
    organisation = user.organisation
    data = reports.quarter_data(organisation=organisation, quarter=period)
    if request.method == "POST":
        if data.report is not None:
            messages.info(request, _("Kvartalet är redan markerat som rapporterat."))
        else:
            try:
                services.quarter_mark_reported(
                    organisation=organisation, quarter=period, rows=data.rows, actor=user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except services.QuarterAlreadyReportedError:
                messages.info(request, _("Kvartalet är redan markerat som rapporterat."))
            else:
                messages.success(request, _("Kvartalet är markerat som rapporterat till IVO."))
        return redirect("oversight:quarter", year=year, number=number)
    reports.report_record_view(
        actor=user,
        organisation=organisation,
        quarter=period,
        rows=len(data.rows),
        purpose=PURPOSE_QUARTER,
        form="page",
    )
    return render(
        request,
        "oversight/quarter.html",
        {
            "data": data,
            "quarter": period,
            "ended": period.last_day < timezone.localdate(),
            "row_types": ReportRowType,
        },
    )


def _download(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def quarter_csv(request: HttpRequest, year: int, number: int) -> HttpResponse:
    user = _staff(request, can_report_quarter)
    period = _quarter(year, number)
    data = reports.quarter_data(organisation=user.organisation, quarter=period)
    reports.report_record_view(
        actor=user,
        organisation=user.organisation,
        quarter=period,
        rows=len(data.rows),
        purpose=PURPOSE_QUARTER,
        form="csv",
    )
    return _download(
        reports.quarter_csv(data),
        content_type="text/csv; charset=utf-8",
        filename=f"ivo-{period.year}-q{period.number}.csv",
    )


@staff_required
def quarter_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    user = _staff(request, can_report_quarter)
    period = _quarter(year, number)
    data = reports.quarter_data(organisation=user.organisation, quarter=period)
    reports.report_record_view(
        actor=user,
        organisation=user.organisation,
        quarter=period,
        rows=len(data.rows),
        purpose=PURPOSE_QUARTER,
        form="pdf",
    )
    return _download(
        reports.quarter_pdf(data, organisation=user.organisation),
        content_type="application/pdf",
        filename=f"ej-verkstallda-beslut-{period.year}-q{period.number}.pdf",
    )


# --- Statistics ---------------------------------------------------------------------------------


def _stats_units(user: User) -> Any:
    units = Unit.objects.filter(organisation=user.organisation).order_by("name")
    if user.has_perm("clients.view_all_units"):
        return units
    return units.filter(pk__in=user.units.all())


def _stats_filters(request: HttpRequest, user: User) -> tuple[StatisticsFilterForm, Any]:
    units = _stats_units(user)
    form = StatisticsFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    end: date = data.get("till") or today
    start: date = data.get("fran") or date(end.year - 1, end.month, 1)
    if data.get("enhet"):
        chosen: tuple[int, ...] | None = (data["enhet"].pk,)
    elif user.has_perm("clients.view_all_units"):
        chosen = None
    else:
        chosen = tuple(units.values_list("pk", flat=True))
    filters = statistics.StatsFilters(
        organisation=user.organisation, units=chosen, start=start, end=end
    )
    return form, filters


@staff_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    user = _staff(request, can_view_statistics)
    form, filters = _stats_filters(request, user)
    query = request.GET.urlencode()
    charts = []
    for definition in statistics.CHARTS:
        with replica_reads():  # figures for managers: a moment's replication lag is fine
            data = definition.compute(filters)
        table_id = f"table-{definition.slug}"
        charts.append(
            {
                "definition": definition,
                "data": data,
                "table_id": table_id,
                "svg": bar_chart_svg(data, title=str(definition.title), described_by=table_id),
            }
        )
    return render(
        request,
        "oversight/statistics.html",
        {"form": form, "filters": filters, "charts": charts, "query": query},
    )


@staff_required
def statistics_csv(request: HttpRequest, slug: str) -> HttpResponse:
    user = _staff(request, can_view_statistics)
    definition = statistics.chart_by_slug(slug)
    if definition is None:
        raise Http404
    _form, filters = _stats_filters(request, user)
    with replica_reads():
        data = definition.compute(filters)
    return _download(
        statistics.chart_csv(definition, data),
        content_type="text/csv; charset=utf-8",
        filename=f"{slug}.csv",
    )
