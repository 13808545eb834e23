from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from brygga.core.access import permission_required
from brygga.core.db_routers import replica_reads

from .constants import AuditEventType
from .exports import events_csv, summary_csv
from .forms import AuditLogFilterForm, ReadSummaryForm
from .models import AuditEvent
from .selectors import (
    audit_event_flags,
    audit_event_list,
    audit_filters_as_primitives,
    audit_read_summary,
)
from .services import audit_record

PAGE_SIZE = 50
SUMMARY_DEFAULT_DAYS = 30


def _filtered_events(request: HttpRequest) -> tuple[AuditLogFilterForm, dict[str, Any], Any]:
    organisation_id = request.user.organisation_id  # type: ignore[union-attr]
    form = AuditLogFilterForm(request.GET or None, organisation_id=organisation_id)
    filters: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = audit_event_list(
        organisation_id=organisation_id,
        actor_id=filters["actor"].pk if filters.get("actor") else None,
        person=filters.get("person", ""),
        event_types=filters.get("event_type") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        unusual=bool(filters.get("unusual")),
    )
    return form, filters, events


@permission_required("audit.review_auditlog")
def log_review(request: HttpRequest) -> HttpResponse:
    """Loggkontroll: who did or read what, when and why, filtered by user, person, event and
    period; unusual reads are marked. Reviewing the log is itself logged."""
    form, filters, events = _filtered_events(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    flags = audit_event_flags(list(page.object_list))
    rows = [(event, flags.get(event.pk)) for event in page.object_list]
    audit_record(
        actor=request.user,
        event=AuditEventType.AUDIT_LOG_REVIEWED,
        changes={"filters": audit_filters_as_primitives(filters)},
        purpose="Loggkontroll",
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log_review.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


def _csv_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("audit.review_auditlog")
def log_export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV. The export is logged with its filters and row count."""
    _form, filters, events = _filtered_events(request)
    with replica_reads():  # a periodic review's export tolerates a moment's replication lag
        event_list: list[AuditEvent] = list(events)
        content = events_csv(event_list, audit_event_flags(event_list))
    audit_record(
        actor=request.user,
        event=AuditEventType.AUDIT_LOG_EXPORTED,
        changes={
            "export": "events",
            "rows": len(event_list),
            "filters": audit_filters_as_primitives(filters),
        },
        purpose="Loggkontroll",
    )
    stamp = timezone.localdate().isoformat()
    return _csv_response(content, f"logghandelser-{stamp}.csv")


def _summary_period(request: HttpRequest) -> tuple[ReadSummaryForm, Any, Any]:
    today = timezone.localdate()
    default_from = today - timedelta(days=SUMMARY_DEFAULT_DAYS)
    if request.GET:
        form = ReadSummaryForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        return form, None, None
    form = ReadSummaryForm(initial={"date_from": default_from, "date_to": today})
    return form, default_from, today


@permission_required("audit.review_auditlog")
def read_summary(request: HttpRequest) -> HttpResponse:
    """Per staff member, the period's reads of personal data and the unusual ones among them."""
    form, date_from, date_to = _summary_period(request)
    summaries = (
        audit_read_summary(
            organisation_id=request.user.organisation_id,  # type: ignore[union-attr]
            date_from=date_from,
            date_to=date_to,
        )
        if date_from
        else []
    )
    if date_from:
        audit_record(
            actor=request.user,
            event=AuditEventType.AUDIT_LOG_REVIEWED,
            changes={
                "summary": True,
                "filters": {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()},
            },
            purpose="Loggkontroll",
        )
    return render(
        request,
        "audit/read_summary.html",
        {
            "form": form,
            "summaries": summaries,
            "date_from": date_from,
            "date_to": date_to,
            "burst_reads": settings.AUDIT_BURST_READS,
            "burst_minutes": int(settings.AUDIT_BURST_WINDOW.total_seconds() // 60),
        },
    )


@permission_required("audit.review_auditlog")
def read_summary_export(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _summary_period(request)
    if not date_from:
        return render(
            request,
            "audit/read_summary.html",
            {"form": form, "summaries": [], "date_from": None, "date_to": None},
            status=400,
        )
    with replica_reads():
        summaries = audit_read_summary(
            organisation_id=request.user.organisation_id,  # type: ignore[union-attr]
            date_from=date_from,
            date_to=date_to,
        )
    audit_record(
        actor=request.user,
        event=AuditEventType.AUDIT_LOG_EXPORTED,
        changes={
            "export": "summary",
            "rows": len(summaries),
            "filters": {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()},
        },
        purpose="Loggkontroll",
    )
    return _csv_response(
        summary_csv(summaries), f"lasningar-{date_from.isoformat()}-{date_to.isoformat()}.csv"
    )
