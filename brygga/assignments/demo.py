"""Demo offers and assignments for Ekby kommun: active, paused, interrupted and ended
assignments, declined offers, and decisions still waiting (some past three months).

Made through the services, then dated back, so the history reads like months of work.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision

from . import selectors, services
from .constants import AssignmentStatus, EndReason, Party
from .models import Assignment, AssignmentEvent, Interruption, Offer

# Of the decisions older than four weeks, in decision-date order, what happens to them.
PLAN = [
    "active",
    "active",
    "active",
    "declined",
    "active",
    "paused",
    "active",
    "ended",
    "interrupted",
    "active",
    "declined",
    "active",
    "active",
    "ended",
    "active",
    "offered",
]


def create_demo_assignments(organisation: Organisation) -> None:
    today = timezone.localdate()
    officer = User.objects.get(email="handlaggare@ekby.example")
    decisions = list(
        selectors.decision_for_matching_queryset()
        .filter(
            organisation=organisation,
            status=DecisionStatus.ACTIVE,
            decision_date__lte=today - timedelta(days=28),
        )
        .order_by("decision_date", "id")
    )
    # Keep the longest waiting ones waiting: they are the IVO report's cases.
    waiting_kept = 6
    for decision, plan in zip(decisions[waiting_kept:], PLAN, strict=False):
        result = selectors.decision_candidates(decision=decision)
        if not result.candidates:
            continue
        best = result.candidates[0]
        offer = services.offer_make(
            decision=decision,
            carer=best.carer,
            brief=f"{decision.assignment_type.name}. {decision.scope_quantity:g} "
            f"{decision.get_scope_unit_display()}. Område: {decision.client.area or '–'}.",
            rank=best.rank,
            actor=officer,
        )
        if plan == "offered":
            continue
        services.offer_respond(
            offer=offer,
            accept=plan != "declined",
            note="Tyvärr inte möjligt just nu." if plan == "declined" else "",
            actor=best.carer.user,
        )
        if plan == "declined":
            continue
        assignment = Assignment.objects.get(offer=offer)
        services.assignment_first_meeting(assignment=assignment, on=today, actor=officer)
        services.assignment_confirm(assignment=assignment, party=Party.CARER, actor=best.carer.user)
        services.assignment_confirm(assignment=assignment, party=Party.CLIENT, actor=officer)
        services.assignment_start(assignment=assignment, started_on=today, actor=officer)
        if plan == "paused":
            services.assignment_pause(
                assignment=assignment, on=today, note="Semester i fyra veckor", actor=officer
            )
        elif plan == "interrupted":
            services.assignment_interrupt(
                assignment=assignment,
                on=today,
                cause="Uppdragstagaren har flyttat; ny matchning pågår",
                actor=officer,
            )
        elif plan == "ended":
            services.assignment_end(
                assignment=assignment,
                on=today,
                reason=EndReason.NEED_ENDED,
                note="Målen i genomförandeplanen är nådda.",
                actor=officer,
            )
        _backdate(decision, assignment, plan)


def _backdate(decision: Decision, assignment: Assignment, plan: str) -> None:
    """Spread the steps between the decision date and today."""
    offer_id = assignment.offer_id
    assert offer_id is not None  # noqa: S101 - every demo assignment comes from an offer
    today = timezone.localdate()
    span = (today - decision.decision_date).days
    offered = decision.decision_date + timedelta(days=min(10, span // 4))
    started = decision.decision_date + timedelta(days=min(40, span // 2))
    Offer.objects.filter(pk=offer_id).update(
        offered_at=timezone.make_aware(datetime.combine(offered, time(10)))
    )
    AssignmentEvent.objects.filter(offer_id=offer_id).update(occurred_on=offered)
    AssignmentEvent.objects.filter(assignment=assignment, kind="started").update(
        occurred_on=started
    )
    Assignment.objects.filter(pk=assignment.pk).update(
        first_meeting_on=started - timedelta(days=7), started_on=started
    )
    Decision.objects.filter(pk=decision.pk).update(implemented_on=started)
    if plan == "interrupted":
        # Interrupted four months ago and not resumed: reportable to IVO.
        interrupted = max(started, today - timedelta(days=120))
        Interruption.objects.filter(assignment=assignment).update(started_on=interrupted)
        AssignmentEvent.objects.filter(assignment=assignment, kind="interrupted").update(
            occurred_on=interrupted
        )
    if plan == "ended" and assignment.status == AssignmentStatus.ENDED:
        Assignment.objects.filter(pk=assignment.pk).update(ended_on=today - timedelta(days=5))
