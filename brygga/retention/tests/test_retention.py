"""Retention (gallring): dated scenarios (issue 8 item 3). Dates move by `as_of`, months or
years after the records were written today."""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from brygga.accounts.tests.factories import UserFactory
from brygga.applicants import services as applicant_services
from brygga.applicants.models import Applicant, ApplicantDocument
from brygga.applicants.tests.factories import submit_registration
from brygga.assignments import services as assignment_services
from brygga.assignments.models import Assignment
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.audit.services import audit_record
from brygga.carers.models import Carer
from brygga.carers.services import carer_deregister
from brygga.carers.tests.factories import make_carer
from brygga.clients.models import Client, Decision
from brygga.clients.services import decision_mark_ended
from brygga.clients.tests.factories import make_client, make_decision
from brygga.core.testdata import make_test_personnummer
from brygga.retention import targets
from brygga.retention.constants import KeptReason, RetentionAnchor, RunTrigger
from brygga.retention.models import DeletionLedgerEntry, RetentionRule, RetentionRun
from brygga.retention.periods import add_months, is_due, retained_until
from brygga.retention.services import ensure_default_rules, retention_dry_run, retention_run
from brygga.retention.tasks import run_retention

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


def months_on(months, days=1):
    return add_months(today(), months) + timedelta(days=days)


# --- Pure date rules --------------------------------------------------------------------------


def test_periods_count_calendar_months_and_calendar_years():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 14) == date(2026, 1, 15)
    assert retained_until(
        date(2024, 3, 1), months=84, anchor=RetentionAnchor.CALENDAR_YEAR_END
    ) == (date(2031, 12, 31))
    assert not is_due(date(2020, 6, 1), months=60, anchor="last_entry", as_of=date(2025, 6, 1))
    assert is_due(date(2020, 6, 1), months=60, anchor="last_entry", as_of=date(2025, 6, 2))


# --- Applicants -------------------------------------------------------------------------------


def _withdrawn_applicant(organisation, actor, **overrides):
    applicant = submit_registration(organisation, **overrides).applicant
    return applicant_services.applicant_withdraw(applicant=applicant, actor=actor, reason="Flyttar")


def test_withdrawn_applicant_past_the_limit_goes_and_one_within_it_stays(
    organisation, manager, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    applicant = _withdrawn_applicant(organisation, manager)
    document = applicant_services.applicant_document_upload(
        applicant=applicant,
        upload=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        kind="cv",
        actor=applicant.user,
    )
    stored = settings.PRIVATE_MEDIA_ROOT / document.stored_name
    assert stored.exists()

    within = retention_dry_run(organisation=organisation, as_of=months_on(12, days=0))
    assert within.removed == 0

    run = retention_run(
        organisation=organisation, as_of=months_on(12), actor=None, trigger=RunTrigger.COMMAND
    )
    assert run.removed == 1 and run.files_removed == 1
    assert not Applicant.objects.filter(pk=applicant.pk).exists()
    assert not ApplicantDocument.objects.exists()
    user = applicant.user
    user.refresh_from_db()
    assert not user.is_active and "Tolvan" not in (user.first_name + user.email)
    entry = DeletionLedgerEntry.objects.get()
    assert (entry.model_label, entry.record_id) == ("applicants.applicant", applicant.pk)
    assert entry.dependents["applicants.applicantdocument"] == 1


def test_files_are_removed_only_after_commit(
    organisation, manager, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    applicant = _withdrawn_applicant(organisation, manager)
    document = applicant_services.applicant_document_upload(
        applicant=applicant,
        upload=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        kind="cv",
        actor=applicant.user,
    )
    stored = settings.PRIVATE_MEDIA_ROOT / document.stored_name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retention_run(
            organisation=organisation, as_of=months_on(13), actor=None, trigger=RunTrigger.TASK
        )
    assert stored.exists() and callbacks
    for callback in callbacks:
        callback()
    assert not stored.exists()


def test_audit_payloads_of_a_removed_person_no_longer_hold_their_name_or_number(
    organisation, manager
):
    applicant = _withdrawn_applicant(organisation, manager)
    audit_record(
        actor=manager,
        event=AuditEventType.APPLICANT_DETAILS_UPDATED,
        subject=applicant,
        person=applicant,
        changes={
            "last_name": ["Testsson", applicant.last_name],
            "pnr": applicant.personal_identity_number,
        },
    )
    ref = str(applicant.public_id)
    pnr, name = applicant.personal_identity_number, applicant.first_name
    about = AuditEvent.objects.filter(person_id=ref)
    assert any(name in e.subject_label for e in about)
    retention_run(
        organisation=organisation, as_of=months_on(13), actor=manager, trigger=RunTrigger.PAGE
    )
    dumped = json.dumps(
        list(AuditEvent.objects.filter(person_id=ref).values("subject_label", "changes"))
    )
    assert AuditEvent.objects.filter(person_id=ref).count() == about.count() > 0
    assert name not in dumped and pnr not in dumped and "Testsson" not in dumped
    # Nor anywhere else in the log: the applicant's account events are scrubbed too.
    everything = json.dumps(list(AuditEvent.objects.values("subject_label", "changes")))
    assert pnr not in everything and "tolvan@test.example" not in everything
    scrub = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_PAYLOAD_SCRUBBED)
    assert scrub.changes["events"] >= about.count()


def test_a_second_run_removes_nothing_more(organisation, manager):
    _withdrawn_applicant(organisation, manager)
    as_of = months_on(13).isoformat()
    first = RetentionRun.objects.get(pk=run_retention.call(organisation.pk, as_of))
    second = RetentionRun.objects.get(pk=run_retention.call(organisation.pk, as_of))
    assert (first.removed, second.removed) == (1, 0)
    assert DeletionLedgerEntry.objects.count() == 1


def test_a_failure_mid_run_leaves_nothing_half_deleted(organisation, manager, monkeypatch):
    first = _withdrawn_applicant(organisation, manager)
    second = _withdrawn_applicant(
        organisation,
        manager,
        personal_identity_number=make_test_personnummer("19800101", "981"),
        email="andra@test.example",
    )
    original = targets.ClosedApplicants.remove
    calls = []

    def remove_then_fail(self, pk):
        calls.append(pk)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, pk)

    monkeypatch.setattr(targets.ClosedApplicants, "remove", remove_then_fail)
    labels_before = list(AuditEvent.objects.order_by("pk").values_list("subject_label", flat=True))
    with pytest.raises(RuntimeError):
        retention_run(
            organisation=organisation, as_of=months_on(13), actor=None, trigger=RunTrigger.TASK
        )
    assert calls == [first.pk, second.pk]
    assert Applicant.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert not RetentionRun.objects.exists() and not DeletionLedgerEntry.objects.exists()
    labels_after = list(AuditEvent.objects.order_by("pk").values_list("subject_label", flat=True))
    assert labels_after == labels_before


