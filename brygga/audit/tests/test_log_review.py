"""Loggkontroll: unusual reads flagged, per-staff summary, CSV exports (issue 8 item 2)."""

import csv
import io
from datetime import datetime, timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.exports import safe_cell
from brygga.audit.models import AuditEvent
from brygga.audit.selectors import audit_event_flags, audit_read_summary, burst_members
from brygga.audit.services import audit_record, audit_scrub_personal_data
from brygga.clients.tests.factories import make_client

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())


def test_burst_members_marks_only_reads_inside_a_dense_window():
    times = [T0 + timedelta(minutes=m) for m in (0, 1, 2, 30, 31, 60)]
    assert burst_members(times, window=timedelta(minutes=10), threshold=3) == {0, 1, 2}
    assert burst_members(times, window=timedelta(minutes=10), threshold=4) == set()
    assert burst_members([], window=timedelta(minutes=10), threshold=1) == set()


@pytest.fixture
def other_unit(organisation):
    return UnitFactory(organisation=organisation, name="Vuxenenheten")


@pytest.fixture
def outsider(organisation, other_unit):
    return UserFactory(
        organisation=organisation, roles=[Role.CASE_OFFICER], units=[other_unit], first_name="Otto"
    )


def _read(actor, client, at):
    event = audit_record(
        actor=actor,
        event=AuditEventType.CLIENT_RECORD_VIEWED,
        subject=client,
        person=client,
        purpose="Handläggning",
    )
    # Tests set the time through the database, past the model's append-only guard.
    from django.db.models import QuerySet

    QuerySet.update(AuditEvent.objects.filter(pk=event.pk), occurred_at=at)
    return AuditEvent.objects.get(pk=event.pk)


def test_audit_record_stores_the_persons_unit_and_protected_identity(organisation, unit, manager):
    client = make_client(organisation, unit, manager, protected_identity=True)
    event = audit_record(
        actor=manager, event=AuditEventType.CLIENT_RECORD_VIEWED, subject=client, person=client
    )
    assert event.unit_id == unit.pk
    assert event.protected_identity is True
    staff_event = audit_record(actor=manager, event=AuditEventType.USER_UPDATED, subject=manager)
    assert staff_event.unit_id is None and staff_event.protected_identity is False


@override_settings(AUDIT_BURST_READS=3, AUDIT_BURST_WINDOW=timedelta(minutes=10))
def test_flags_outside_unit_protected_identity_and_burst(organisation, unit, manager, outsider):
    plain = make_client(organisation, unit, manager)
    hidden = make_client(organisation, unit, manager, protected_identity=True)
    own = _read(manager, plain, T0)
    protected = _read(manager, hidden, T0 + timedelta(hours=2))
    burst = [_read(outsider, plain, T0 + timedelta(minutes=m)) for m in (0, 3, 6)]
    lone = _read(outsider, plain, T0 + timedelta(hours=5))
    flags = audit_event_flags([own, protected, *burst, lone])
    assert not flags[own.pk].any
    assert flags[protected.pk].protected_identity and not flags[protected.pk].outside_unit
    assert all(flags[e.pk].burst and flags[e.pk].outside_unit for e in burst)
    assert flags[lone.pk].outside_unit and not flags[lone.pk].burst


@override_settings(AUDIT_BURST_READS=3, AUDIT_BURST_WINDOW=timedelta(minutes=10))
def test_read_summary_counts_per_staff_member(organisation, unit, manager, outsider):
    plain = make_client(organisation, unit, manager)
    hidden = make_client(organisation, unit, manager, protected_identity=True)
    _read(manager, plain, T0)
    _read(manager, hidden, T0 + timedelta(hours=1))
    for m in (0, 2, 4, 40):
        _read(outsider, hidden, T0 + timedelta(minutes=m))
    summaries = audit_read_summary(
        organisation_id=organisation.pk, date_from=T0.date(), date_to=T0.date()
    )
    by_actor = {s.actor: s for s in summaries}
    assert [s.actor for s in summaries] == [outsider, manager]
    assert (by_actor[outsider].reads, by_actor[outsider].outside_unit) == (4, 4)
    assert (by_actor[outsider].protected_identity, by_actor[outsider].in_bursts) == (4, 3)
    assert (by_actor[manager].reads, by_actor[manager].outside_unit) == (2, 0)
    assert by_actor[manager].protected_identity == 1 and not by_actor[manager].in_bursts
    assert by_actor[outsider].unusual and by_actor[manager].unusual


