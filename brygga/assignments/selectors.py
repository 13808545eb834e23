"""Reads for matching and assignments: the decision's need, the carers' profiles, the
ranked candidates, and the lists on the pages."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from brygga.accounts.models import User
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer, CarerApproval, CarerCheck
from brygga.catalogue.requirements import required_register_checks
from brygga.clients.models import Decision

from . import matching
from .constants import OCCUPYING, AssignmentStatus, DropReason, OfferStatus
from .models import Assignment, Offer

_SEX = {"female": "F", "male": "M"}
_WORD = re.compile(r"[\wåäöÅÄÖ-]{3,}")
# Words that say nothing about an interest; without them "och" would be a shared interest.
_STOP_WORDS = frozenset(
    [
        "och",
        "att",
        "som",
        "med",
        "för",
        "från",
        "till",
        "eller",
        "men",
        "den",
        "det",
        "dom",
        "har",
        "hon",
        "han",
        "gillar",
        "tycker",
        "mycket",
        "gärna",
        "allt",
        "alla",
        "lite",
        "även",
        "också",
        "inte",
        "under",
        "efter",
        "hela",
        "kan",
        "vill",
        "samt",
    ]
)


def _keywords(text: str) -> tuple[str, ...]:
    """Interests as lower-case keywords, so "fotboll, bakning" meets "Bakning och fotboll"."""
    words = {w.lower() for w in _WORD.findall(text or "")}
    return tuple(sorted(words - _STOP_WORDS))


def _carer_sex(personal_identity_number: str) -> matching.Sex | None:
    # The second-to-last digit: odd for men, even for women (Skatteverket's rule).
    if len(personal_identity_number) == 12 and personal_identity_number[10].isdigit():
        return "M" if int(personal_identity_number[10]) % 2 else "F"
    return None


def decision_need(decision: Decision, start: date) -> matching.Need:
    """What the decision and its client ask of a carer, for `matching`."""
    client = decision.client
    group = decision.target_group.code if decision.target_group else None
    checks, max_age = required_register_checks(decision.assignment_type.code, group)
    conflicts = tuple(
        str(a.carer.public_id)
        for a in decision.assignments.all()
        if a.status == AssignmentStatus.ENDED
    )
    # Where a person with protected identity lives is never used or shown in matching.
    hidden = client.protected_identity
    return matching.Need(
        assignment_type=decision.assignment_type.code,
        target_group=group,
        start=start,
        client_age=client.age_on(start),
        client_sex=_SEX.get(client.sex),  # type: ignore[arg-type]
        client_area="" if hidden else (client.area or client.city),
        client_postal_code="" if hidden else client.postal_code,
        client_languages=tuple(str(lang).lower() for lang in client.languages),
        client_interests=_keywords(client.interests),
        wished_carer_sex=_SEX.get(client.carer_gender_wish),  # type: ignore[arg-type]
        wished_carer_age_min=client.carer_age_min,
        wished_carer_age_max=client.carer_age_max,
        needs_car=decision.assignment_type.code in {"ledsagare", "umgangesstod"},
        required_checks=checks,
        extract_max_age_days=max_age,
        # Qualifications (SKKP's documented experience) were checked when the carer was
        # approved for the type; the approval constraint covers them.
        conflicts=conflicts,
    )


# --- Matching over the pool ------------------------------------------------------------------
#
# A pool can hold thousands of carers (issue 9). Three hard constraints are cheap to decide in
# SQL: an eligible status, room for one more assignment, and an approval that covers the type,
# the target group and the start day. A carer failing one of them is only counted, per reason
# (ADR 0032). The others are read as flat rows, never as model instances, and go through
# `matching`, which still applies every hard constraint. Model instances are loaded only for
# the rows a page shows.

PAGE_SIZE = 50

_PROFILE_FIELDS: Final = (
    "pk",
    "public_id",
    "birth_date",
    "status",
    "max_concurrent_assignments",
    "personal_identity_number",
    "city",
    "postal_code",
    "languages",
    "interests",
    "has_car",
    "availability",
    "status_changed_at",
    "preferred_client_age_min",
    "preferred_client_age_max",
)


class _AnyOf(Func):
    """`column = ANY(%s)` with the ids as one array on PostgreSQL; `IN (...)` elsewhere.

    With `__in`, a thousand ids are a thousand parameters for Django to prepare and psycopg
    to splice in: tens of milliseconds per query at national scale."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, ids: list[int]) -> None:
        super().__init__(F(column))
        self.ids = ids

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        if not self.ids:
            raise EmptyResultSet
        column, params = compiler.compile(self.get_source_expressions()[0])
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        if not self.ids:
            raise EmptyResultSet
        column, params = compiler.compile(self.get_source_expressions()[0])
        return f"{column} = ANY(%s)", [*params, self.ids]


