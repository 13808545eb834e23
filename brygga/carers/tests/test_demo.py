"""The demo carers: every type, group and area; test personnummer only; pages render."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

import pytest

from brygga.accounts.models import User
from brygga.accounts.tests.helpers import login_staff
from brygga.carers.constants import CarerStatus, TrainingKind
from brygga.carers.models import Carer, CarerApproval, TrainingSession
from brygga.carers.selectors import carer_list_expiring, training_attended
from brygga.catalogue.models import AssignmentType, TargetGroup

pytestmark = pytest.mark.django_db


def test_seed_demo_data_creates_the_carer_pool(client):
    call_command("seed_demo_data")
    # The 40 of the carers demo, plus the applicant the recruitment demo approves.
    carers = Carer.objects.filter(source_applicant_ref__isnull=True)
    assert carers.count() == 40
    assert Carer.objects.filter(source_applicant_ref__isnull=False).count() == 1
    approvals = CarerApproval.objects.all()
    assert set(approvals.values_list("assignment_type__code", flat=True)) == set(
        AssignmentType.objects.values_list("code", flat=True)
    )
    assert set(approvals.values_list("target_group__code", flat=True)) == set(
        TargetGroup.objects.values_list("code", flat=True)
    )
    assert {c.city for c in carers} == {
        "Centrum",
        "Norra Ekby",
        "Ekbyhamn",
        "Västra Ekby",
        "Lunden",
    }
    assert {lang for c in carers for lang in c.languages} >= {"arabiska", "tigrinja", "bosniska"}
    assert carers.filter(status=CarerStatus.PAUSED).exists()
    assert carers.filter(status=CarerStatus.DEREGISTERED).count() == 1
    # Skatteverket's test series only: birth numbers 980–999
    assert all("980" <= c.personal_identity_number[8:11] <= "999" for c in carers)
    assert all(c.email.endswith("@ekby.example") for c in carers)
    olle = carers.get(user__email="uppdragstagare@ekby.example")
    assert olle.full_name == "Olle Provsson"
    organisation = olle.organisation
    expiring = carer_list_expiring(organisation=organisation, within_days=60)
    assert any(row.expiry.is_approval for row in expiring)
    assert any(not row.expiry.is_approval for row in expiring)
    assert TrainingSession.objects.count() == 3
    assert training_attended(user=olle.user, kind=TrainingKind.INTRO)

    recruiter = User.objects.get(email="kontaktsekreterare@ekby.example")
    login_staff(client, recruiter)
    assert client.get(reverse("carers:carer-list")).status_code == 200
    assert client.get(reverse("carers:carer-expiring")).status_code == 200
    assert client.get(reverse("carers:carer-detail", args=[olle.public_id])).status_code == 200
    assert client.get(reverse("carers:training-list")).status_code == 200
    client.force_login(olle.user)
    assert "Fullbokad" in client.get(reverse("accounts:my-pages")).content.decode()