# --- Clients and the research exception --------------------------------------------------------


def _ended_client(organisation, unit, actor, born: str):
    client = make_client(
        organisation,
        unit,
        actor,
        identifier=make_test_personnummer(born, "982"),
        first_name="Forskar" if born.endswith("15") else "Vanlig",
    )
    decision = make_decision(client, actor)
    decision_mark_ended(decision=decision, ended_on=today(), reason="Behov upphört", actor=actor)
    return client


def test_ended_client_born_on_the_15th_stays_and_one_born_on_the_14th_goes(
    organisation, unit, manager
):
    kept = _ended_client(organisation, unit, manager, "20100315")
    goes = _ended_client(organisation, unit, manager, "20100314")
    open_client = make_client(
        organisation, unit, manager, identifier=make_test_personnummer("20100314", "983")
    )
    make_decision(open_client, manager)

    assert retention_dry_run(organisation=organisation, as_of=months_on(60, days=0)).removed == 0
    plan = retention_dry_run(organisation=organisation, as_of=months_on(61))
    clients_plan = next(p for p in plan.rules if p.target.key == "clients.ended")
    assert [r.pk for r in clients_plan.removed] == [goes.pk]
    assert [(r.pk, r.kept) for r in clients_plan.kept] == [(kept.pk, KeptReason.RESEARCH)]
    assert Client.objects.filter(pk=goes.pk).exists()  # the dry run changed nothing

    run = retention_run(
        organisation=organisation, as_of=months_on(61), actor=None, trigger=RunTrigger.COMMAND
    )
    assert run.removed == 1
    assert set(Client.objects.values_list("pk", flat=True)) == {kept.pk, open_client.pk}
    assert not Decision.objects.filter(client_id=goes.pk).exists()
    # Ten years on the research client is still there.
    retention_run(
        organisation=organisation, as_of=months_on(120), actor=None, trigger=RunTrigger.COMMAND
    )
    assert Client.objects.filter(pk=kept.pk).exists()


