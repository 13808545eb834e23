"""Protected identity (skyddade personuppgifter): address, phone, area and the guardians'
contact details are hidden on every page and in the API unless the reader holds
`clients.view_protected_identity`."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.clients import services
from brygga.clients.models import Client
from brygga.clients.permissions import client_contact_for

from .factories import make_client, make_decision

pytestmark = pytest.mark.django_db

SECRETS = [
    "Hemligvägen 7",
    "987 65",
    "Dolda byn",
    "070-999 88 77",
    "Skyddsområdet",
    "0701-11 22 33",
    "mamma@hemlig.example",
    "Gömstigen 3",
]


@pytest.fixture
def protected(organisation, unit, case_officer):
    client = make_client(
        organisation,
        unit,
        case_officer,
        first_name="Skyddad",
        last_name="Exempelsson",
        protected_identity=True,
        street_address="Hemligvägen 7",
        postal_code="98765",
        city="Dolda byn",
        phone="070-999 88 77",
        area="Skyddsområdet",
        guardians=[
            {
                "name": "Mamma Exempelsson",
                "relation": "mamma",
                "phone": "0701-11 22 33",
                "email": "mamma@hemlig.example",
                "street_address": "Gömstigen 3",
            }
        ],
    )
    make_decision(client, case_officer)
    return client


@pytest.fixture
def allowed_officer(organisation, unit):
    officer = UserFactory(organisation=organisation, roles=[Role.CASE_OFFICER], units=[unit])
    officer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="clients", codename="view_protected_identity"
        )
    )
    return officer


def _pages_and_api(client, record):
    decision = record.decisions.get()
    urls = [
        reverse("clients:client-detail", args=[record.public_id]),
        reverse("clients:client-edit", args=[record.public_id]),
        reverse("clients:guardian-edit", args=[record.public_id, record.guardians.get().public_id]),
        reverse("clients:decision-detail", args=[decision.public_id]),
        reverse("clients:worklist"),
        reverse("clients:client-list"),
        reverse("clients-api:client-list"),
        reverse("clients-api:client-detail", args=[record.public_id]),
        reverse("clients-api:decision-list"),
        reverse("clients-api:decision-detail", args=[decision.public_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_hidden_everywhere_without_the_permission(client, protected, case_officer):
    login_staff(client, case_officer)
    for url, body in _pages_and_api(client, protected):
        for secret in SECRETS:
            assert secret not in body, (url, secret)
    detail = client.get(reverse("clients-api:client-detail", args=[protected.public_id])).json()
    assert detail["contact"]["hidden"] is True
    assert detail["contact"]["guardians"][0]["name"] == "Mamma Exempelsson"
    assert detail["contact"]["guardians"][0]["phone"] == ""


def test_shown_to_a_user_with_the_permission(client, protected, allowed_officer, manager):
    for user in (allowed_officer, manager):
        login_staff(client, user)
        page = client.get(
            reverse("clients:client-detail", args=[protected.public_id])
        ).content.decode()
        for secret in (
            "Hemligvägen 7",
            "Dolda byn",
            "070-999 88 77",
            "Skyddsområdet",
            "mamma@hemlig.example",
        ):
            assert secret in page
        detail = client.get(reverse("clients-api:client-detail", args=[protected.public_id])).json()
        assert detail["contact"]["hidden"] is False
        assert detail["contact"]["street_address"] == "Hemligvägen 7"
        assert detail["contact"]["guardians"][0]["email"] == "mamma@hemlig.example"


def test_an_unprotected_clients_contact_is_shown(organisation, unit, case_officer):
    record = make_client(organisation, unit, case_officer, street_address="Öppna gatan 1")
    contact = client_contact_for(case_officer, record)
    assert (contact.hidden, contact.street_address) == (False, "Öppna gatan 1")


def test_a_user_who_may_not_see_them_cannot_change_them(client, protected, case_officer):
    login_staff(client, case_officer)
    response = client.post(
        reverse("clients:client-edit", args=[protected.public_id]),
        {
            "identifier": protected.identifier,
            "first_name": "Skyddad",
            "last_name": "Ändradsson",
            "unit": protected.unit_id,
            "protected_identity": "on",
            "street_address": "Ny gata 1",
        },
    )
    assert response.status_code == 302
    protected.refresh_from_db()
    assert (protected.last_name, protected.street_address) == ("Ändradsson", "Hemligvägen 7")
    services.guardian_update(
        guardian=protected.guardians.get(), fields={"phone": "070-000 00 00"}, actor=case_officer
    )
    assert protected.guardians.get().phone == "0701-11 22 33"


def test_the_serializers_never_read_the_address_fields_directly():
    from pathlib import Path

    source = (Path(__file__).parents[1] / "api" / "serializers.py").read_text()
    for name in ("street_address", "phone", "area"):
        assert (
            f'"{name}"'
            not in source.split("class ClientListSerializer")[1].split(
                "class ImplementationPlanSerializer"
            )[0]
        )
    assert Client._meta.get_field("protected_identity")
