"""Reads about carers and training. Lists cost the same number of queries for any row count.

These return personal data without logging: views reach a single carer only through
`permissions.access_carer`, and record list views with `permissions.carer_list_record_view`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.core.expressions import AddMonths

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


def _approvals_queryset() -> QuerySet[CarerApproval]:
    return CarerApproval.objects.select_related("assignment_type", "target_group").order_by(
        "assignment_type__order", "approved_on"
    )


def _approvals_prefetch() -> Prefetch[Any]:
    return Prefetch("approvals", queryset=_approvals_queryset())


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


def _expiring_approvals(
    organisation: Organisation, today: date, horizon: date
) -> QuerySet[CarerApproval]:
    """Approvals valid today whose end date falls within [today, horizon] and that no other
    approval of the same type and target group outlasts: `validity.expiring` in SQL.

    Of approvals that end on the same day the first (by approval date, then id) is the one
    listed, as `expiring` lists the first of its group. A revoked approval is never valid
    today (a revocation takes effect when it is recorded), so it neither expires nor
    replaces another.
    """
    valid_today = Q(revoked_at__isnull=True, approved_on__lte=today)
    replacing = (
        CarerApproval.objects.filter(
            valid_today,
            carer_id=OuterRef("carer_id"),
            assignment_type_id=OuterRef("assignment_type_id"),
        )
        .exclude(pk=OuterRef("pk"))
        .filter(
            Q(valid_until__isnull=True)
            | Q(valid_until__gt=OuterRef("valid_until"))
            | Q(valid_until=OuterRef("valid_until"), approved_on__lt=OuterRef("approved_on"))
            | Q(
                valid_until=OuterRef("valid_until"),
                approved_on=OuterRef("approved_on"),
                pk__lt=OuterRef("pk"),
            )
        )
    )
    return CarerApproval.objects.filter(
        valid_today,
        (Q(target_group__isnull=True) & ~Exists(replacing.filter(target_group__isnull=True)))
        | (
            Q(target_group__isnull=False)
            & ~Exists(replacing.filter(target_group_id=OuterRef("target_group_id")))
        ),
        carer__organisation=organisation,
        valid_until__gte=today,
        valid_until__lte=horizon,
    ).exclude(carer__status=CarerStatus.DEREGISTERED)


def _expiring_extracts(
    organisation: Organisation, today: date, horizon: date
) -> QuerySet[CarerCheck]:
    """Extracts for work with children whose year ends within [today, horizon], with no newer
    extract of the same register shown by today: `validity.expiring` in SQL. The year ends
    `add_one_year` after the extract date, which never decreases, so a later extract date
    never ends sooner."""
    first, last = child_extract_dates_expiring(today, horizon)
    # The register's latest extract shown by today (of two on one day, the last entered).
    # A scalar subquery with LIMIT: PostgreSQL runs it per candidate as a probe of
    # `carercheck_carer_kind_date_idx`, where NOT EXISTS became a hash of every check.
    latest = (
        CarerCheck.objects.filter(
            carer_id=OuterRef("carer_id"), kind=OuterRef("kind"), extract_date__lte=today
        )
        .order_by("-extract_date", "-pk")
        .values("pk")[:1]
    )
    return CarerCheck.objects.filter(
        pk=Subquery(latest),
        carer__organisation=organisation,
        kind__in=CHILD_EXTRACT_KINDS,
        extract_date__gte=first,
        extract_date__lte=min(last, today),
    ).exclude(carer__status=CarerStatus.DEREGISTERED)


# The columns of one expiring row, the same for approvals and extracts (a UNION).
_EXPIRING_COLUMNS = (
    "item_id",
    "carer_ref",
    "carer_public_id",
    "surname",
    "forename",
    "last_day",
    "is_approval",
    "type_name",
    "group_name",
    "check_kind",
)


def expiring_items(
    *, organisation: Organisation, within_days: int, today: date | None = None
) -> QuerySet[Any]:
    """Approvals and child extracts that stop being valid within `within_days`, soonest first,
    as rows of `_EXPIRING_COLUMNS` (dicts): one query for a page, one to count.

    Something replaced by a newer approval or extract is not listed; deregistered carers are
    left out. The same rule as `validity.expiring`, which `carer_expiries` applies to one
    carer's rows.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=within_days)
    no_text = Value("", output_field=CharField())
    approvals = (
        _expiring_approvals(organisation, today, horizon)
        .annotate(
            item_id=F("pk"),
            carer_ref=F("carer_id"),
            carer_public_id=F("carer__public_id"),
            surname=F("carer__last_name"),
            forename=F("carer__first_name"),
            last_day=F("valid_until"),
            is_approval=Value(True),
            type_name=F("assignment_type__name"),
            group_name=F("target_group__name"),
            check_kind=no_text,
        )
        .values(*_EXPIRING_COLUMNS)
        .order_by()  # a part of a UNION may not have its own order
    )
    extracts = (
        _expiring_extracts(organisation, today, horizon)
        .annotate(
            item_id=F("pk"),
            carer_ref=F("carer_id"),
            carer_public_id=F("carer__public_id"),
            surname=F("carer__last_name"),
            forename=F("carer__first_name"),
            last_day=AddMonths(F("extract_date"), 12),
            is_approval=Value(False),
            type_name=no_text,
            group_name=Value(None, output_field=CharField()),
            check_kind=F("kind"),
        )
        .values(*_EXPIRING_COLUMNS)
        .order_by()  # a part of a UNION may not have its own order
    )
    items: QuerySet[Any] = approvals.union(extracts, all=True).order_by(
        "last_day", "surname", "forename", "carer_ref", "-is_approval", "item_id"
    )
    return items


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
        horizon = today + timedelta(days=filters.expiry_days)
        queryset = queryset.filter(
            Q(pk__in=_expiring_approvals(organisation, today, horizon).values("carer_id"))
            | Q(pk__in=_expiring_extracts(organisation, today, horizon).values("carer_id"))
        )
    ordering = _ORDERINGS.get(filters.ordering, _ORDERINGS[CarerOrdering.NAME])
    return _with_related(queryset.order_by(*ordering))


