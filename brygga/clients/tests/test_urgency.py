"""The worklist's stored sort keys (ADR 0033) equal the rule they stand for after every change
of a decision's status or plan, and the worklist is ordered by them."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from django.apps import apps as django_apps
from django.utils import timezone

import pytest

from brygga.clients import services
from brygga.clients.constants import DecisionStatus, FollowUpOutcome
from brygga.clients.models import Decision, ImplementationPlan
from brygga.clients.selectors import DecisionFilters, decision_worklist

from .factories import make_client, make_decision

pytestmark = pytest.mark.django_db


def computed(decision: Decision) -> tuple[int, date | None]:
    """The rule as the worklist used to compute it, with a join to the plan."""
    plan = ImplementationPlan.objects.filter(decision=decision).first()
    if decision.status == DecisionStatus.ACTIVE:
        return 0, decision.decision_date
    if decision.status == DecisionStatus.IMPLEMENTED:
        return 1, plan.next_follow_up_on if plan else None
    return 2, decision.ended_on


def assert_stored_equals_computed(decision: Decision) -> None:
    fresh = Decision.objects.get(pk=decision.pk)
    plan = ImplementationPlan.objects.filter(decision=decision).first()
    assert fresh.next_follow_up_on == (plan.next_follow_up_on if plan else None)
    assert (fresh.urgency_rank, fresh.urgency_date) == computed(fresh)


def test_the_stored_urgency_follows_every_transition(organisation, unit, case_officer):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer)
    decision = make_decision(record, case_officer, decision_date=today - timedelta(days=40))
    assert_stored_equals_computed(decision)  # registered: active

    services.implementation_plan_save(
        decision=decision,
        goals="Mål",
        follow_up_interval_months=6,
        next_follow_up_on=today + timedelta(days=30),
        actor=case_officer,
    )
    assert_stored_equals_computed(decision)  # a plan while still active

    services.decision_mark_implemented(
        decision=decision, implemented_on=today - timedelta(days=5), actor=case_officer
    )
    assert_stored_equals_computed(decision)
    assert Decision.objects.get(pk=decision.pk).urgency_date == today + timedelta(days=30)

    services.implementation_plan_save(
        decision=decision,
        goals="Nya mål",
        follow_up_interval_months=3,
        next_follow_up_on=today + timedelta(days=7),
        actor=case_officer,
    )
    assert_stored_equals_computed(decision)  # the plan's date moved

    services.follow_up_record(
        decision=decision, held_on=today, outcome=FollowUpOutcome.CONTINUE, actor=case_officer
    )
    assert_stored_equals_computed(decision)  # the next follow-up set from the one held
    assert Decision.objects.get(pk=decision.pk).urgency_date > today

    services.follow_up_record(
        decision=decision, held_on=today, outcome=FollowUpOutcome.END, actor=case_officer
    )
    assert_stored_equals_computed(decision)  # no next follow-up
    assert Decision.objects.get(pk=decision.pk).urgency_date is None

    services.decision_mark_ended(
        decision=decision, ended_on=today, reason="Behovet har upphört", actor=case_officer
    )
    assert_stored_equals_computed(decision)
    assert Decision.objects.get(pk=decision.pk).urgency_rank == 2


def test_withdrawal_update_and_a_removed_plan(organisation, unit, case_officer):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer)
    decision = make_decision(record, case_officer, decision_date=today - timedelta(days=20))
    stale = Decision.objects.get(pk=decision.pk)  # read before the plan exists
    plan = services.implementation_plan_save(
        decision=decision,
        goals="Mål",
        follow_up_interval_months=6,
        next_follow_up_on=today + timedelta(days=60),
        actor=case_officer,
    )
    stale.goals = "Ändrade mål"
    stale.save()  # a full save of an old copy must not put the old date back
    assert_stored_equals_computed(decision)

    services.decision_update(decision=decision, fields={"scope_quantity": 3}, actor=case_officer)
    assert_stored_equals_computed(decision)

    plan.delete()
    assert_stored_equals_computed(decision)

    services.decision_mark_ended(
        decision=decision,
        ended_on=today,
        reason="Ansökan återtogs",
        actor=case_officer,
        withdrawn=True,
    )
    assert_stored_equals_computed(decision)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.WITHDRAWN


def test_the_data_migration_copies_the_plans_dates(organisation, unit, case_officer):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer)
    with_plan = make_decision(record, case_officer)
    without_plan = make_decision(record, case_officer)
    services.implementation_plan_save(
        decision=with_plan,
        goals="Mål",
        follow_up_interval_months=6,
        next_follow_up_on=today + timedelta(days=9),
        actor=case_officer,
    )
    Decision.objects.update(next_follow_up_on=None)  # as before the migration
    migration = importlib.import_module("brygga.clients.migrations.0003_decision_urgency")
    migration.copy_plan_dates(django_apps, None)
    assert_stored_equals_computed(with_plan)
    assert_stored_equals_computed(without_plan)
    assert Decision.objects.get(pk=with_plan.pk).next_follow_up_on == today + timedelta(days=9)


def test_the_worklist_sorts_on_the_stored_keys(organisation, unit, case_officer):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer)
    waiting_long = make_decision(record, case_officer, decision_date=today - timedelta(days=90))
    waiting = make_decision(record, case_officer, decision_date=today - timedelta(days=10))
    late_follow_up = make_decision(record, case_officer, decision_date=today - timedelta(days=80))
    early_follow_up = make_decision(record, case_officer, decision_date=today - timedelta(days=70))
    no_plan = make_decision(record, case_officer, decision_date=today - timedelta(days=60))
    ended = make_decision(record, case_officer, decision_date=today - timedelta(days=50))
    for decision, follow_up in ((late_follow_up, 40), (early_follow_up, 5), (no_plan, None)):
        services.decision_mark_implemented(
            decision=decision, implemented_on=today - timedelta(days=1), actor=case_officer
        )
        if follow_up is not None:
            services.implementation_plan_save(
                decision=decision,
                goals="Mål",
                follow_up_interval_months=6,
                next_follow_up_on=today + timedelta(days=follow_up),
                actor=case_officer,
            )
    services.decision_mark_ended(decision=ended, ended_on=today, reason="Flytt", actor=case_officer)
    rows = [d.pk for d in decision_worklist(user=case_officer, today=today)]
    assert rows == [
        waiting_long.pk,
        waiting.pk,
        early_follow_up.pk,
        late_follow_up.pk,
        no_plan.pk,  # no next follow-up: last of the implemented
    ]
    closed = decision_worklist(user=case_officer, filters=DecisionFilters(status="ended"))
    assert [d.pk for d in closed] == [ended.pk]
