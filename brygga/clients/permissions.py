"""Who may see and handle clients and decisions.

`access_client` and `access_decision` are the only doors to one client's record: they check
the permission, the organisation and the unit, and log the read with its purpose.
`client_contact_for` is the only place that decides whether a client's address and contact
details (and those of the guardians) may be shown: every page, API and serializer uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

from .models import Client, Decision, FollowUp, Guardian
from .querysets import VIEW_ALL_UNITS, VIEW_CLIENT

__all__ = [
    "ADD_CLIENT",
    "ADD_DECISION",
    "CHANGE_CLIENT",
    "CHANGE_DECISION",
    "VIEW_ALL_UNITS",
    "VIEW_CLIENT",
    "VIEW_PROTECTED_IDENTITY",
    "ClientContact",
    "GuardianContact",
    "access_client",
    "access_decision",
    "can_handle_clients",
    "can_view_clients",
    "client_contact_for",
    "client_list_record_view",
]

ADD_CLIENT = "clients.add_client"
CHANGE_CLIENT = "clients.change_client"
ADD_DECISION = "clients.add_decision"
CHANGE_DECISION = "clients.change_decision"
VIEW_PROTECTED_IDENTITY = "clients.view_protected_identity"


def can_view_clients(user: Any) -> bool:
    return is_staff_user(user) and user.has_perm(VIEW_CLIENT) and user.organisation_id is not None


def can_handle_clients(user: Any) -> bool:
    return can_view_clients(user) and user.has_perm(CHANGE_CLIENT)


def _valid_uuid(public_id: UUID | str) -> None:
    try:
        UUID(str(public_id))
    except ValueError:
        raise Http404 from None


def _decisions_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "decisions",
        queryset=Decision.objects.select_related(
            "assignment_type", "target_group", "legal_basis", "implementation_plan"
        ).order_by("-decision_date", "-id"),
    )


def access_client(*, user: Any, public_id: UUID | str, purpose: str) -> Client:
    """The client `public_id` with guardians and decisions, for a staff member allowed to see
    it; the read is logged once.

    PermissionDenied without `clients.view_client`; Http404 for an unknown id, a client of
    another organisation, or (without `clients.view_all_units`) of a unit the user does not
    belong to, so its existence is not revealed.
    """
    if not can_view_clients(user):
        raise PermissionDenied
    _valid_uuid(public_id)
    client = (
        Client.objects.visible_to(user)
        .select_related("organisation", "unit", "responsible_officer")
        .prefetch_related(
            Prefetch("guardians", queryset=Guardian.objects.order_by("created_at", "id")),
            _decisions_prefetch(),
        )
        .filter(public_id=public_id)
        .first()
    )
    if client is None:
        raise Http404
    audit_record(
        actor=user,
        event=AuditEventType.CLIENT_RECORD_VIEWED,
        subject=client,
        person=client,
        purpose=purpose,
    )
    return client


def access_decision(*, user: Any, public_id: UUID | str, purpose: str) -> Decision:
    """The decision `public_id` with its client, plan and follow-ups, under the same rules as
    `access_client`; the read is logged once (subject the decision, person the client)."""
    if not can_view_clients(user):
        raise PermissionDenied
    _valid_uuid(public_id)
    decision = (
        Decision.objects.visible_to(user)
        .select_related(
            "organisation",
            "client",
            "client__unit",
            "client__responsible_officer",
            "assignment_type",
            "target_group",
            "legal_basis",
            "decided_by",
            "implementation_plan",
            "implementation_plan__updated_by",
        )
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("recorded_by").order_by("-held_on", "-id"),
            )
        )
        .filter(public_id=public_id)
        .first()
    )
    if decision is None:
        raise Http404
    audit_record(
        actor=user,
        event=AuditEventType.DECISION_RECORD_VIEWED,
        subject=decision,
        person=decision.client,
        purpose=purpose,
    )
    return decision


def client_list_record_view(*, user: Any, filters: dict[str, Any], purpose: str) -> None:
    """Record that `user` saw a list of clients or decisions: once per page or API call."""
    audit_record(
        actor=user,
        event=AuditEventType.CLIENT_LIST_VIEWED,
        organisation=user.organisation,
        changes={"filters": filters},
        purpose=purpose,
    )


# --- Protected identity ----------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianContact:
    public_id: UUID
    name: str
    relation: str
    phone: str
    email: str
    street_address: str
    postal_code: str
    city: str


@dataclass(frozen=True)
class ClientContact:
    """What of a client's address and contact details a user may see. With `hidden` true,
    every contact field (the client's and the guardians') is empty."""

    hidden: bool
    street_address: str
    postal_code: str
    city: str
    phone: str
    area: str
    guardians: tuple[GuardianContact, ...]

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, place) if part)


def may_see_contact(user: Any, client: Client) -> bool:
    return not client.protected_identity or bool(user.has_perm(VIEW_PROTECTED_IDENTITY))


def client_contact_for(user: Any, client: Client) -> ClientContact:
    """The client's contact details as `user` may see them: hidden for a client with protected
    identity (skyddade personuppgifter) unless the user holds
    `clients.view_protected_identity`. Uses the prefetched guardians."""
    guardians = list(client.guardians.all())
    if not may_see_contact(user, client):
        return ClientContact(
            hidden=True,
            street_address="",
            postal_code="",
            city="",
            phone="",
            area="",
            guardians=tuple(
                GuardianContact(g.public_id, g.name, g.relation, "", "", "", "", "")
                for g in guardians
            ),
        )
    return ClientContact(
        hidden=False,
        street_address=client.street_address,
        postal_code=client.postal_code,
        city=client.city,
        phone=client.phone,
        area=client.area,
        guardians=tuple(
            GuardianContact(
                g.public_id,
                g.name,
                g.relation,
                g.phone,
                g.email,
                g.street_address,
                g.postal_code,
                g.city,
            )
            for g in guardians
        ),
    )
