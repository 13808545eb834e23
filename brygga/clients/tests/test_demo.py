"""The demo clients: fictional, across units, all seven types, waiting times of all kinds."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.catalogue.models import AssignmentType
from brygga.clients.constants import DecisionStatus, IdentifierKind
from brygga.clients.demo import create_demo_clients
from brygga.clients.models import Client, Decision, FollowUp, ImplementationPlan

pytestmark = pytest.mark.django_db


def test_demo_clients_cover_units_types_and_deadlines():
    organisation = create_demo_accounts()
    clients = create_demo_clients(organisation)
    assert len(clients) == 60
    assert set(Client.objects.values_list("unit__name", flat=True)) == {
        "Barn och unga",
        "Vuxenenheten",
        "LSS-enheten",
    }
    for client in Client.objects.exclude(identifier_kind=IdentifierKind.RESERVE):
        assert client.identifier[9:12] in {str(n) for n in range(980, 1000)}
    assert Client.objects.filter(identifier_kind=IdentifierKind.RESERVE).count() == 3
    assert Client.objects.filter(protected_identity=True).count() >= 5
    assert set(Decision.objects.values_list("assignment_type__code", flat=True)) == set(
        AssignmentType.objects.values_list("code", flat=True)
    )
    assert set(Decision.objects.values_list("status", flat=True)) == {DecisionStatus.ACTIVE}
    today = timezone.localdate()
    waiting_long = [d for d in Decision.objects.all() if d.reportable_on <= today]
    soon = [d for d in Decision.objects.all() if d.reportable_soon]
    recent = Decision.objects.filter(decision_date__gte=today - timedelta(days=30))
    assert len(waiting_long) >= 10 and len(soon) >= 3 and recent.count() >= 10
    assert Decision.objects.filter(legal_basis__sfs_number="2001:453").exists()
    assert ImplementationPlan.objects.exists() and FollowUp.objects.exists()
    for guardian_email in Client.objects.values_list("guardians__email", flat=True):
        assert not guardian_email or guardian_email.endswith("@ekby.example")
