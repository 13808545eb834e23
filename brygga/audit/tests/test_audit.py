from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

import pytest

from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent, AuditEventImmutableError
from brygga.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(manager, public_user):
    return audit_record(
        actor=manager,
        event=AuditEventType.USER_RECORD_VIEWED,
        subject=public_user,
        person=public_user,
        purpose="Test",
    )


def test_audit_event_cannot_be_changed(event):
    event.purpose = "Något annat"
    with pytest.raises(AuditEventImmutableError):
        event.save()
    with pytest.raises(AuditEventImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="Något annat")
    with pytest.raises(AuditEventImmutableError):
        AuditEvent.objects.bulk_update([event], ["purpose"])
    assert AuditEvent.objects.get(pk=event.pk).purpose == "Test"


def test_audit_event_cannot_be_deleted(event):
    with pytest.raises(AuditEventImmutableError):
        event.delete()
    with pytest.raises(AuditEventImmutableError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_offers_no_way_to_add_change_or_delete(event, organisation):
    superuser = UserFactory(organisation=organisation, is_superuser=True, is_staff=True)
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = site._registry[AuditEvent]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_audit_record_is_rolled_back_with_its_transaction(manager):
    from django.db import transaction

    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=manager, event=AuditEventType.USER_UPDATED, subject=manager)
        raise RuntimeError
    assert AuditEvent.objects.count() == before


def test_log_review_filters_by_person_and_is_itself_logged(client, manager, public_user, event):
    other = UserFactory(public=True, organisation=manager.organisation)
    audit_record(
        actor=manager, event=AuditEventType.USER_RECORD_VIEWED, subject=other, person=other
    )
    login_staff(client, manager)
    response = client.get(
        reverse("audit:log-review"), {"person": f"accounts.user:{public_user.public_id}"}
    )
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert {e.person_id for e in rows} == {str(public_user.public_id)}
    review = AuditEvent.objects.filter(event_type=AuditEventType.AUDIT_LOG_REVIEWED).get()
    assert review.actor == manager
    assert review.changes["filters"]["person"] == f"accounts.user:{public_user.public_id}"


def test_log_review_filters_by_actor_event_and_period(client, manager, administrator, event):
    audit_record(actor=administrator, event=AuditEventType.USER_UPDATED, subject=administrator)
    login_staff(client, manager)
    response = client.get(
        reverse("audit:log-review"),
        {"actor": administrator.pk, "event_type": [AuditEventType.USER_UPDATED]},
    )
    rows = list(response.context["page"].object_list)
    assert [e.event_type for e in rows] == [AuditEventType.USER_UPDATED]
    response = client.get(
        reverse("audit:log-review"), {"date_from": "2000-01-01", "date_to": "2000-01-02"}
    )
    assert list(response.context["page"].object_list) == []


def test_log_review_rejects_reversed_period_with_message(client, manager):
    login_staff(client, manager)
    response = client.get(
        reverse("audit:log-review"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "Slutdatumet kan inte vara före startdatumet." in response.content.decode()


def test_log_review_shows_only_own_organisation(client, manager, other_organisation):
    stranger = UserFactory(organisation=other_organisation)
    audit_record(actor=stranger, event=AuditEventType.USER_UPDATED, subject=stranger)
    login_staff(client, manager)
    response = client.get(reverse("audit:log-review"))
    assert all(e.organisation_id == manager.organisation_id for e in response.context["page"])
    assert stranger.email not in response.content.decode()


def test_log_review_needs_the_permission(client, case_officer):
    login_staff(client, case_officer)
    assert client.get(reverse("audit:log-review")).status_code == 403


def test_request_id_is_stored_and_returned(client, manager, public_user):
    login_staff(client, manager)
    response = client.get(
        reverse("accounts:user-detail", args=[public_user.public_id]),
        HTTP_X_REQUEST_ID="proxy-req-12345",
    )
    assert response["X-Request-ID"] == "proxy-req-12345"
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_RECORD_VIEWED).latest("id")
    assert event.request_id == "proxy-req-12345"


def test_only_catalogue_events_can_be_recorded(manager):
    with pytest.raises(ValueError):
        audit_record(actor=manager, event="user.invented_event", subject=manager)
    assert not AuditEvent.objects.filter(event_type="user.invented_event").exists()
