from __future__ import annotations

from typing import Any

from brygga.accounts.models import Organisation
from brygga.applicants.constants import CONSENT_KINDS
from brygga.applicants.models import InterestRegistration
from brygga.applicants.services import RegistrationData, interest_registration_submit
from brygga.catalogue.models import AssignmentType

# Skatteverket's published test personnummer.
TEST_PNR = "191212121212"


def registration_data(**overrides: Any) -> RegistrationData:
    values: dict[str, Any] = {
        "personal_identity_number": TEST_PNR,
        "first_name": "Tolvan",
        "last_name": "Tolvansson",
        "street_address": "Provgatan 1",
        "postal_code": "123 45",
        "city": "Ekby",
        "phone": "070-123 45 67",
        "email": "tolvan@test.example",
        "assignment_types": [AssignmentType.objects.get(code="kontaktperson")],
        "target_groups": [],
        "consents": [k.value for k in CONSENT_KINDS],
        "privacy_notice_acknowledged": True,
        "answers": {"motivation": "Jag vill hjälpa till."},
    }
    values.update(overrides)
    return RegistrationData(**values)


def submit_registration(organisation: Organisation, **overrides: Any) -> InterestRegistration:
    return interest_registration_submit(
        organisation=organisation, data=registration_data(**overrides)
    )