def carer_pool_for_matching(*, organisation_id: int, type_code: str) -> QuerySet[Carer]:
    """Every carer of the organisation, not deregistered, with an un-revoked approval for the
    type: whom a decision of that type is matched against."""
    return Carer.objects.filter(
        Exists(
            CarerApproval.objects.filter(
                carer=OuterRef("pk"), assignment_type__code=type_code, revoked_at__isnull=True
            )
        ),
        organisation_id=organisation_id,
    ).exclude(status=CarerStatus.DEREGISTERED)


def _covering_approvals(decision: Decision, on: date) -> QuerySet[CarerApproval]:
    """Un-revoked approvals that cover the decision's type and target group on the day
    (`matching._approval_covers`); by id, so the per-carer test needs no join."""
    group = Q(target_group__isnull=True)
    if decision.target_group_id is not None:
        group |= Q(target_group_id=decision.target_group_id)
    return CarerApproval.objects.filter(
        group,
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        assignment_type_id=decision.assignment_type_id,
        revoked_at__isnull=True,
        approved_on__lte=on,
    ).order_by()


def _dropped_for(
    status: str, max_concurrent: int, occupying: int, covered: bool
) -> list[DropReason]:
    """The constraints decided in SQL that one carer fails; each mirrors one rule of
    `matching._violations`, and test_matching_pool keeps them equal."""
    failed = []
    if status not in matching.ELIGIBLE_STATUSES:
        failed.append(DropReason.STATUS)
    if occupying >= max_concurrent:
        failed.append(DropReason.CAPACITY)
    if not covered:
        failed.append(DropReason.APPROVAL)
    return failed


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _profiles(
    rows: Iterable[tuple[Any, ...]],
    occupying_of: Mapping[int, int],
    approvals: Iterable[tuple[Any, ...]],
    checks: Iterable[tuple[Any, ...]],
    on: date,
) -> list[matching.CarerProfile]:
    """`matching.CarerProfile`s from flat rows (`_PROFILE_FIELDS`), the number of assignments
    occupying each carer, approvals as (carer pk, type, group, from, until) and checks as
    (carer pk, kind, outcome, date)."""
    approvals_of: dict[int, list[matching.Approval]] = defaultdict(list)
    for carer_pk, type_code, group, valid_from, valid_until in approvals:
        approvals_of[carer_pk].append(matching.Approval(type_code, group, valid_from, valid_until))
    checks_of: dict[int, list[matching.Check]] = defaultdict(list)
    for carer_pk, kind, outcome, extract_date in checks:
        checks_of[carer_pk].append(matching.Check(kind, outcome, extract_date))
    keywords = functools.cache(_keywords)  # many carers share the same interests text
    profiles = []
    for (
        pk,
        public_id,
        birth_date,
        status,
        max_concurrent,
        pnr,
        city,
        postal_code,
        languages,
        interests,
        has_car,
        availability,
        status_changed_at,
        age_min,
        age_max,
    ) in rows:
        profiles.append(
            matching.CarerProfile(
                id=str(public_id),
                age=_age(birth_date, on),
                status=status,
                capacity_left=max_concurrent - occupying_of[pk],
                sex=_carer_sex(pnr),
                area=city,
                postal_code=postal_code,
                languages=tuple(str(lang).lower() for lang in languages),
                interests=keywords(interests),
                has_car=has_car,
                availability=tuple(availability),
                approvals=tuple(approvals_of[pk]),
                checks=tuple(checks_of[pk]),
                waiting_since=None if occupying_of[pk] else status_changed_at.date(),
                preferred_client_age_min=age_min,
                preferred_client_age_max=age_max,
            )
        )
    return profiles


@dataclass(frozen=True)
class Ranking:
    """Matching for one decision as data, without model instances."""

    need: matching.Need
    candidates: list[matching.Candidate]  # every carer meeting every hard constraint, best first
    excluded: list[matching.Exclusion]  # read, then excluded by `matching`, with every reason
    dropped: dict[DropReason, int]  # left out in SQL, per reason (a carer may fail several)
    dropped_total: int  # carers left out in SQL

    @property
    def excluded_count(self) -> int:
        return len(self.excluded) + self.dropped_total