def carer_pool(
    *,
    organisation: Organisation,
    filters: CarerFilters | None = None,
    today: date | None = None,
) -> QuerySet[Carer]:
    """`carer_list` for the staff page: each carer's approvals and checks as plain lists in
    `approval_rows` and `check_rows`. A prefetch into the related managers builds a queryset
    per carer, which was a large part of the page's time."""
    return (
        carer_list(organisation=organisation, filters=filters, today=today)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("approvals", queryset=_approvals_queryset(), to_attr="approval_rows"),
            Prefetch("checks", queryset=CarerCheck.objects.order_by("kind"), to_attr="check_rows"),
        )
    )


@dataclass(frozen=True)
class ExpiringRow:
    carer: Carer
    expiry: Expiry


def carer_list_expiring(
    *, organisation: Organisation, within_days: int, today: date | None = None
) -> list[ExpiringRow]:
    """Every row of `expiring_items` with its carer and approval or check read in: for a few
    rows (tests, reports); the staff page pages `expiring_items` itself."""
    today = today or timezone.localdate()
    items = list(expiring_items(organisation=organisation, within_days=within_days, today=today))
    carers = Carer.objects.in_bulk({item["carer_ref"] for item in items})
    approvals = CarerApproval.objects.select_related("assignment_type", "target_group").in_bulk(
        {item["item_id"] for item in items if item["is_approval"]}
    )
    checks = CarerCheck.objects.in_bulk(
        {item["item_id"] for item in items if not item["is_approval"]}
    )
    rows = []
    for item in items:
        found = (approvals if item["is_approval"] else checks)[item["item_id"]]
        last_day = item["last_day"]
        expiry = Expiry(found, bool(item["is_approval"]), last_day, (last_day - today).days)
        rows.append(ExpiringRow(carers[item["carer_ref"]], expiry))
    return rows


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
