"""Reads for the register: decisions with their assignments and avbrott, turned into the plain
facts `register.py` works on. A fixed number of queries (four) for any number of rows.

These return personal identifiers without logging: callers record the look with
`permissions.register_record_view`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from brygga.assignments.models import Assignment, Interruption
from brygga.clients.constants import REPORTABLE_AFTER_MONTHS, DecisionStatus
from brygga.clients.expressions import AddMonths
from brygga.clients.models import Decision

from .constants import INTERRUPTION_REPORTABLE_AFTER_MONTHS, REPORTABLE_LAWS
from .models import PartialImplementation
from .register import (
    DecisionFacts,
    Entry,
    InterruptionFacts,
    PartialFacts,
    closed_between,
    entries_for,
    open_on,
    reportable_within,
)

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


def _may_have_entries() -> Q:
    """Decisions (annotated with `reportable`) that can ever have had an entry: not
    implemented by their reportable date, or interrupted, or partly implemented. Most
    decisions are implemented in time and never enter the register."""
    return (
        Q(implemented_on__isnull=True)
        | Q(implemented_on__gt=F("reportable"))
        | Exists(Interruption.objects.filter(assignment__decision=OuterRef("pk")))
        | Exists(PartialImplementation.objects.filter(decision=OuterRef("pk")))
    )


def facts_of(queryset: QuerySet[Decision]) -> list[DecisionFacts]:
    """The plain facts of each decision, read as rows in four flat queries: building
    thousands of model instances and prefetch caches cost more than the register's rules."""
    decisions = list(
        queryset.order_by("pk").values_list(
            "pk",
            "public_id",
            "client__identifier",
            "legal_basis__law_area",
            "assignment_type__code",
            "decision_date",
            "status",
            "implemented_on",
            "ended_on",
            "end_reason",
        )
    )
    if not decisions:
        return []
    ids = queryset.values("pk")
    assignments: dict[int, list[tuple[int, date | None, date | None, str]]] = {}
    for pk, decision_id, started_on, ended_on, end_reason in (
        Assignment.objects.filter(decision__in=ids)
        .order_by("-created_at", "-id")
        .values_list("pk", "decision_id", "started_on", "ended_on", "end_reason")
    ):
        assignments.setdefault(decision_id, []).append((pk, started_on, ended_on, end_reason))
    interruptions: dict[int, list[tuple[date, date | None]]] = {}
    for assignment_id, started_on, resumed_on in (
        Interruption.objects.filter(assignment__decision__in=ids)
        .order_by("-started_on", "-id")
        .values_list("assignment_id", "started_on", "resumed_on")
    ):
        interruptions.setdefault(assignment_id, []).append((started_on, resumed_on))
    partials: dict[int, list[PartialFacts]] = {}
    for decision_id, since, not_implemented, closed_on, closed_reason in (
        PartialImplementation.objects.filter(decision__in=ids)
        .order_by("since", "id")
        .values_list("decision_id", "since", "not_implemented", "closed_on", "closed_reason")
    ):
        partials.setdefault(decision_id, []).append(
            PartialFacts(
                since=since,
                not_implemented=not_implemented,
                closed_on=closed_on,
                closed_reason=closed_reason,
            )
        )
    facts = []
    for (
        pk,
        public_id,
        client_ref,
        law,
        type_code,
        decided,
        status,
        implemented,
        ended,
        why,
    ) in decisions:
        own = assignments.get(pk, [])
        facts.append(
            DecisionFacts(
                decision_id=str(public_id),
                client_ref=client_ref,
                law=law,
                assignment_type=type_code,
                decision_date=decided,
                status=status,
                implemented_on=implemented,
                ended_on=ended,
                end_reason=why,
                assignment_starts=tuple(sorted(a[1] for a in own if a[1] is not None)),
                interruptions=tuple(
                    InterruptionFacts(
                        started_on=started_on,
                        resumed_on=resumed_on,
                        assignment_ended_on=assignment_ended_on,
                        assignment_end_reason=assignment_end_reason,
                    )
                    for assignment_id, _started, assignment_ended_on, assignment_end_reason in own
                    for started_on, resumed_on in interruptions.get(assignment_id, [])
                ),
                partials=tuple(partials.get(pk, [])),
            )
        )
    return facts


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
    partly = PartialImplementation.objects.filter(decision=OuterRef("pk"), since__lte=as_of)
    decisions = (
        _scope(organisation=organisation, user=user)
        .annotate(reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS))
        .filter(reportable__lte=as_of)
        .exclude(status__in=_ENDED, ended_on__lte=as_of)
        .filter(
            Q(implemented_on__isnull=True)
            | Q(implemented_on__gt=as_of)
            | Exists(interrupted)
            | Exists(partly)
        )
    )
    facts = facts_of(decisions)
    return open_on(facts, as_of)