def test_carer_in_a_kept_client_file_is_kept_and_goes_with_the_client_file(
    organisation, unit, case_officer
):
    checks_day = today() - timedelta(days=30)
    from brygga.carers.services import CheckSpec

    checks = [
        CheckSpec(kind, checks_day, checks_day, "no_entry")
        for kind in (
            "criminal_record",
            "suspicion_register",
            "social_services",
            "enforcement_authority",
            "children_extract_2013_852",
        )
    ]
    carer = make_carer(
        organisation,
        types=("kontaktperson",),
        group=None,
        checks=checks,
        birth_date=date(1970, 1, 2),
    )
    client = make_client(
        organisation, unit, case_officer, identifier=make_test_personnummer("20120102", "984")
    )
    decision = make_decision(client, case_officer, decision_date=today() - timedelta(days=40))
    offer = assignment_services.offer_make(
        decision=decision, carer=carer, brief="Kontaktperson.", rank=1, actor=case_officer
    )
    assignment_services.offer_respond(offer=offer, accept=True, note="", actor=carer.user)
    decision_mark_ended(
        decision=decision, ended_on=today(), reason="Behov upphört", actor=case_officer
    )
    carer_deregister(carer=carer, reason="Slutar", actor=case_officer)
    # Keep the client file for now: the carer is named in it.
    ensure_default_rules(organisation)
    RetentionRule.objects.filter(organisation=organisation, target="clients.ended").update(
        is_active=False
    )
    plan = retention_dry_run(organisation=organisation, as_of=months_on(61))
    carers_plan = next(p for p in plan.rules if p.target.key == "carers.ended")
    assert [(r.pk, r.kept) for r in carers_plan.kept] == [(carer.pk, KeptReason.REFERENCED)]

    RetentionRule.objects.filter(organisation=organisation, target="clients.ended").update(
        is_active=True
    )
    run = retention_run(
        organisation=organisation, as_of=months_on(61), actor=None, trigger=RunTrigger.COMMAND
    )
    assert run.removed == 2
    assert not Carer.objects.exists() and not Assignment.objects.exists()
    assert not Client.objects.filter(pk=client.pk).exists()


# --- The ledger -------------------------------------------------------------------------------


def test_the_ledger_holds_no_personal_data(organisation, unit, manager):
    applicant = _withdrawn_applicant(organisation, manager)
    client = _ended_client(organisation, unit, manager, "20100314")
    secrets = [
        applicant.first_name,
        applicant.last_name,
        applicant.personal_identity_number,
        applicant.email,
        str(applicant.public_id),
        client.first_name,
        client.identifier,
        str(client.public_id),
    ]
    run = retention_run(
        organisation=organisation, as_of=months_on(61), actor=manager, trigger=RunTrigger.PAGE
    )
    assert run.removed == 2
    with connection.cursor() as cursor:
        rows = []
        for table in (DeletionLedgerEntry._meta.db_table, RetentionRun._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            rows += cursor.fetchall()
    dumped = repr(rows)
    assert all(secret not in dumped for secret in secrets)
    completed = AuditEvent.objects.get(event_type=AuditEventType.RETENTION_RUN_COMPLETED)
    assert completed.changes["removed"] == {
        "payments.paid": 0,
        "applicants.closed": 1,
        "clients.ended": 1,
        "carers.ended": 0,
    }
    assert all(secret not in json.dumps(completed.changes) for secret in secrets)


def test_default_rules_are_seeded_once_per_organisation(organisation, other_organisation):
    rules = ensure_default_rules(organisation)
    assert {r.target: r.period_months for r in rules} == {
        "payments.paid": 84,
        "applicants.closed": 12,
        "clients.ended": 60,
        "carers.ended": 60,
    }
    assert ensure_default_rules(organisation) == rules
    assert RetentionRule.objects.filter(organisation=other_organisation).count() == 0


def test_command_dry_run_lists_counts_and_ids_and_changes_nothing(organisation, manager, capsys):
    applicant = _withdrawn_applicant(organisation, manager)
    as_of = months_on(13).isoformat()
    call_command("retention_run", "--dry-run", "--as-of", as_of, "--organisation", organisation.pk)
    out = capsys.readouterr().out
    assert f"applicants.closed: 1 gallras (id {applicant.pk})" in out
    assert applicant.last_name not in out
    assert Applicant.objects.filter(pk=applicant.pk).exists()
    call_command("retention_run", "--as-of", as_of)
    assert not Applicant.objects.filter(pk=applicant.pk).exists()
    assert "1 gallrade" in capsys.readouterr().out


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("retention_run", "--as-of", "2026-13-01")


def test_a_staff_user_is_never_anonymised(organisation, manager):
    removal = targets.Removal()
    staff = UserFactory(organisation=organisation)
    targets.anonymise_user(staff, removal)
    staff.refresh_from_db()
    assert staff.is_active and not removal.dependents


def test_deregistered_carer_born_on_the_25th_stays_and_one_born_on_the_24th_goes(
    organisation, manager
):
    kept = make_carer(organisation, birth_date=date(1975, 6, 25))
    goes = make_carer(organisation, birth_date=date(1975, 6, 24))
    for carer in (kept, goes):
        carer_deregister(carer=carer, reason="Slutar", actor=manager)
    run = retention_run(
        organisation=organisation, as_of=months_on(61), actor=None, trigger=RunTrigger.COMMAND
    )
    assert run.removed == 1
    assert list(Carer.objects.values_list("pk", flat=True)) == [kept.pk]
    goes.user.refresh_from_db()
    assert not goes.user.is_active and goes.user.email.endswith("@gallrad.invalid")
    entry = DeletionLedgerEntry.objects.get(model_label="carers.carer")
    assert entry.record_id == goes.pk and entry.dependents["accounts.user.anonymised"] == 1
