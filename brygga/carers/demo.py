"""Demo carers and training for Ekby kommun. Fictional people, Skatteverket's test personnummer.

About 40 carers across all assignment types, target groups, areas and languages; some paused,
one deregistered, a few with approvals or extracts for work with children that expire within
60 days. The demo public account uppdragstagare@ekby.example is one of them.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.accounts.services import user_get_or_create_public
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.testdata import make_test_personnummer

from .constants import Availability, CheckKind, CheckOutcome, Frequency, TrainingKind
from .models import Carer, CarerApproval, TrainingSignup
from .services import (
    ApprovalSpec,
    CarerPerson,
    CheckSpec,
    carer_create_from_investigation,
    carer_deregister,
    carer_pause,
    training_attendance_record,
    training_session_create,
    training_signup,
)

FIRST_NAMES = [
    "Kim", "Alex", "Robin", "Sam", "Charlie", "Kim", "Noa", "Love", "Eli", "Mio",
    "Vide", "Tove", "Ines", "Omar", "Leyla", "Hamid", "Sahra", "Aino", "Mirza", "Selam",
]  # fmt: skip
LAST_NAMES = [
    "Exempelsson", "Provberg", "Testlund", "Demoström", "Fiktivsson", "Påhittad",
    "Låtsasson", "Modellsson", "Övningsberg", "Skissdal",
]  # fmt: skip
AREAS = [
    ("Centrum", "123 4", "Storgatan"),
    ("Norra Ekby", "123 7", "Norra vägen"),
    ("Ekbyhamn", "124 3", "Hamngatan"),
    ("Västra Ekby", "124 6", "Västerled"),
    ("Lunden", "125 1", "Lundstigen"),
]
LANGUAGES = [
    ["svenska"],
    ["svenska", "arabiska"],
    ["svenska", "somaliska"],
    ["svenska", "persiska"],
    ["svenska", "engelska"],
    ["svenska", "finska"],
    ["svenska", "bosniska"],
    ["svenska", "tigrinja", "engelska"],
]
# (assignment type, target group): every type, every group.
APPROVALS = [
    ("kontaktperson", "barn-och-unga"),
    ("kontaktperson", "vuxna"),
    ("kontaktfamilj", "barn-och-unga"),
    ("stodfamilj", "funktionsnedsattning"),
    ("ledsagare", "funktionsnedsattning"),
    ("avlosare", "funktionsnedsattning"),
    ("umgangesstod", "barn-och-unga"),
    ("skkp", "barn-och-unga"),
    ("kontaktperson", "aldre"),
    ("ledsagare", "aldre"),
]
INTERESTS = [
    "Friluftsliv och fiske",
    "Fotboll och bad",
    "Musik, gitarr och körsång",
    "Matlagning och bakning",
    "Bibliotek, spel och schack",
    "Hästar och natur",
    "Film och teckning",
    "Promenader och fika",
]
AVAILABILITY = [
    [Availability.WEEKDAY_EVENINGS],
    [Availability.WEEKENDS],
    [Availability.WEEKDAY_DAYTIME, Availability.WEEKDAY_EVENINGS],
    [Availability.WEEKDAY_EVENINGS, Availability.WEEKENDS],
]
CHILD_GROUP = "barn-och-unga"
LSS_TYPES = {"stodfamilj", "ledsagare", "avlosare"}
CARER_COUNT = 40


def _checks(index: int, types: list[tuple[str, str]], today: date) -> list[CheckSpec]:
    approved = today - timedelta(days=40 + 11 * index)
    base = [
        CheckSpec(kind, approved - timedelta(days=20), approved - timedelta(days=14), outcome)
        for kind, outcome in [
            (CheckKind.CRIMINAL_RECORD, CheckOutcome.NO_ENTRY),
            (CheckKind.SUSPICION_REGISTER, CheckOutcome.NO_ENTRY),
            (
                CheckKind.SOCIAL_SERVICES,
                CheckOutcome.ENTRY_NO_OBSTACLE if index % 13 == 7 else CheckOutcome.NO_ENTRY,
            ),
            (CheckKind.ENFORCEMENT_AUTHORITY, CheckOutcome.NO_ENTRY),
        ]
    ]
    children = any(group == CHILD_GROUP for _type, group in types)
    lss = any(code in LSS_TYPES for code, _group in types)
    if children or lss:
        # Most extracts are a few months old; every ninth is about to turn one year old.
        age = 320 + index % 30 if index % 9 == 4 else 30 + (index * 7) % 250
        extract = today - timedelta(days=age)
        kind = CheckKind.LSS_EXTRACT_2010_479 if lss else CheckKind.CHILDREN_EXTRACT_2013_852
        base.append(CheckSpec(kind, extract, extract + timedelta(days=3), CheckOutcome.NO_ENTRY))
    return base


def create_demo_carers(organisation: Organisation) -> list[Carer]:
    today = timezone.localdate()
    delegate = User.objects.filter(organisation=organisation, email="chef@ekby.example").first()
    types = {t.code: t for t in AssignmentType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    carers: list[Carer] = []
    for index in range(CARER_COUNT):
        if index == 0:
            first, last, email = "Olle", "Provsson", "uppdragstagare@ekby.example"
        else:
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            last = LAST_NAMES[(index * 3) % len(LAST_NAMES)]
            email = f"{first.lower()}.{last.lower()}{index}@ekby.example".translate(
                str.maketrans("åäö", "aao")
            )
        birth = date(1955 + index % 40, 1 + index % 12, 1 + (index * 5) % 28)
        city, postal_prefix, street = AREAS[index % len(AREAS)]
        person = CarerPerson(
            personal_identity_number=make_test_personnummer(
                birth.strftime("%Y%m%d"), f"{980 + index % 20}"
            ),
            first_name=first,
            last_name=last,
            birth_date=birth,
            street_address=f"{street} {index + 1}",
            postal_code=f"{postal_prefix}{index % 10}",
            city=city,
            phone=f"070-000 {index:02d} {index:02d}",
            email=email,
            languages=LANGUAGES[index % len(LANGUAGES)],
            has_driving_licence=index % 3 != 2,
            has_car=index % 3 == 0,
            interests=INTERESTS[index % len(INTERESTS)],
            preferred_client_age_min=6 if index % 4 == 0 else None,
            preferred_client_age_max=17 if index % 4 == 0 else None,
            max_concurrent_assignments=1 + index % 3,
            availability=[str(a) for a in AVAILABILITY[index % len(AVAILABILITY)]],
            frequency=list(Frequency)[index % len(Frequency)],
        )
        chosen = [APPROVALS[index % len(APPROVALS)]]
        if index % 5 == 2:
            chosen.append(APPROVALS[(index + 3) % len(APPROVALS)])
        # Every eleventh approval is time-limited and ends within a month.
        valid_until = today + timedelta(days=10 + index % 20) if index % 11 == 3 else None
        user = user_get_or_create_public(
            organisation=organisation, email=email, first_name=first, last_name=last, actor=None
        )
        carer = carer_create_from_investigation(
            organisation=organisation,
            user=user,
            person=person,
            approvals=[
                ApprovalSpec(types[code], groups[group], valid_until) for code, group in chosen
            ],
            checks=_checks(index, chosen, today),
            decision_reference=f"SN {today.year - (index % 3)}/{100 + index}",
            source_applicant_ref=None,
            actor=delegate,
        )
        # The decisions were made over the past year and a half (demo history).
        approved_on = today - timedelta(days=40 + 11 * index)
        CarerApproval.objects.filter(carer=carer).update(approved_on=approved_on)
        if index % 8 == 5:
            carer_pause(carer=carer, reason="Tar en paus över sommaren", actor=delegate)
        if index == CARER_COUNT - 1:
            carer_deregister(carer=carer, reason="Har flyttat från kommunen", actor=delegate)
        carers.append(carer)
    _create_demo_training(organisation, carers, delegate, types)
    return carers


def _create_demo_training(
    organisation: Organisation,
    carers: list[Carer],
    delegate: User | None,
    types: dict[str, AssignmentType],
) -> None:
    if delegate is None:
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    past_start = now - timedelta(days=45)
    past = training_session_create(
        organisation=organisation,
        fields={
            "title": "Introduktion för nya uppdragstagare",
            "kind": TrainingKind.INTRO,
            "starts_at": past_start.replace(hour=17),
            "ends_at": past_start.replace(hour=20),
            "location": "Kommunhuset, Torget 1, Ekby",
            "capacity": 20,
            "description": "Uppdraget, tystnadsplikt, anmälningsplikt och ersättning.",
            "published": True,
        },
        actor=delegate,
    )
    # Sign-ups for a session that has already taken place (the service only takes future ones).
    for carer in carers[:10]:
        TrainingSignup.objects.create(
            session=past, user=carer.user, signed_up_at=past_start - timedelta(days=14)
        )
    training_attendance_record(
        session=past, attended_user_ids=[c.user_id for c in carers[:8]], actor=delegate
    )

    upcoming_start = now + timedelta(days=21)
    upcoming = training_session_create(
        organisation=organisation,
        fields={
            "title": "Introduktion för nya uppdragstagare",
            "kind": TrainingKind.INTRO,
            "starts_at": upcoming_start.replace(hour=17),
            "ends_at": upcoming_start.replace(hour=20),
            "location": "Kommunhuset, Torget 1, Ekby",
            "capacity": 20,
            "description": "Uppdraget, tystnadsplikt, anmälningsplikt och ersättning.",
            "published": True,
        },
        actor=delegate,
    )
    for carer in carers[10:14]:
        training_signup(session=upcoming, user=carer.user)

    further_start = now + timedelta(days=35)
    further = training_session_create(
        organisation=organisation,
        fields={
            "title": "Fortbildning: att möta unga i kris",
            "kind": TrainingKind.FURTHER,
            "starts_at": further_start.replace(hour=18),
            "ends_at": further_start.replace(hour=20),
            "link_url": "https://mote.ekby.example/fortbildning",
            "capacity": 4,
            "description": "Digital kväll för kontaktpersoner och SKKP.",
            "published": True,
        },
        assignment_types=[types["kontaktperson"], types["skkp"]],
        actor=delegate,
    )
    for carer in carers[14:18]:
        training_signup(session=further, user=carer.user)
