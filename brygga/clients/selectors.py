"""Reads about clients and decisions. Lists cost the same number of queries for any row count.

These return personal data without logging: views reach one client only through
`permissions.access_client`/`access_decision` and record list views with
`permissions.client_list_record_view`. Contact details go through
`permissions.client_contact_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from .constants import (
    FOLLOW_UP_REMINDER_DAYS,
    IVO_WARNING_DAYS,
    OPEN_STATUSES,
    REPORTABLE_AFTER_MONTHS,
    URGENCY_RANK,
    URGENCY_RANK_ACTIVE,
    URGENCY_RANK_IMPLEMENTED,
    DecisionStatus,
)
from .deadlines import decision_dates_reportable_within
from .expressions import AddMonths
from .models import Client, Decision, LegalBasis


def legal_basis_valid_on(on: date) -> QuerySet[LegalBasis]:
    """The legal bases in force on `on`: the only ones a decision of that date may cite."""
    return LegalBasis.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
    ).order_by("order", "code")


def legal_basis_list() -> QuerySet[LegalBasis]:
    return LegalBasis.objects.order_by("order", "valid_from", "code")


# --- Clients ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientFilters:
    search: str = ""  # part of a name, or the start of the identifier
    unit: str = ""  # Unit pk as text
    mine: bool = False

    def as_primitives(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value not in ("", False)}


def client_list(*, user: Any, filters: ClientFilters | None = None) -> QuerySet[Client]:
    """The clients `user` may see, by name, with the unit and the responsible officer."""
    filters = filters or ClientFilters()
    queryset = Client.objects.visible_to(user)
    search = filters.search.strip()
    if search:
        compact = search.replace(" ", "")
        queryset = queryset.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(identifier__startswith=compact.upper())
        )
    if filters.unit:
        queryset = queryset.filter(unit_id=filters.unit)
    if filters.mine:
        queryset = queryset.filter(responsible_officer=user)
    return (
        queryset.select_related("unit", "responsible_officer")
        .prefetch_related("guardians")
        .order_by("last_name", "first_name", "id")
    )


# --- Decisions --------------------------------------------------------------------------------

# Worklist status filter: the open decisions unless one status is asked for.
STATUS_OPEN = ""


@dataclass(frozen=True)
class DecisionFilters:
    mine: bool = False  # the user is the client's responsible officer
    unit: str = ""  # Unit pk as text
    assignment_type: str = ""  # AssignmentType.code
    status: str = STATUS_OPEN  # a DecisionStatus, or "" for active and implemented

    def as_primitives(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value not in ("", False)}


def with_deadlines(queryset: QuerySet[Decision], *, today: date) -> QuerySet[Decision]:
    """Annotate the deadline facts in SQL, so lists can filter and sort on them:

    - `ivo_date`: decision date + 3 months, clamped to month end (`deadlines.reportable_on`);
    - `waited`: from the decision date to the implementation (or an unimplemented end), or
      today, as a duration (`deadlines.waiting_days`);
    - `ivo_passed`: not implemented and the IVO date has come;
    - `ivo_soon`: not implemented and the IVO date is within 30 days;
    - `follow_up_due`: open, and the plan's next follow-up is within 14 days or overdue.
    """
    warn_from = today + timedelta(days=IVO_WARNING_DAYS)
    follow_up_by = today + timedelta(days=FOLLOW_UP_REMINDER_DAYS)
    active = Q(status=DecisionStatus.ACTIVE)
    return queryset.annotate(
        ivo_date=AddMonths(F("decision_date"), REPORTABLE_AFTER_MONTHS),
        waited=ExpressionWrapper(
            Coalesce(
                F("implemented_on"),
                F("ended_on"),
                Value(today, output_field=DateField()),
                output_field=DateField(),
            )
            - F("decision_date"),
            output_field=DurationField(),
        ),
    ).annotate(
        ivo_passed=Case(
            When(active & Q(ivo_date__lte=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        ivo_soon=Case(
            When(active & Q(ivo_date__gt=today, ivo_date__lte=warn_from), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        follow_up_due=Case(
            When(
                Q(status__in=OPEN_STATUSES) & Q(next_follow_up_on__lte=follow_up_by),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def decision_worklist(
    *, user: Any, filters: DecisionFilters | None = None, today: date | None = None
) -> QuerySet[Decision]:
    """The decisions `user` may see, most urgent first: decisions not implemented, longest
    waiting first (the earliest IVO date); then implemented ones by next follow-up; then the
    closed. Each row carries the `with_deadlines` annotations.

    The order is the stored `urgency_rank`, `urgency_date` (ADR 0033), so a page is one range
    of `decision_urgency_idx` rather than a sort of every open decision."""
    filters = filters or DecisionFilters()
    today = today or timezone.localdate()
    queryset = Decision.objects.visible_to(user)
    if filters.status:
        # The rank repeats what the status says; it lets the index bound the scan.
        queryset = queryset.filter(
            status=filters.status, urgency_rank=URGENCY_RANK.get(filters.status, -1)
        )
    else:
        queryset = queryset.filter(
            status__in=OPEN_STATUSES, urgency_rank__lte=URGENCY_RANK_IMPLEMENTED
        )
    if filters.mine:
        queryset = queryset.filter(client__responsible_officer=user)
    if filters.unit:
        queryset = queryset.filter(client__unit_id=filters.unit)
    if filters.assignment_type:
        queryset = queryset.filter(assignment_type__code=filters.assignment_type)
    return (
        with_deadlines(queryset, today=today)
        .select_related(
            "client", "client__unit", "assignment_type", "legal_basis", "implementation_plan"
        )
        .order_by("urgency_rank", F("urgency_date").asc(nulls_last=True), "decision_date", "id")
    )


def follow_ups_due(
    *, user: Any, filters: DecisionFilters | None = None, today: date | None = None
) -> QuerySet[Decision]:
    """Open decisions whose next follow-up is within 14 days or overdue, soonest first."""
    today = today or timezone.localdate()
    filters = filters or DecisionFilters()
    return (
        decision_worklist(
            user=user,
            filters=DecisionFilters(
                mine=filters.mine, unit=filters.unit, assignment_type=filters.assignment_type
            ),
            today=today,
        )
        # The same rule as `follow_up_due`, on the plan's date copied to the decision, so
        # `decision_open_follow_up_idx` bounds the scan.
        .filter(next_follow_up_on__lte=today + timedelta(days=FOLLOW_UP_REMINDER_DAYS))
        .order_by("next_follow_up_on", "id")
    )


def reportable_soon(
    *, user: Any, filters: DecisionFilters | None = None, today: date | None = None
) -> QuerySet[Decision]:
    """Decisions not implemented whose IVO date falls within 30 days: the warning before the
    deadline on the worklist, the soonest first."""
    today = today or timezone.localdate()
    filters = filters or DecisionFilters()
    first, last = decision_dates_reportable_within(today, today + timedelta(days=IVO_WARNING_DAYS))
    return (
        decision_worklist(
            user=user,
            filters=DecisionFilters(
                mine=filters.mine, unit=filters.unit, assignment_type=filters.assignment_type
            ),
            today=today,
        )
        # For a decision not implemented the urgency date is the decision date: this range
        # is exactly `ivo_soon`, and `decision_urgency_idx` bounds the scan. The worklist's
        # order is the IVO date's (an earlier decision never reports later), so the first
        # 20 are read off the index without sorting the whole window.
        .filter(
            Q(ivo_soon=True),
            urgency_rank=URGENCY_RANK_ACTIVE,
            urgency_date__gte=first,
            urgency_date__lte=last,
        )
    )
