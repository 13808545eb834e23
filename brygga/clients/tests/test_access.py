"""Gatekeepers: permission, organisation and unit scope, one audit event per read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.roles import ROLE_PERMISSIONS
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.clients.permissions import access_client, access_decision

from .factories import make_client, make_decision

pytestmark = pytest.mark.django_db


def _reads(event=AuditEventType.CLIENT_RECORD_VIEWED):
    return AuditEvent.objects.filter(event_type=event)


def test_case_officer_opens_a_client_of_their_unit_and_the_read_is_audited_once(
    organisation, unit, case_officer
):
    client = make_client(organisation, unit, case_officer)
    found = access_client(user=case_officer, public_id=client.public_id, purpose="Handläggning")
    assert found == client
    read = _reads().get()
    assert (read.actor, read.person_id, read.purpose) == (
        case_officer,
        str(client.public_id),
        "Handläggning",
    )


def test_a_decision_read_is_audited_once_with_the_client_as_person(
    organisation, unit, case_officer
):
    client = make_client(organisation, unit, case_officer)
    decision = make_decision(client, case_officer)
    assert access_decision(user=case_officer, public_id=decision.public_id, purpose="x") == decision
    read = _reads(AuditEventType.DECISION_RECORD_VIEWED).get()
    assert (read.subject_id, read.person_id) == (str(decision.public_id), str(client.public_id))


def test_case_officer_of_another_unit_gets_not_found(
    organisation, unit, case_officer, other_unit_officer
):
    client = make_client(organisation, unit, case_officer)
    decision = make_decision(client, case_officer)
    with pytest.raises(Http404):
        access_client(user=other_unit_officer, public_id=client.public_id, purpose="x")
    with pytest.raises(Http404):
        access_decision(user=other_unit_officer, public_id=decision.public_id, purpose="x")
    assert not _reads().exists()
    assert not _reads(AuditEventType.DECISION_RECORD_VIEWED).exists()


def test_staff_of_another_organisation_gets_not_found(
    organisation, other_organisation, unit, case_officer
):
    client = make_client(organisation, unit, case_officer)
    decision = make_decision(client, case_officer)
    foreign_unit = UnitFactory(organisation=other_organisation, name="Barn och unga")
    stranger = UserFactory(
        organisation=other_organisation, roles=[Role.CASE_OFFICER], units=[foreign_unit]
    )
    foreign_admin = UserFactory(organisation=other_organisation, roles=[Role.ADMINISTRATOR])
    for user in (stranger, foreign_admin):
        with pytest.raises(Http404):
            access_client(user=user, public_id=client.public_id, purpose="x")
        with pytest.raises(Http404):
            access_decision(user=user, public_id=decision.public_id, purpose="x")
    with pytest.raises(Http404):
        access_client(user=stranger, public_id="inte-ett-id", purpose="x")
    assert not _reads().exists()


def test_manager_sees_their_units_and_administrator_every_unit(
    organisation, unit, other_unit, case_officer, other_unit_officer, manager, administrator
):
    mine = make_client(organisation, unit, case_officer)
    theirs = make_client(organisation, other_unit, other_unit_officer)
    assert access_client(user=manager, public_id=mine.public_id, purpose="x") == mine
    with pytest.raises(Http404):
        access_client(user=manager, public_id=theirs.public_id, purpose="x")
    for client in (mine, theirs):
        assert access_client(user=administrator, public_id=client.public_id, purpose="x") == client


def test_roles_without_the_permission_are_refused(client, organisation, unit, case_officer):
    record = make_client(organisation, unit, case_officer)
    for role in (Role.FINANCE_OFFICER, Role.RECRUITMENT_OFFICER):
        user = UserFactory(organisation=organisation, roles=[role], units=[unit])
        with pytest.raises(PermissionDenied):
            access_client(user=user, public_id=record.public_id, purpose="x")
        login_staff(client, user)
        assert client.get(reverse("clients:worklist")).status_code == 403
        assert (
            client.get(reverse("clients:client-detail", args=[record.public_id])).status_code == 403
        )
        assert client.get(reverse("clients-api:client-list")).status_code == 403
    assert not _reads().exists()


def test_roles_hold_the_client_permissions_as_documented():
    clients = {
        role: {p for p in perms if p.startswith("clients.")}
        for role, perms in ROLE_PERMISSIONS.items()
    }
    view = {"clients.view_client", "clients.view_decision"}
    handle = {
        "clients.add_client",
        "clients.change_client",
        "clients.add_decision",
        "clients.change_decision",
    }
    assert clients[Role.CASE_OFFICER] == view | handle
    assert clients[Role.MANAGER] == view | {"clients.view_protected_identity"}
    assert clients[Role.ADMINISTRATOR] == view | {"clients.view_all_units"}
    assert clients[Role.RECRUITMENT_OFFICER] == set()
    assert clients[Role.FINANCE_OFFICER] == set()


def test_pages_read_through_the_gatekeeper_once(
    client, organisation, unit, case_officer, other_unit_officer
):
    record = make_client(organisation, unit, case_officer)
    decision = make_decision(record, case_officer)
    login_staff(client, case_officer)
    assert client.get(reverse("clients:client-detail", args=[record.public_id])).status_code == 200
    assert _reads().count() == 1
    assert (
        client.get(reverse("clients:decision-detail", args=[decision.public_id])).status_code == 200
    )
    assert _reads(AuditEventType.DECISION_RECORD_VIEWED).count() == 1
    login_staff(client, other_unit_officer)
    assert client.get(reverse("clients:client-detail", args=[record.public_id])).status_code == 404
    assert (
        client.get(reverse("clients:decision-detail", args=[decision.public_id])).status_code == 404
    )
    assert (
        client.get(reverse("clients-api:client-detail", args=[record.public_id])).status_code == 404
    )
    assert (
        client.get(reverse("clients-api:decision-detail", args=[decision.public_id])).status_code
        == 404
    )
