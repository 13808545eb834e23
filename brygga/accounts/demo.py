"""The demo municipality's organisation, units and staff (one user per role).

Everything here is fictional. Later apps add their own demo data through `demo_data` hooks
in the `seed_demo_data` command.
"""

from __future__ import annotations

from dataclasses import dataclass

from .constants import Role
from .models import Organisation, Unit, User
from .services import user_create_staff, user_get_or_create_public

DEMO_PASSWORD = "demo-ekby-2026"


@dataclass(frozen=True)
class DemoStaff:
    email: str
    first_name: str
    last_name: str
    title: str
    roles: tuple[Role, ...]
    units: tuple[str, ...]


UNITS = [
    (
        "Kontaktverksamheten",
        "Kontaktverksamheten, Storgatan 12, Ekby",
        "0123-456 70",
        "Telefontid vardagar 8.30–10.00 och 13.00–14.30",
    ),
    (
        "Barn och unga",
        "Socialkontoret, Storgatan 12, Ekby",
        "0123-456 80",
        "Telefontid vardagar 8.30–12.00",
    ),
    (
        "Vuxenenheten",
        "Socialkontoret, Storgatan 12, Ekby",
        "0123-456 85",
        "Telefontid vardagar 9.00–11.00",
    ),
    (
        "LSS-enheten",
        "Kommunhuset, Torget 1, Ekby",
        "0123-456 90",
        "Telefontid vardagar 10.00–12.00",
    ),
    ("Ekonomiavdelningen", "Kommunhuset, Torget 1, Ekby", "0123-456 00", "Vardagar 8.00–16.00"),
]

STAFF = [
    DemoStaff(
        "kontaktsekreterare@ekby.example",
        "Karin",
        "Lind",
        "Kontaktsekreterare",
        (Role.RECRUITMENT_OFFICER,),
        ("Kontaktverksamheten",),
    ),
    DemoStaff(
        "handlaggare@ekby.example",
        "Hassan",
        "Berg",
        "Socialsekreterare",
        (Role.CASE_OFFICER,),
        ("Barn och unga",),
    ),
    DemoStaff(
        "handlaggare.vuxen@ekby.example",
        "Vera",
        "Holm",
        "Biståndshandläggare",
        (Role.CASE_OFFICER,),
        ("Vuxenenheten", "LSS-enheten"),
    ),
    DemoStaff(
        "ekonomi@ekby.example",
        "Elin",
        "Sjöberg",
        "Ekonomihandläggare",
        (Role.FINANCE_OFFICER,),
        ("Ekonomiavdelningen",),
    ),
    DemoStaff(
        "chef@ekby.example",
        "Maria",
        "Ek",
        "Enhetschef",
        (Role.MANAGER,),
        ("Kontaktverksamheten", "Barn och unga"),
    ),
    DemoStaff(
        "admin@ekby.example", "Adam", "Strand", "Systemförvaltare", (Role.ADMINISTRATOR,), ()
    ),
]

PUBLIC = [
    ("sokande@ekby.example", "Sara", "Testsson"),
    ("uppdragstagare@ekby.example", "Olle", "Provsson"),
]


def create_demo_accounts() -> Organisation:
    organisation = Organisation.objects.create(
        name="Ekby kommun",
        organisation_number="212000-0000",
        email="kontaktverksamheten@ekby.example",
        phone="0123-456 70",
        website="https://ekby.example",
    )
    units = {}
    for name, address, phone, hours in UNITS:
        units[name] = Unit.objects.create(
            organisation=organisation,
            name=name,
            visiting_address=address,
            phone=phone,
            opening_hours=hours,
            email=f"{name.split()[0].lower()}@ekby.example",
        )
    for staff in STAFF:
        user_create_staff(
            organisation=organisation,
            email=staff.email,
            first_name=staff.first_name,
            last_name=staff.last_name,
            title=staff.title,
            roles=staff.roles,
            units=[units[name] for name in staff.units],
            password=DEMO_PASSWORD,
            actor=None,
        )
    for email, first_name, last_name in PUBLIC:
        user_get_or_create_public(
            organisation=organisation,
            email=email,
            first_name=first_name,
            last_name=last_name,
            actor=None,
        )
    return organisation


def demo_logins() -> list[tuple[str, str]]:
    return [(", ".join(str(r.label) for r in s.roles), s.email) for s in STAFF]


def demo_public_logins() -> list[str]:
    return [email for email, _first, _last in PUBLIC]


def demo_exists() -> bool:
    return User.objects.filter(email=STAFF[0].email).exists()
