"""Reads about carers and training. Lists cost the same number of queries for any row count.

These return personal data without logging: views reach a single carer only through
`permissions.access_carer`, and record list views with `permissions.carer_list_record_view`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from brygga.accounts.models import Organisation, User

from .constants import CHILD_EXTRACT_KINDS, CarerOrdering, CarerStatus, TrainingKind
from .models import Carer, CarerApproval, CarerCheck, TrainingSession, TrainingSignup
from .validity import Expiry, child_extract_dates_expiring, expiring

DEFAULT_EXPIRY_DAYS = 60


@dataclass(frozen=True)
class CarerFilters:
    """The pool search. Empty values do not filter."""

    assignment_type: str = ""  # AssignmentType.code
    target_group: str = ""  # TargetGroup.code
    area: str = ""  # postal code prefix, or part of the city / area name
    language: str = ""  # part of a language, any case
    has_car: bool | None = None
    status: str = ""  # CarerStatus; empty = everyone but the deregistered
    expiring: bool = False  # something expires within `expiry_days`
    expiry_days: int = DEFAULT_EXPIRY_DAYS
    ordering: str = CarerOrdering.NAME

    def as_primitives(self) -> dict[str, Any]:
        return {
            key: value
            for key, value in self.__dict__.items()
            if value not in ("", None, False) and key != "expiry_days"
        }


_ORDERINGS: dict[str, tuple[str, ...]] = {
    CarerOrdering.NAME: ("last_name", "first_name", "id"),
    CarerOrdering.AREA: ("postal_code", "last_name", "id"),
    CarerOrdering.APPROVED: ("-approved_at", "id"),
    CarerOrdering.STATUS: ("status", "last_name", "id"),
}


def _approvals_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "approvals",
        queryset=CarerApproval.objects.select_related("assignment_type", "target_group").order_by(
            "assignment_type__order", "approved_on"
        ),
    )


def _with_related(queryset: QuerySet[Carer]) -> QuerySet[Carer]:
    return queryset.select_related("organisation").prefetch_related(
        _approvals_prefetch(), Prefetch("checks", queryset=CarerCheck.objects.order_by("kind"))
    )


def _area_filter(area: str) -> Q:
    compact = re.sub(r"\s", "", area)
    if compact.isdigit():
        prefix = f"{compact[:3]} {compact[3:]}" if len(compact) > 3 else compact
        return Q(postal_code__startswith=prefix)
    return Q(city__icontains=area.strip())


def _expiring_candidates(organisation: Organisation, today: date, within_days: int) -> set[int]:
    """Carers with an approval or a child extract whose last day is within the window; may
    include ones that a newer approval or extract replaces (validity.expiring decides)."""
    horizon = today + timedelta(days=within_days)
    first_extract, last_extract = child_extract_dates_expiring(today, horizon)
    approval_ids = CarerApproval.objects.filter(
        carer__organisation=organisation,
        revoked_at__isnull=True,
        valid_until__gte=today,
        valid_until__lte=horizon,
    ).values_list("carer_id", flat=True)
    check_ids = CarerCheck.objects.filter(
        carer__organisation=organisation,
        kind__in=CHILD_EXTRACT_KINDS,
        extract_date__gte=first_extract,
        extract_date__lte=last_extract,
    ).values_list("carer_id", flat=True)
    return set(approval_ids) | set(check_ids)


def _expiring_carers(
    organisation: Organisation, today: date, within_days: int
) -> list[tuple[Carer, list[Expiry]]]:
    candidates = _expiring_candidates(organisation, today, within_days)
    carers = _with_related(
        Carer.objects.filter(pk__in=candidates).exclude(status=CarerStatus.DEREGISTERED)
    )
    found = []
    for carer in carers:
        items = carer_expiries(carer, today=today, within_days=within_days)
        if items:
            found.append((carer, items))
    return found


def carer_expiries(
    carer: Carer, *, today: date | None = None, within_days: int = DEFAULT_EXPIRY_DAYS
) -> list[Expiry]:
    """What of this carer's (prefetched) approvals and checks expires soon; no queries."""
    return expiring(
        approvals=carer.approvals.all(),
        checks=carer.checks.all(),
        on=today or timezone.localdate(),
        within_days=within_days,
    )


