"""The staff API for carers: permission, organisation scope, filters, audit."""

from __future__ import annotations

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

from .factories import make_carer

pytestmark = pytest.mark.django_db


def test_list_is_scoped_filtered_and_audited_once(client, organisation, other_organisation):
    make_carer(organisation, first_name="Anna", has_car=True, types=("kontaktfamilj",))
    make_carer(organisation, first_name="Bo")
    make_carer(other_organisation, first_name="Främling")
    officer = UserFactory(organisation=organisation, roles=[Role.CASE_OFFICER])
    login_staff(client, officer)
    body = client.get("/api/v1/carers/").json()
    assert sorted(r["first_name"] for r in body["results"]) == ["Anna", "Bo"]
    assert "personal_identity_number" not in body["results"][0]
    body = client.get("/api/v1/carers/", {"bil": "ja", "typ": "kontaktfamilj"}).json()
    assert [r["first_name"] for r in body["results"]] == ["Anna"]
    assert body["results"][0]["approvals"][0]["assignment_type"] == "kontaktfamilj"
    events = AuditEvent.objects.filter(event_type=AuditEventType.CARER_LIST_VIEWED)
    assert events.count() == 2
    assert events.order_by("id").last().changes["filters"]["has_car"] is True


def test_detail_goes_through_the_gatekeeper(client, organisation, other_organisation):
    carer = make_carer(organisation)
    foreign = make_carer(other_organisation)
    officer = UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])
    login_staff(client, officer)
    body = client.get(f"/api/v1/carers/{carer.public_id}/").json()
    assert body["public_id"] == str(carer.public_id)
    assert body["checks"][0]["kind"] == "criminal_record"
    assert "personal_identity_number" not in body
    assert client.get(f"/api/v1/carers/{foreign.public_id}/").status_code == 404
    reads = AuditEvent.objects.filter(event_type=AuditEventType.CARER_RECORD_VIEWED)
    assert reads.count() == 1 and reads.get().purpose == "Uppdragstagare hämtad via API"


def test_refused_without_permission_or_as_public(client, organisation, public_user):
    carer = make_carer(organisation)
    assert client.get("/api/v1/carers/").status_code in {401, 403}
    finance = UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER])
    login_staff(client, finance)
    assert client.get("/api/v1/carers/").status_code == 403
    assert client.get(f"/api/v1/carers/{carer.public_id}/").status_code == 403
    client.force_login(public_user)
    assert client.get("/api/v1/carers/").status_code == 403
    assert not AuditEvent.objects.filter(
        event_type__in=[AuditEventType.CARER_LIST_VIEWED, AuditEventType.CARER_RECORD_VIEWED]
    ).exists()


def test_schema_lists_the_carer_endpoints(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/carers/" in schema and "/api/v1/carers/{public_id}/" in schema