def decision_ranking(*, decision: Decision, start: date | None = None) -> Ranking:
    """Rank the pool for a decision in four queries, whatever its size (ADR 0032)."""
    start = start or max(timezone.localdate(), decision.period_from)
    need = decision_need(decision, start)
    covering = _covering_approvals(decision, start)
    # One narrow row per carer in the pool: the database decides the three constraints, and
    # only the carers passing them are read further. A join and an uncorrelated IN, not
    # correlated subqueries: each is computed once for the whole pool, and the plan stays
    # cheap enough that PostgreSQL does not JIT-compile it (60 ms at 20 000 carers).
    flags = (
        carer_pool_for_matching(
            organisation_id=decision.organisation_id, type_code=need.assignment_type
        )
        .order_by()
        .annotate(
            occupying=Count("assignments", filter=Q(assignments__status__in=OCCUPYING)),
            covered=ExpressionWrapper(
                Q(pk__in=covering.values("carer")), output_field=BooleanField()
            ),
        )
        .values_list("pk", "status", "max_concurrent_assignments", "occupying", "covered")
    )
    dropped = dict.fromkeys(DropReason, 0)
    dropped_total = 0
    occupying_of: dict[int, int] = {}
    for pk, status, max_concurrent, occupied, covered in flags:
        failed = _dropped_for(status, max_concurrent, occupied, covered)
        if failed:
            for reason in failed:
                dropped[reason] += 1
            dropped_total += 1
        else:
            occupying_of[pk] = occupied
    ids = list(occupying_of)
    rows = Carer.objects.filter(_AnyOf("pk", ids)).order_by().values_list(*_PROFILE_FIELDS)
    # Only what `_violations` reads: the covering approvals and the required kinds of check.
    approvals = covering.filter(_AnyOf("carer_id", ids)).values_list(
        "carer_id", "assignment_type__code", "target_group__code", "approved_on", "valid_until"
    )
    checks = (
        CarerCheck.objects.filter(_AnyOf("carer_id", ids), kind__in=need.required_checks)
        .order_by()
        .values_list("carer_id", "kind", "outcome", "extract_date")
    )
    profiles = _profiles(rows, occupying_of, approvals, checks, start)
    candidates, excluded = matching.rank_and_exclude(need, profiles)
    return Ranking(
        need=need,
        candidates=candidates,
        excluded=excluded,
        dropped={reason: count for reason, count in dropped.items() if count},
        dropped_total=dropped_total,
    )


@dataclass(frozen=True)
class CandidateRow:
    rank: int
    carer: Carer
    candidate: matching.Candidate


@dataclass(frozen=True)
class ExcludedRow:
    carer: Carer
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Matching:
    """One page of matching: the rows shown, each with its carer, and the totals."""

    need: matching.Need
    candidates: list[CandidateRow]  # this page, best first
    excluded: list[ExcludedRow]  # this page of the carers `matching` excluded
    candidate_count: int
    excluded_count: int  # including those left out in SQL
    dropped: dict[DropReason, int]
    candidate_page: Page[matching.Candidate]
    excluded_page: Page[matching.Exclusion]


def _carers(public_ids: Iterable[str]) -> dict[str, Carer]:
    return {str(c.public_id): c for c in Carer.objects.filter(public_id__in=list(public_ids))}


def decision_candidates(
    *,
    decision: Decision,
    start: date | None = None,
    page: int | str | None = 1,
    excluded_page: int | str | None = 1,
    page_size: int = PAGE_SIZE,
) -> Matching:
    """The ranked candidates for a decision, with every reason, and who was left out why:
    one page of each list, with the carers of those rows only."""
    ranking = decision_ranking(decision=decision, start=start)
    shown = Paginator(ranking.candidates, page_size).get_page(page)
    left_out = Paginator(ranking.excluded, page_size).get_page(excluded_page)
    carers = _carers([c.carer_id for c in shown] + [e.carer_id for e in left_out])
    first = shown.start_index()
    return Matching(
        need=ranking.need,
        candidates=[
            CandidateRow(rank=first + i, carer=carers[c.carer_id], candidate=c)
            for i, c in enumerate(shown)
        ],
        excluded=[ExcludedRow(carer=carers[e.carer_id], reasons=e.reasons) for e in left_out],
        candidate_count=len(ranking.candidates),
        excluded_count=ranking.excluded_count,
        dropped=ranking.dropped,
        candidate_page=shown,
        excluded_page=left_out,
    )


def decision_candidate(*, decision: Decision, carer_id: str) -> CandidateRow | None:
    """One carer's row among the decision's candidates, at its rank; None if not a candidate."""
    ranking = decision_ranking(decision=decision)
    for rank, candidate in enumerate(ranking.candidates, start=1):
        if candidate.carer_id == str(carer_id):
            carer = Carer.objects.get(public_id=candidate.carer_id)
            return CandidateRow(rank=rank, carer=carer, candidate=candidate)
    return None


def decision_for_matching_queryset() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "client", "assignment_type", "target_group", "organisation"
    ).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("carer")),
        Prefetch("offers", queryset=Offer.objects.select_related("carer", "offered_by")),
    )


def offers_for_carer_user(*, user: User) -> QuerySet[Offer]:
    """A carer's own offers (on Mina sidor), newest first."""
    return (
        Offer.objects.filter(carer__user=user)
        .select_related("decision__assignment_type", "decision__target_group")
        .order_by("-offered_at")
    )


def assignments_for_carer_user(*, user: User) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(carer__user=user)
        .exclude(status=AssignmentStatus.ENDED)
        .select_related("decision__assignment_type", "decision__client", "offer")
        .order_by("-created_at")
    )


def pending_offer_count(decision: Decision) -> int:
    return sum(1 for o in decision.offers.all() if o.status == OfferStatus.PENDING)
