"""Matching over the pool (issue 9, ADR 0032): the constraints decided in SQL leave out exactly
the carers the pure rules would exclude for those reasons, the rest is ranked and excluded as
`matching` does over every carer's full profile, and the queries do not grow with the pool."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

import pytest

from brygga.assignments import matching, selectors
from brygga.assignments.constants import OCCUPYING, AssignmentStatus, DropReason
from brygga.assignments.models import Assignment
from brygga.bench.measure import count_queries
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer, CarerApproval, CarerCheck
from brygga.carers.services import CheckSpec
from brygga.carers.tests.factories import make_carer
from brygga.catalogue.models import TargetGroup
from brygga.clients.tests.factories import make_client, make_decision
from brygga.core.testdata import make_test_personnummer

pytestmark = pytest.mark.django_db

KINDS = (
    "criminal_record",
    "suspicion_register",
    "social_services",
    "enforcement_authority",
    "children_extract_2013_852",
)


def _checks(age_days: int = 30, kinds: tuple[str, ...] = KINDS) -> list[CheckSpec]:
    shown = timezone.localdate() - timedelta(days=age_days)
    return [CheckSpec(kind, shown, shown, "no_entry") for kind in kinds]


def _full_profiles(decision, start: date) -> list[matching.CarerProfile]:
    """Every carer of the pool as a full profile, from model instances: how matching read the
    pool before issue 9, kept here as the reference."""
    carers = (
        Carer.objects.filter(
            organisation_id=decision.organisation_id,
            approvals__assignment_type__code=decision.assignment_type.code,
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
    profiles = []
    for carer in carers:
        born = carer.birth_date
        profiles.append(
            matching.CarerProfile(
                id=str(carer.public_id),
                age=start.year - born.year - ((start.month, start.day) < (born.month, born.day)),
                status=carer.status,
                capacity_left=carer.max_concurrent_assignments - carer.occupying,
                sex=selectors._carer_sex(carer.personal_identity_number),
                area=carer.city,
                postal_code=carer.postal_code,
                languages=tuple(str(lang).lower() for lang in carer.languages),
                interests=selectors._keywords(carer.interests),
                has_car=carer.has_car,
                availability=tuple(carer.availability),
                approvals=tuple(
                    matching.Approval(
                        a.assignment_type.code,
                        a.target_group.code if a.target_group else None,
                        a.approved_on,
                        a.valid_until,
                    )
                    for a in carer.approvals.all()
                ),
                checks=tuple(
                    matching.Check(c.kind, c.outcome, c.extract_date) for c in carer.checks.all()
                ),
                waiting_since=None if carer.occupying else carer.status_changed_at.date(),
                preferred_client_age_min=carer.preferred_client_age_min,
                preferred_client_age_max=carer.preferred_client_age_max,
            )
        )
    return profiles


def _category(reason: str) -> DropReason | None:
    """Which SQL-decided constraint a reason from `matching._violations` belongs to, if any."""
    if reason in ("Uppdragstagaren är vilande.", "Uppdragstagaren är avregistrerad."):
        return DropReason.STATUS
    if reason.startswith("Har inte plats för fler uppdrag"):
        return DropReason.CAPACITY
    if reason.startswith("Saknar giltigt godkännande"):
        return DropReason.APPROVAL
    return None


@pytest.fixture
def decision(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer, area="Centrum", interests="fotboll")
    decision = make_decision(
        client,
        case_officer,
        decision_date=timezone.localdate() - timedelta(days=20),
        type="kontaktperson",
    )
    decision.target_group = TargetGroup.objects.get(code="barn-och-unga")
    decision.save(update_fields=["target_group"])
    return decision


def _occupy(carer, decision, status=AssignmentStatus.ACTIVE):
    Assignment.objects.create(
        organisation=carer.organisation, decision=decision, carer=carer, status=status
    )


def test_the_sql_prefilter_ranks_and_excludes_as_the_pure_rules(
    organisation, other_organisation, unit, case_officer, decision
):
    today = timezone.localdate()
    other = make_decision(
        make_client(organisation, unit, case_officer), case_officer, type="kontaktperson"
    )
    good = [
        make_carer(organisation, group=None, checks=_checks(), interests="fotboll", city="Centrum"),
        make_carer(organisation, group="barn-och-unga", checks=_checks(), interests="schack"),
        make_carer(organisation, group=None, checks=_checks(), interests="fotboll, schack"),
    ]
    busy = make_carer(organisation, group=None, checks=_checks())  # one of two places taken
    Carer.objects.filter(pk=busy.pk).update(max_concurrent_assignments=2)
    _occupy(busy, other)
    paused = make_carer(organisation, group=None, checks=_checks())
    deregistered = make_carer(organisation, group=None, checks=_checks())
    full = make_carer(organisation, group=None, checks=_checks())
    _occupy(full, other, AssignmentStatus.PLANNED)
    paused_and_full = make_carer(organisation, group=None, checks=_checks())
    _occupy(paused_and_full, other)
    Carer.objects.filter(pk__in=[paused.pk, paused_and_full.pk]).update(status=CarerStatus.PAUSED)
    Carer.objects.filter(pk=deregistered.pk).update(status=CarerStatus.DEREGISTERED)
    make_carer(organisation, group=None, checks=_checks(), valid_until=today - timedelta(days=1))
    make_carer(organisation, group="funktionsnedsattning", checks=_checks())
    make_carer(organisation, group=None, types=("ledsagare",), checks=_checks())  # not in pool
    revoked = make_carer(organisation, group=None, checks=_checks())
    CarerApproval.objects.filter(carer=revoked).update(revoked_at=timezone.now())
    make_carer(organisation, group=None, checks=_checks(kinds=KINDS[:4]))  # no children extract
    make_carer(organisation, group=None, checks=_checks(age_days=400))  # extract too old
    # Both fail in SQL and in Python: only the SQL reason is reported, as a count.
    make_carer(
        organisation,
        group="funktionsnedsattning",
        checks=_checks(kinds=KINDS[:4]),
    )
    born = today.replace(year=today.year - 17)
    make_carer(  # too young
        organisation,
        group=None,
        checks=_checks(),
        birth_date=born,
        personal_identity_number=make_test_personnummer(born.strftime("%Y%m%d"), "985"),
    )
    conflict = make_carer(organisation, group=None, checks=_checks())
    _occupy(conflict, decision, AssignmentStatus.ENDED)
    make_carer(other_organisation, group=None, checks=_checks())  # not in pool

    decision = selectors.decision_for_matching_queryset().get(pk=decision.pk)
    start = max(today, decision.period_from)
    ranking = selectors.decision_ranking(decision=decision, start=start)
    need = selectors.decision_need(decision, start)
    profiles = _full_profiles(decision, start)

    assert ranking.candidates == matching.rank_candidates(need, profiles)
    assert {c.carer_id for c in ranking.candidates} == {str(c.public_id) for c in [*good, busy]}
    dropped: Counter[DropReason] = Counter()
    dropped_total = 0
    in_python = []
    for exclusion in matching.excluded(need, profiles):
        categories = {_category(r) for r in exclusion.reasons} - {None}
        if categories:
            dropped.update(categories)
            dropped_total += 1
        else:
            in_python.append(exclusion)
    assert ranking.excluded == in_python
    assert ranking.dropped == dict(dropped)
    assert ranking.dropped == {
        DropReason.STATUS: 2,
        DropReason.CAPACITY: 2,
        DropReason.APPROVAL: 3,
    }
    assert ranking.dropped_total == dropped_total == 6
    assert [len(e.reasons) for e in ranking.excluded] == [1, 1, 1, 1]
    assert ranking.excluded_count == 10

    shown = selectors.decision_candidates(decision=decision, start=start)
    assert [r.carer.pk for r in shown.candidates] == [
        Carer.objects.get(public_id=c.carer_id).pk for c in ranking.candidates
    ]
    assert [r.rank for r in shown.candidates] == [1, 2, 3, 4]
    assert (shown.candidate_count, shown.excluded_count) == (4, 10)
    row = selectors.decision_candidate(decision=decision, carer_id=ranking.candidates[2].carer_id)
    assert row is not None
    assert (row.rank, row.candidate) == (3, ranking.candidates[2])
    assert selectors.decision_candidate(decision=decision, carer_id=str(paused.public_id)) is None


def test_pages_show_a_slice_with_ranks_that_continue(organisation, decision):
    for _ in range(5):
        make_carer(organisation, group=None, checks=_checks())
    for _ in range(3):
        make_carer(organisation, group=None, checks=_checks(age_days=400))
    decision = selectors.decision_for_matching_queryset().get(pk=decision.pk)
    second = selectors.decision_candidates(
        decision=decision, page="2", excluded_page="2", page_size=2
    )
    assert [r.rank for r in second.candidates] == [3, 4]
    assert (second.candidate_count, second.excluded_count) == (5, 3)
    assert len(second.excluded) == 1
    nonsense = selectors.decision_candidates(decision=decision, page="x", excluded_page="-1")
    assert [r.rank for r in nonsense.candidates] == [1, 2, 3, 4, 5]


def test_matching_costs_the_same_queries_for_3_and_30_carers(organisation, decision):
    def count() -> tuple[int, selectors.Matching]:
        fresh = selectors.decision_for_matching_queryset().get(pk=decision.pk)
        return count_queries(lambda: selectors.decision_candidates(decision=fresh))

    def add(n: int) -> None:
        # Every third carer's extract is too old (excluded in Python), every fifth is paused
        # (left out in SQL): both lists and the counts have rows at both sizes.
        for i in range(n):
            carer = make_carer(organisation, group=None, checks=_checks(30 if i % 3 else 400))
            if i % 5 == 4:
                Carer.objects.filter(pk=carer.pk).update(status=CarerStatus.PAUSED)

    add(3)
    few, result = count()
    assert result.candidate_count and result.excluded_count
    add(27)
    more, result = count()
    assert result.candidate_count + result.excluded_count == 30
    assert few == more <= 6
