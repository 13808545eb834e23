"""Reads for the register: decisions with their assignments and avbrott, turned into the plain
facts `register.py` works on. A fixed number of queries (three) for any number of rows.

These return personal identifiers without logging: callers record the look with
`permissions.register_record_view`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from brygga.assignments.models import Assignment, Interruption
from brygga.clients.constants import REPORTABLE_AFTER_MONTHS, DecisionStatus
from brygga.clients.expressions import AddMonths
from brygga.clients.models import Decision

from .constants import INTERRUPTION_REPORTABLE_AFTER_MONTHS, REPORTABLE_LAWS
from .register import DecisionFacts, Entry, InterruptionFacts, closed_between, open_on

_ENDED = (DecisionStatus.ENDED, DecisionStatus.WITHDRAWN)


def _scope(*, organisation: Any = None, user: Any = None) -> QuerySet[Decision]:
    """The decisions of `organisation`, or those `user` may see (organisation, then units)."""
    if user is not None:
        queryset = Decision.objects.visible_to(user)
    elif organisation is not None:
        queryset = Decision.objects.filter(organisation=organisation)
    else:
        raise ValueError("organisation or user")
    return queryset.filter(legal_basis__law_area__in=REPORTABLE_LAWS)


def _with_history(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    return queryset.select_related("client", "assignment_type", "legal_basis").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.only(
                "id", "decision_id", "started_on", "ended_on", "end_reason"
            ).prefetch_related(
                Prefetch(
                    "interruptions",
                    queryset=Interruption.objects.only(
                        "id", "assignment_id", "started_on", "resumed_on"
                    ),
                )
            ),
        )
    )


def decision_facts(decision: Decision) -> DecisionFacts:
    """The plain facts of a decision loaded by `_with_history`."""
    assignments = list(decision.assignments.all())
    return DecisionFacts(
        decision_id=str(decision.public_id),
        client_ref=decision.client.identifier,
        law=decision.legal_basis.law_area,
        assignment_type=decision.assignment_type.code,
        decision_date=decision.decision_date,
        status=decision.status,
        implemented_on=decision.implemented_on,
        ended_on=decision.ended_on,
        end_reason=decision.end_reason,
        assignment_starts=tuple(
            sorted(a.started_on for a in assignments if a.started_on is not None)
        ),
        interruptions=tuple(
            InterruptionFacts(
                started_on=interruption.started_on,
                resumed_on=interruption.resumed_on,
                assignment_ended_on=assignment.ended_on,
                assignment_end_reason=assignment.end_reason,
            )
            for assignment in assignments
            for interruption in assignment.interruptions.all()
        ),
    )


def unimplemented_open_on(
    *, as_of: date, organisation: Any = None, user: Any = None
) -> list[Entry]:
    """The register on `as_of` for an organisation (or as `user` may see it).

    SQL keeps only decisions that may have an open entry: reportable by `as_of`, not ended
    or withdrawn by then, and either not implemented by then or with an avbrott reportable by
    then; `register.open_on` decides the rest.
    """
    interrupted = Interruption.objects.annotate(
        reportable=AddMonths("started_on", INTERRUPTION_REPORTABLE_AFTER_MONTHS)
    ).filter(assignment__decision=OuterRef("pk"), reportable__lte=as_of)
    decisions = (
        _scope(organisation=organisation, user=user)
        .annotate(reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS))
        .filter(reportable__lte=as_of)
        .exclude(status__in=_ENDED, ended_on__lte=as_of)
        .filter(Q(implemented_on__isnull=True) | Q(implemented_on__gt=as_of) | Exists(interrupted))
    )
    facts = [decision_facts(d) for d in _with_history(decisions)]
    return open_on(facts, as_of)


def unimplemented_closed_between(
    *, after: date, until: date, organisation: Any = None, user: Any = None
) -> list[Entry]:
    """Entries closed in `after < closed_on <= until`: for the next report only."""
    decisions = (
        _scope(organisation=organisation, user=user)
        .annotate(reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS))
        .filter(reportable__lt=until)
        .exclude(status__in=_ENDED, ended_on__lte=after)
    )
    facts = [decision_facts(d) for d in _with_history(decisions)]
    return closed_between(facts, after, until)