def carer_list(
    *,
    organisation: Organisation,
    filters: CarerFilters | None = None,
    today: date | None = None,
) -> QuerySet[Carer]:
    """The pool search, scoped to one organisation, with approvals and checks prefetched."""
    filters = filters or CarerFilters()
    today = today or timezone.localdate()
    queryset = Carer.objects.filter(organisation=organisation)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.exclude(status=CarerStatus.DEREGISTERED)
    if filters.assignment_type or filters.target_group:
        valid = Q(approvals__revoked_at__isnull=True, approvals__approved_on__lte=today) & (
            Q(approvals__valid_until__isnull=True) | Q(approvals__valid_until__gte=today)
        )
        if filters.assignment_type:
            valid &= Q(approvals__assignment_type__code=filters.assignment_type)
        if filters.target_group:
            valid &= Q(approvals__target_group__code=filters.target_group)
        queryset = queryset.filter(
            pk__in=Carer.objects.filter(valid, organisation=organisation).values("pk")
        )
    if filters.area.strip():
        queryset = queryset.filter(_area_filter(filters.area))
    if filters.language.strip():
        queryset = queryset.filter(languages_search__contains=filters.language.strip().lower())
    if filters.has_car is not None:
        queryset = queryset.filter(has_car=filters.has_car)
    if filters.expiring:
        ids = [carer.pk for carer, _ in _expiring_carers(organisation, today, filters.expiry_days)]
        queryset = queryset.filter(pk__in=ids)
    ordering = _ORDERINGS.get(filters.ordering, _ORDERINGS[CarerOrdering.NAME])
    return _with_related(queryset.order_by(*ordering))


@dataclass(frozen=True)
class ExpiringRow:
    carer: Carer
    expiry: Expiry


def carer_list_expiring(
    *, organisation: Organisation, within_days: int, today: date | None = None
) -> list[ExpiringRow]:
    """Approvals and child extracts that stop being valid within `within_days`, soonest first.

    Something replaced by a newer approval or extract is not listed. Deregistered carers are
    left out.
    """
    today = today or timezone.localdate()
    rows = [
        ExpiringRow(carer, expiry)
        for carer, items in _expiring_carers(organisation, today, within_days)
        for expiry in items
    ]
    return sorted(rows, key=lambda row: (row.expiry.last_day, row.carer.last_name))


def carer_get_by_personal_identity_number(
    *, organisation: Organisation, personal_identity_number: str
) -> Carer | None:
    """For applicants: is this person already a carer here (then add approvals instead)?"""
    return Carer.objects.filter(
        organisation=organisation, personal_identity_number=personal_identity_number
    ).first()


# --- Training ---------------------------------------------------------------------------------


def training_attended(*, user: User, kind: TrainingKind | str) -> bool:
    """Has this person attended a training of `kind` (for eligibility rules in applicants)?"""
    return TrainingSignup.objects.filter(
        user=user, session__kind=kind, cancelled_at__isnull=True, attended=True
    ).exists()


def training_session_list_for_staff(*, organisation: Organisation) -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(organisation=organisation)
        .annotate(
            signed_up=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            attended_count=Count("signups", filter=Q(signups__attended=True)),
        )
        .prefetch_related("assignment_types")
        .order_by("-starts_at")
    )


def training_session_get_for_staff(
    *, organisation: Organisation, public_id: Any
) -> TrainingSession | None:
    return (
        TrainingSession.objects.filter(organisation=organisation, public_id=public_id)
        .prefetch_related("assignment_types")
        .first()
    )


def training_signup_list(*, session: TrainingSession) -> QuerySet[TrainingSignup]:
    return (
        TrainingSignup.objects.filter(session=session, cancelled_at__isnull=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def training_session_list_upcoming(*, user: User) -> QuerySet[TrainingSession]:
    """Published sessions of the person's organisation that have not started yet, each with
    `taken` (active sign-ups) and `mine` (this person's active sign-up)."""
    if user.organisation_id is None:
        return TrainingSession.objects.none()
    return (
        TrainingSession.objects.filter(
            organisation_id=user.organisation_id, published=True, starts_at__gt=timezone.now()
        )
        .annotate(
            taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            mine=Count("signups", filter=Q(signups__cancelled_at__isnull=True, signups__user=user)),
        )
        .prefetch_related("assignment_types")
        .order_by("starts_at")
    )


def training_session_get_upcoming(*, user: User, public_id: Any) -> TrainingSession | None:
    return training_session_list_upcoming(user=user).filter(public_id=public_id).first()


def training_attendance_for_user(*, user: User) -> QuerySet[TrainingSignup]:
    """The person's attended trainings (for the carer profile)."""
    return (
        TrainingSignup.objects.filter(user=user, cancelled_at__isnull=True, attended=True)
        .select_related("session")
        .order_by("-session__starts_at")
    )
