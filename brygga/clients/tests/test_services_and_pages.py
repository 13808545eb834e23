"""Services (validation in Swedish next to the fields, audit), the worklist's order and query
count, and the pages' forms."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.clients import services
from brygga.clients.constants import Consent, DecisionStatus, FollowUpOutcome, IdentifierKind, Sex
from brygga.clients.models import Client, Decision
from brygga.clients.selectors import (
    DecisionFilters,
    decision_worklist,
    follow_ups_due,
    reportable_soon,
)

from .factories import basis_for, make_client, make_decision, next_test_number

pytestmark = pytest.mark.django_db


def test_register_client_from_a_reserve_number(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer, identifier="20160101-TF13")
    assert (client.identifier_kind, client.sex, client.birth_date.year) == (
        IdentifierKind.RESERVE,
        Sex.MALE,
        2016,
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.CLIENT_REGISTERED)
    assert event.person_id == str(client.public_id)
    assert "20160101" not in str(event.changes)


def test_register_client_refuses_with_swedish_messages_per_field(organisation, unit, case_officer):
    make_client(organisation, unit, case_officer, identifier="20160101-T124")
    with pytest.raises(ValidationError) as caught:
        services.client_register(
            organisation=organisation,
            unit=unit,
            identifier="20160101-T124",
            fields={"first_name": " ", "last_name": "X", "postal_code": "12"},
            actor=case_officer,
        )
    errors = caught.value.message_dict
    assert errors["identifier"] == ["Det finns redan en klient med det numret i organisationen."]
    assert errors["first_name"] == ["Skriv förnamnet."]
    assert "fem siffror" in errors["postal_code"][0]


def test_a_case_officer_registers_only_in_their_own_units(organisation, other_unit, case_officer):
    with pytest.raises(ValidationError) as caught:
        make_client(organisation, other_unit, case_officer)
    assert "dina egna enheter" in caught.value.message_dict["unit"][0]


def test_decision_validation_messages(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer, identifier=next_test_number("20200101"))
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        make_decision(
            client,
            case_officer,
            decision_date=today - timedelta(days=5),
            period_from=today - timedelta(days=5),
            period_to=today - timedelta(days=6),
            scope_quantity=Decimal("0"),
            consent=Consent.CHILD_12_PLUS,
        )
    errors = caught.value.message_dict
    assert errors["period_to"] == ["Perioden kan inte sluta innan den börjar."]
    assert errors["scope_quantity"] == ["Omfattningen måste vara större än noll."]
    assert errors["consent"] == ["Barnet var yngre än 12 år på beslutsdatumet."]
    with pytest.raises(ValidationError) as caught:
        make_decision(client, case_officer, decision_date=today + timedelta(days=1))
    assert "framtiden" in caught.value.message_dict["decision_date"][0]
    with pytest.raises(ValidationError) as caught:
        make_decision(client, case_officer, consent=Consent.NOT_REQUIRED_LVU)
    assert "22 § LVU" in caught.value.message_dict["consent"][0]


def test_implemented_and_ended_by_the_assignments_app(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer)
    decision = make_decision(
        client, case_officer, decision_date=timezone.localdate() - timedelta(days=40)
    )
    with pytest.raises(ValidationError):
        services.decision_mark_implemented(
            decision=decision,
            implemented_on=decision.decision_date - timedelta(days=1),
            actor=case_officer,
        )
    services.decision_mark_implemented(
        decision=decision,
        implemented_on=decision.decision_date + timedelta(days=30),
        actor=case_officer,
    )
    decision.refresh_from_db()
    assert (decision.status, decision.waiting_days) == (DecisionStatus.IMPLEMENTED, 30)
    with pytest.raises(services.DecisionStateError):
        services.decision_update(decision=decision, fields={"goals": "Nytt"}, actor=case_officer)
    with pytest.raises(services.DecisionStateError):
        services.decision_mark_ended(
            decision=decision,
            ended_on=timezone.localdate(),
            reason="Flytt",
            actor=case_officer,
            withdrawn=True,
        )
    services.decision_mark_ended(
        decision=decision,
        ended_on=timezone.localdate(),
        reason="Behovet har upphört",
        actor=case_officer,
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ENDED
    events = list(
        AuditEvent.objects.filter(subject_id=str(decision.public_id)).values_list(
            "event_type", flat=True
        )
    )
    assert {"decision.registered", "decision.implemented", "decision.ended"} <= set(events)


def test_plan_and_follow_up_set_the_next_follow_up(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer)
    decision = make_decision(
        client, case_officer, decision_date=timezone.localdate() - timedelta(days=200)
    )
    with pytest.raises(ValidationError) as caught:
        services.follow_up_record(
            decision=decision,
            held_on=timezone.localdate(),
            outcome=FollowUpOutcome.CONTINUE,
            actor=case_officer,
        )
    assert "genomförandeplan" in caught.value.message_dict["held_on"][0]
    plan = services.implementation_plan_save(
        decision=decision, goals="Vidga nätverket", follow_up_interval_months=3, actor=case_officer
    )
    assert plan.next_follow_up_on is not None
    held = decision.decision_date + timedelta(days=100)
    services.follow_up_record(
        decision=decision, held_on=held, outcome=FollowUpOutcome.CONTINUE, actor=case_officer
    )
    plan.refresh_from_db()
    assert plan.next_follow_up_on > held
    assert (plan.next_follow_up_on.year * 12 + plan.next_follow_up_on.month) - (
        held.year * 12 + held.month
    ) == 3


def test_worklist_order_flags_and_follow_ups(organisation, unit, case_officer):
    today = timezone.localdate()
    a = make_client(organisation, unit, case_officer, first_name="Ada")
    old = make_decision(a, case_officer, decision_date=today - timedelta(days=150))
    soon = make_decision(a, case_officer, decision_date=today - timedelta(days=75))
    fresh = make_decision(a, case_officer, decision_date=today - timedelta(days=5))
    done = make_decision(a, case_officer, decision_date=today - timedelta(days=60))
    services.decision_mark_implemented(
        decision=done, implemented_on=today - timedelta(days=20), actor=case_officer
    )
    services.implementation_plan_save(
        decision=done,
        goals="Mål",
        follow_up_interval_months=6,
        next_follow_up_on=today + timedelta(days=3),
        actor=case_officer,
    )
    rows = list(decision_worklist(user=case_officer, today=today))
    assert [row.pk for row in rows] == [old.pk, soon.pk, fresh.pk, done.pk]
    by_pk = {row.pk: row for row in rows}
    assert by_pk[old.pk].ivo_passed and not by_pk[old.pk].ivo_soon
    assert by_pk[soon.pk].ivo_soon and not by_pk[soon.pk].ivo_passed
    assert not by_pk[fresh.pk].ivo_soon
    assert by_pk[old.pk].waited.days == 150
    assert by_pk[done.pk].waited.days == 40
    for row in rows:
        assert row.ivo_date == row.reportable_on
        assert row.waited.days == row.waiting_days
    assert [d.pk for d in follow_ups_due(user=case_officer, today=today)] == [done.pk]
    implemented = decision_worklist(
        user=case_officer, filters=DecisionFilters(status="implemented")
    )
    assert [d.pk for d in implemented] == [done.pk]


def test_worklist_costs_the_same_queries_for_few_and_many_rows(
    client, organisation, unit, case_officer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_staff(client, case_officer)
    record = make_client(organisation, unit, case_officer)
    make_decision(record, case_officer)
    client.get(reverse("clients:worklist"))  # the session's first request writes more
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("clients:worklist")).status_code == 200
    for n in range(12):
        other = make_client(organisation, unit, case_officer, first_name=f"Nr{n}")
        decision = make_decision(
            other, case_officer, decision_date=timezone.localdate() - timedelta(days=n * 9)
        )
        services.implementation_plan_save(
            decision=decision,
            goals="Mål",
            follow_up_interval_months=6,
            next_follow_up_on=timezone.localdate() + timedelta(days=1),
            actor=case_officer,
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("clients:worklist"))
    assert page.status_code == 200
    assert "Uppföljningar inom 14 dagar" in page.content.decode()
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as api:
        assert client.get(reverse("clients-api:decision-list")).status_code == 200
    with CaptureQueriesContext(connection) as api_clients:
        assert client.get(reverse("clients-api:client-list")).status_code == 200
    assert len(api) < 20 and len(api_clients) < 20


def test_worklist_shows_waiting_time_and_ivo_date(client, organisation, unit, case_officer):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer, first_name="Vilma")
    decision = make_decision(record, case_officer, decision_date=today - timedelta(days=80))
    login_staff(client, case_officer)
    body = client.get(reverse("clients:worklist")).content.decode()
    assert "Väntat 80 dagar" in body
    assert f"Rapporteras till IVO {decision.reportable_on:%Y-%m-%d}" in body
    assert client.get(reverse("clients:worklist") + "?mina=on").status_code == 200
    assert AuditEvent.objects.filter(event_type=AuditEventType.CLIENT_LIST_VIEWED).count() == 2


def test_worklist_warns_of_decisions_reportable_within_30_days(
    client, organisation, unit, case_officer
):
    today = timezone.localdate()
    record = make_client(organisation, unit, case_officer, first_name="Vilma")
    soon = make_decision(record, case_officer, decision_date=today - timedelta(days=80))
    make_decision(record, case_officer, decision_date=today - timedelta(days=20))  # not yet
    make_decision(record, case_officer, decision_date=today - timedelta(days=100))  # passed
    assert list(reportable_soon(user=case_officer, today=today)) == [soon]
    login_staff(client, case_officer)
    body = client.get(reverse("clients:worklist")).content.decode()
    assert "Blir rapporteringspliktiga till IVO inom 30 dagar" in body
    assert f"rapporteras {soon.reportable_on:%Y-%m-%d} om det inte verkställs innan" in body


def test_decision_form_shows_the_legal_basis_error_next_to_the_field(
    client, organisation, unit, case_officer
):
    record = make_client(organisation, unit, case_officer)
    login_staff(client, case_officer)
    today = timezone.localdate()
    response = client.post(
        reverse("clients:decision-create", args=[record.public_id]),
        {
            "decision_date": "2025-06-30",
            "assignment_type": "kontaktperson",
            "legal_basis": "sol-2025-kontaktperson",
            "scope_quantity": "2",
            "scope_unit": "meetings_per_month",
            "period_from": "2025-07-01",
            "consent": "guardians",
            "consent_recorded_on": "2025-06-20",
            "goals": "Det här får inte försvinna",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_legal_basis_error"' in body
    assert "gällde inte på beslutsdatumet 2025-06-30" in body
    assert "Det här får inte försvinna" in body
    assert not Decision.objects.exists()
    response = client.post(
        reverse("clients:decision-create", args=[record.public_id]),
        {
            "decision_date": today.isoformat(),
            "assignment_type": "kontaktperson",
            "legal_basis": basis_for(today).code,
            "scope_quantity": "1,5",
            "scope_unit": "meetings_per_week",
            "period_from": today.isoformat(),
            "consent": "guardians",
            "consent_recorded_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.scope_quantity == Decimal("1.5")
    assert decision.scope_display == "1,5 träffar per vecka"


def test_client_form_keeps_what_was_typed(client, organisation, unit, case_officer):
    login_staff(client, case_officer)
    response = client.post(
        reverse("clients:client-create"),
        {
            "identifier": "20151301-T123",
            "first_name": "Kvar",
            "last_name": "Ståendesson",
            "unit": unit.pk,
            "interests": "Fotboll",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Datumet i numret finns inte." in body and 'id="id_identifier_error"' in body
    assert "Ståendesson" in body and "Fotboll" in body
    assert not Client.objects.exists()
