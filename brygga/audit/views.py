from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from brygga.core.access import permission_required

from .constants import AuditEventType
from .forms import AuditLogFilterForm
from .selectors import audit_event_list, audit_filters_as_primitives
from .services import audit_record

PAGE_SIZE = 50


@permission_required("audit.review_auditlog")
def log_review(request: HttpRequest) -> HttpResponse:
    """Loggkontroll: who did or read what, when and why, filtered by user, person, event and
    period. Reviewing the log is itself logged."""
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
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
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
        {"form": form, "page": page, "query": query.urlencode()},
    )