def test_log_review_page_shows_flags_as_text(client, organisation, unit, manager, outsider):
    plain = make_client(organisation, unit, manager, first_name="Pelle")
    _read(outsider, plain, timezone.now())
    login_staff(client, manager)
    html = client.get(reverse("audit:log-review")).content.decode()
    assert "Utanför egen enhet" in html
    assert "Vem har läst" not in html  # the link lives on the person's page


def test_summary_page_and_its_export_are_logged(client, organisation, unit, manager, outsider):
    plain = make_client(organisation, unit, manager)
    _read(outsider, plain, timezone.now())
    login_staff(client, manager)
    response = client.get(reverse("audit:read-summary"))
    assert response.status_code == 200
    assert [s.actor for s in response.context["summaries"]] == [outsider]
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("audit:read-summary-export"), {"date_from": today, "date_to": today}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Användare"
    assert rows[1][1] == outsider.email and rows[1][2] == "1" and rows[1][3] == "1"
    export = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_LOG_EXPORTED)
    assert export.actor == manager and export.changes["export"] == "summary"
    assert export.changes["rows"] == 1


def test_event_export_follows_the_filters_and_is_logged(client, organisation, unit, manager):
    plain = make_client(organisation, unit, manager, first_name="Pelle")
    login_staff(client, manager)
    person = f"clients.client:{plain.public_id}"
    response = client.get(reverse("audit:log-export"), {"person": person})
    body = response.content.decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2  # header + the registration of the client
    assert rows[1][6] == person
    export = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_LOG_EXPORTED)
    assert export.changes == {"export": "events", "rows": 1, "filters": {"person": person}}


def test_exports_need_the_permission(client, case_officer):
    login_staff(client, case_officer)
    assert client.get(reverse("audit:log-export")).status_code == 403
    assert client.get(reverse("audit:read-summary")).status_code == 403
    assert client.get(reverse("audit:read-summary-export")).status_code == 403


def test_summary_rejects_a_reversed_period_with_message(client, manager):
    login_staff(client, manager)
    response = client.get(
        reverse("audit:read-summary"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "Slutdatumet kan inte vara före startdatumet." in response.content.decode()
    assert 'value="2026-02-01"' in response.content.decode()


def test_csv_cells_cannot_become_formulas():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("-1") == "'-1"
    assert safe_cell("Pelle") == "Pelle"


def test_scrub_blanks_label_and_changes_only_and_is_logged(organisation, unit, manager):
    plain = make_client(organisation, unit, manager, first_name="Pelle")
    event = _read(manager, plain, T0)
    other = audit_record(actor=manager, event=AuditEventType.USER_UPDATED, subject=manager)
    ref = ("clients.client", str(plain.public_id))
    count = audit_scrub_personal_data(
        refs={ref}, actor=None, organisation=organisation, reason="test"
    )
    assert count == AuditEvent.objects.filter(person_id=ref[1]).count() >= 2
    event.refresh_from_db()
    assert event.subject_label == "" and event.changes == {"scrubbed": True}
    assert event.actor == manager and event.person_id == ref[1] and event.purpose == "Handläggning"
    other.refresh_from_db()
    assert other.subject_label
    logged = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_PAYLOAD_SCRUBBED)
    assert logged.changes == {"events": count, "reason": "test"}


def test_an_applicants_page_links_to_the_log_about_them(client, organisation, manager):
    from brygga.applicants.tests.factories import submit_registration

    applicant = submit_registration(organisation).applicant
    login_staff(client, manager)
    html = client.get(reverse("applicants:staff-detail", args=[applicant.public_id])).content
    assert f"?person=applicants.applicant:{applicant.public_id}" in html.decode()
    flagged = AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_RECORD_VIEWED, person_id=str(applicant.public_id)
    ).get()
    assert flagged.unit_id == applicant.unit_id and flagged.protected_identity is False


def test_log_review_can_show_only_unusual_reads(client, organisation, unit, manager, outsider):
    plain = make_client(organisation, unit, manager)
    hidden = make_client(organisation, unit, manager, protected_identity=True)
    own = _read(manager, plain, T0)
    protected = _read(manager, hidden, T0)
    outside = _read(outsider, plain, T0)
    login_staff(client, manager)
    response = client.get(reverse("audit:log-review"), {"unusual": "on"})
    shown = {event.pk for event, _flags in response.context["rows"]}
    assert shown == {protected.pk, outside.pk}
    assert own.pk not in shown
    review = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_LOG_REVIEWED)
    assert review.changes["filters"] == {"unusual": True}
