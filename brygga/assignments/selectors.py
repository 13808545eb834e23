"""Reads for matching and assignments: the decision's need, the carers' profiles, the
ranked candidates, and the lists on the pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from brygga.accounts.models import User
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer, CarerApproval, CarerCheck
from brygga.catalogue.requirements import required_register_checks
from brygga.clients.models import Decision

from . import matching
from .constants import OCCUPYING, AssignmentStatus, OfferStatus
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


def carer_pool_for_matching(*, organisation_id: int, type_code: str) -> QuerySet[Carer]:
    """Every carer of the organisation with an approval for the type, loaded for profiles in
    a fixed number of queries."""
    return (
        Carer.objects.filter(
            organisation_id=organisation_id,
            approvals__assignment_type__code=type_code,
            approvals__revoked_at__isnull=True,
        )
        .exclude(status=CarerStatus.DEREGISTERED)
        .distinct()
        .annotate(
            occupying=Count(
                "assignments", filter=Q(assignments__status__in=OCCUPYING), distinct=True
            )
        )
        .prefetch_related(
            Prefetch(
                "approvals",
                queryset=CarerApproval.objects.filter(revoked_at__isnull=True).select_related(
                    "assignment_type", "target_group"
                ),
            ),
            Prefetch("checks", queryset=CarerCheck.objects.all()),
        )
    )


def carer_profile(carer: Carer, on: date) -> matching.CarerProfile:
    age = (
        on.year
        - carer.birth_date.year
        - ((on.month, on.day) < (carer.birth_date.month, carer.birth_date.day))
    )
    occupying = int(getattr(carer, "occupying", 0))
    return matching.CarerProfile(
        id=str(carer.public_id),
        age=age,
        status=carer.status,
        capacity_left=carer.max_concurrent_assignments - occupying,
        sex=_carer_sex(carer.personal_identity_number),
        area=carer.city,
        postal_code=carer.postal_code,
        languages=tuple(str(lang).lower() for lang in carer.languages),
        interests=_keywords(carer.interests),
        has_car=carer.has_car,
        availability=tuple(carer.availability),
        approvals=tuple(
            matching.Approval(
                assignment_type=a.assignment_type.code,
                target_group=a.target_group.code if a.target_group else None,
                valid_from=a.approved_on,
                valid_until=a.valid_until,
            )
            for a in carer.approvals.all()
        ),
        checks=tuple(
            matching.Check(kind=c.kind, outcome=c.outcome, extract_date=c.extract_date)
            for c in carer.checks.all()
        ),
        waiting_since=None if occupying else carer.status_changed_at.date(),
        preferred_client_age_min=carer.preferred_client_age_min,
        preferred_client_age_max=carer.preferred_client_age_max,
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
    need: matching.Need
    candidates: list[CandidateRow]
    excluded: list[ExcludedRow]


def decision_candidates(*, decision: Decision, start: date | None = None) -> Matching:
    """The ranked candidates for a decision, with every reason, and who was left out why."""
    start = start or max(timezone.localdate(), decision.period_from)
    need = decision_need(decision, start)
    carers = {
        str(c.public_id): c
        for c in carer_pool_for_matching(
            organisation_id=decision.organisation_id, type_code=decision.assignment_type.code
        )
    }
    profiles = [carer_profile(c, start) for c in carers.values()]
    ranked = matching.rank_candidates(need, profiles)
    left_out = matching.excluded(need, profiles)
    return Matching(
        need=need,
        candidates=[
            CandidateRow(rank=i, carer=carers[c.carer_id], candidate=c)
            for i, c in enumerate(ranked, start=1)
        ],
        excluded=[ExcludedRow(carer=carers[e.carer_id], reasons=e.reasons) for e in left_out],
    )


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