def unimplemented_closed_between(
    *, after: date, until: date, organisation: Any = None, user: Any = None
) -> list[Entry]:
    """Entries closed in `after < closed_on <= until`: for the next report only.

    SQL keeps only decisions with a date in the period that can close an entry (implemented,
    ended, an assignment started or ended, an avbrott resumed, a partial implementation
    closed): every closing in `register` is one of these, and most decisions have none, so the
    report does not load every decision the organisation ever had."""
    window = {"__gt": after, "__lte": until}

    def within(field: str) -> Q:
        return Q(**{f"{field}{lookup}": day for lookup, day in window.items()})

    assignment_moved = Assignment.objects.filter(
        within("started_on") | within("ended_on"), decision=OuterRef("pk")
    )
    resumed = Interruption.objects.filter(within("resumed_on"), assignment__decision=OuterRef("pk"))
    partial_closed = PartialImplementation.objects.filter(
        within("closed_on"), decision=OuterRef("pk")
    )
    decisions = (
        _scope(organisation=organisation, user=user)
        .annotate(reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS))
        .filter(reportable__lt=until)
        .exclude(status__in=_ENDED, ended_on__lte=after)
        .filter(_may_have_entries())
        .filter(
            within("implemented_on")
            | within("ended_on")
            | Exists(assignment_moved)
            | Exists(resumed)
            | Exists(partial_closed)
        )
    )
    facts = facts_of(decisions)
    return closed_between(facts, after, until)


def unimplemented_reportable_within(
    *, as_of: date, days: int, organisation: Any = None, user: Any = None
) -> list[Entry]:
    """Entries that become reportable after `as_of` and within `days` days if nothing changes:
    decisions not implemented, avbrott not resumed and partial implementations still open."""
    last = as_of + timedelta(days=days)
    interrupted = Interruption.objects.annotate(
        reportable=AddMonths("started_on", INTERRUPTION_REPORTABLE_AFTER_MONTHS)
    ).filter(
        Q(resumed_on__isnull=True) | Q(resumed_on__gt=as_of),
        assignment__decision=OuterRef("pk"),
        reportable__gt=as_of,
        reportable__lte=last,
    )
    partly = PartialImplementation.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of), decision=OuterRef("pk")
    )
    decisions = (
        _scope(organisation=organisation, user=user)
        .annotate(reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS))
        .exclude(status__in=_ENDED, ended_on__lte=as_of)
        .filter(
            Q(reportable__gt=as_of, reportable__lte=last)
            & (Q(implemented_on__isnull=True) | Q(implemented_on__gt=as_of))
            | Exists(interrupted)
            | Exists(partly)
        )
    )
    facts = facts_of(decisions)
    return reportable_within(facts, as_of, days)


def facts_with_history(**filters: Any) -> list[DecisionFacts]:
    """`history_scope` as the register's plain facts (`facts_of`)."""
    return facts_of(history_scope(**filters))


def history_scope(
    *,
    organisation: Any = None,
    user: Any = None,
    units: tuple[int, ...] | None = None,
    reportable_by: date | None = None,
    may_have_entries: bool = False,
    open_from: date | None = None,
) -> QuerySet[Decision]:
    """The SoL and LSS decisions of the scope (clients in `units`, when given), those
    reportable by `reportable_by` only when it is given.

    With `may_have_entries`, SQL leaves out the decisions that can never have had an entry:
    implemented by their reportable date, never interrupted, never partly implemented (most
    decisions, so the statistics do not load every decision ever made). With `open_from`,
    also those whose every entry closed before that date (the register on a later date cannot
    list them)."""
    queryset = _scope(organisation=organisation, user=user).annotate(
        reportable=AddMonths("decision_date", REPORTABLE_AFTER_MONTHS)
    )
    if units is not None:
        queryset = queryset.filter(client__unit__in=units)
    if reportable_by is not None:
        queryset = queryset.filter(reportable__lte=reportable_by)
    if may_have_entries:
        queryset = queryset.filter(_may_have_entries())
    if open_from is not None:
        still_interrupted = Interruption.objects.filter(
            Q(resumed_on__isnull=True) | Q(resumed_on__gte=open_from),
            assignment__decision=OuterRef("pk"),
        )
        still_partial = PartialImplementation.objects.filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=open_from), decision=OuterRef("pk")
        )
        queryset = queryset.exclude(status__in=_ENDED, ended_on__lt=open_from).filter(
            Q(implemented_on__isnull=True)
            | Q(implemented_on__gte=open_from)
            | Exists(still_interrupted)
            | Exists(still_partial)
        )
    return queryset


def entries_of_decision(decision: Decision) -> list[Entry]:
    """Every entry `decision` has had or has (open and closed); none outside SoL and LSS."""
    facts = facts_of(Decision.objects.filter(pk=decision.pk))
    return entries_for(facts[0]) if facts else []
