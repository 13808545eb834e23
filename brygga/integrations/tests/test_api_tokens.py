"""API tokens: created hashed and shown once, scopes enforced per view (403, audited),
revoked or expired tokens refused (401), unit scope through the service user."""

from __future__ import annotations

from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

import pytest

from brygga.accounts.api_auth import HasApiScope
from brygga.accounts.api_scopes import SCOPES_BY_CODE
from brygga.accounts.api_tokens import api_token_create, api_token_revoke, token_hash
from brygga.accounts.models import ApiToken, User
from brygga.accounts.selectors import staff_list_for_organisation
from brygga.accounts.tests.factories import UnitFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.carers.tests.factories import make_carer
from brygga.clients.tests.factories import make_client

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def token(organisation, unit, administrator):
    return api_token_create(
        organisation=organisation,
        name="Verksamhetssystemet",
        scopes=["read:clients"],
        units=[unit],
        actor=administrator,
    )


def test_token_is_stored_hashed_and_acts_as_a_service_user(token, organisation, unit):
    row, raw = token
    assert raw.startswith(f"brygga_{row.prefix}_") and len(raw) > 40
    assert row.token_hash == token_hash(raw) and raw not in row.token_hash
    service = row.service_user
    assert service.kind == "staff" and not service.has_usable_password()
    assert list(service.units.all()) == [unit]
    assert service.has_perm("clients.view_client")
    assert not service.has_perm("clients.view_all_units")
    assert not service.has_perm("carers.view_carer")
    # Not listed among the people (no case officer drop-down offers a token).
    assert service not in staff_list_for_organisation(organisation_id=organisation.pk)
    created = AuditEvent.objects.get(event_type=AuditEventType.API_TOKEN_CREATED)
    assert created.changes["scopes"] == ["read:clients"] and raw not in str(created.changes)


def test_scoped_call_is_unit_scoped_and_audited_with_the_token_as_actor(
    client, token, organisation, unit, administrator
):
    row, raw = token
    mine = make_client(organisation, unit, administrator, first_name="Inom")
    other_unit = UnitFactory(organisation=organisation, name="Vuxenenheten")
    elsewhere = make_client(organisation, other_unit, administrator, first_name="Utanför")
    body = client.get("/api/v1/clients/", **bearer(raw)).json()
    assert [r["first_name"] for r in body["results"]] == ["Inom"]
    assert client.get(f"/api/v1/clients/{mine.public_id}/", **bearer(raw)).status_code == 200
    assert client.get(f"/api/v1/clients/{elsewhere.public_id}/", **bearer(raw)).status_code == 404
    read = AuditEvent.objects.get(event_type=AuditEventType.CLIENT_RECORD_VIEWED)
    assert read.actor == row.service_user and read.purpose == "Klient hämtad via API"
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.CLIENT_LIST_VIEWED, actor=row.service_user
    ).exists()
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_missing_scope_gets_403_and_the_attempt_is_audited(client, token, organisation):
    row, raw = token
    carer = make_carer(organisation)
    response = client.get(f"/api/v1/carers/{carer.public_id}/", **bearer(raw))
    assert response.status_code == 403, (
        response.json(),
        AuditEvent.objects.values_list("event_type", "changes"),
    )
    assert "behörighet" in response.json()["detail"]
    denied = AuditEvent.objects.get(event_type=AuditEventType.API_SCOPE_DENIED)
    assert denied.actor == row.service_user
    assert denied.changes == {
        "scope": "read:carers",
        "method": "GET",
        "endpoint": "carers-api:carer-detail",
    }
    assert not AuditEvent.objects.filter(event_type=AuditEventType.CARER_RECORD_VIEWED).exists()


def test_revoked_expired_or_unknown_token_gets_401(client, token, administrator):
    row, raw = token
    api_token_revoke(token=row, actor=administrator)
    response = client.get("/api/v1/clients/", **bearer(raw))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not User.objects.get(pk=row.service_user_id).is_active
    refused = AuditEvent.objects.get(event_type=AuditEventType.API_TOKEN_REFUSED)
    assert refused.changes == {"reason": "revoked"}
    assert client.get("/api/v1/clients/", **bearer(raw[:-2] + "xx")).status_code == 401
    assert client.get("/api/v1/clients/", **bearer("nonsense")).status_code == 401


def test_expired_token_gets_401(client, organisation, unit, administrator):
    row, raw = api_token_create(
        organisation=organisation,
        name="Kort",
        scopes=["read:clients"],
        units=[unit],
        expires_at=timezone.now() + timedelta(minutes=5),
        actor=administrator,
    )
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/clients/", **bearer(raw)).status_code == 401


def test_staff_session_still_works_and_public_endpoints_ignore_tokens(client, administrator):
    login_staff(client, administrator)
    assert client.get("/api/v1/clients/").status_code == 200
    client.logout()
    assert client.get("/api/v1/clients/").status_code == 401
    assert client.get("/api/v1/open-assignments/").status_code == 200


def _api_views():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    for route, callback in walk(get_resolver().url_patterns):
        view = getattr(callback, "cls", None)
        if route.startswith("api/v1/") and view is not None:
            yield route, view


def test_every_authenticated_api_view_declares_a_known_scope():
    """A new endpoint must say which scope a token needs (docs/api.md, "Add an endpoint")."""
    checked = 0
    for route, view in _api_views():
        if view.authentication_classes == [] or route.startswith("api/v1/schema"):
            continue  # public: open to all, tokens play no part
        assert HasApiScope in view.permission_classes, route
        declared = view.api_scope
        scopes = declared.values() if isinstance(declared, dict) else [declared]
        assert all(scope in SCOPES_BY_CODE for scope in scopes), route
        checked += 1
    assert checked >= 13


def test_token_page_creates_shows_once_and_revokes(client, administrator, unit, case_officer):
    login_staff(client, case_officer)
    assert client.get("/personal/integrationer/api-nycklar/").status_code == 403
    login_staff(client, administrator)
    page = client.get("/personal/integrationer/api-nycklar/")
    assert page.status_code == 200
    bad = client.post("/personal/integrationer/api-nycklar/", {"name": "Löner"})
    assert "Välj minst en behörighet." in bad.content.decode() or bad.status_code == 200
    assert not ApiToken.objects.exists()
    created = client.post(
        "/personal/integrationer/api-nycklar/",
        {"name": "Lönesystemet", "scopes": ["read:carers"], "units": [unit.pk]},
    )
    assert created.status_code == 200 and created["Cache-Control"] == "no-store"
    row = ApiToken.objects.get()
    raw = created.context["raw_token"]
    assert raw in created.content.decode() and row.token_hash == token_hash(raw)
    listing = client.get("/personal/integrationer/api-nycklar/").content.decode()
    assert "Lönesystemet" in listing and raw not in listing
    client.post(f"/personal/integrationer/api-nycklar/{row.public_id}/aterkalla/")
    row.refresh_from_db()
    assert row.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/carers/", **bearer(raw)).status_code == 401
