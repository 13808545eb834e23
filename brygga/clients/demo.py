"""Demo clients and decisions for Ekby kommun. Fictional people, Skatteverket's test
personnummer (birth numbers 980–999) and three IVO reserve numbers.

About 60 clients in Barn och unga, Vuxenenheten and LSS-enheten; every seventh with protected
identity; decisions of all seven assignment types with realistic scopes and legal bases, some
waiting more than three months (reportable to IVO), some within the 30-day warning, some
recent; implementation plans and follow-ups for some. Every decision is left `active`: the
assignments app's demo implements some of them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brygga.accounts.models import Organisation, Unit, User
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.testdata import make_test_personnummer

from .constants import Consent, FollowUpOutcome, ScopeUnit
from .identity import age_on
from .models import Client, Decision, LegalBasis
from .selectors import legal_basis_valid_on
from .services import (
    client_register,
    decision_register,
    follow_up_record,
    implementation_plan_save,
)

FIRST_NAMES = [
    "Alva", "Elis", "Maja", "Noel", "Saga", "Vide", "Ebba", "Love", "Tyra", "Melvin",
    "Iris", "Nils", "Juni", "Adam", "Leia", "Yusuf", "Amira", "Ilias", "Nova", "Hugo",
]  # fmt: skip
LAST_NAMES = [
    "Exempelsson", "Provström", "Testberg", "Demodal", "Låtsasson", "Fiktivberg",
    "Påhittsson", "Övningsdal", "Skisslund", "Modellgren",
]  # fmt: skip
AREAS = [
    ("Centrum", "123 4", "Storgatan"),
    ("Norra Ekby", "123 7", "Norra vägen"),
    ("Ekbyhamn", "124 3", "Hamngatan"),
    ("Västra Ekby", "124 6", "Västerled"),
    ("Lunden", "125 1", "Lundstigen"),
]
INTERESTS = [
    "Fotboll och gaming",
    "Rita, måla och pyssla",
    "Ridning och djur",
    "Musik, gitarr",
    "Fiske och friluftsliv",
    "Bakning och matlagning",
    "Simning",
    "Bibliotek och serier",
]
LANGUAGES = [
    ["svenska"],
    ["svenska", "arabiska"],
    ["svenska", "somaliska"],
    ["svenska", "persiska"],
]
RESERVE_NUMBERS = ["20140611-T124", "19910302-TF13", "20080919-T135"]

# (unit, count, officer e-mail, spec) where spec picks type, basis, scope and age per client.
BARN = "Barn och unga"
VUXEN = "Vuxenenheten"
LSS = "LSS-enheten"

# type code -> (scope quantity, scope unit, target group)
SCOPES: dict[str, tuple[str, ScopeUnit, str]] = {
    "kontaktperson": ("2", ScopeUnit.MEETINGS_PER_MONTH, "barn-och-unga"),
    "kontaktfamilj": ("1", ScopeUnit.WEEKENDS_PER_MONTH, "barn-och-unga"),
    "stodfamilj": ("6", ScopeUnit.DAYS_PER_MONTH, "funktionsnedsattning"),
    "ledsagare": ("10", ScopeUnit.HOURS_PER_MONTH, "funktionsnedsattning"),
    "avlosare": ("8", ScopeUnit.HOURS_PER_MONTH, "funktionsnedsattning"),
    "umgangesstod": ("2", ScopeUnit.MEETINGS_PER_MONTH, "barn-och-unga"),
    "skkp": ("10", ScopeUnit.HOURS_PER_WEEK, "barn-och-unga"),
}
# Days before today for the decision dates, in turn: four to six months (reportable to IVO),
# 65–85 days (the IVO date within 30 days), and recent.
DECISION_AGES = [150, 20, 72, 9, 125, 40, 178, 80, 3, 136, 55, 66, 31, 168, 14]


def _legal_basis(type_code: str, on: date, *, adult: bool, lvu: bool, lss: bool) -> LegalBasis:
    valid = legal_basis_valid_on(on)
    if lvu:
        code_prefix = "lvu-22"
    elif type_code == "kontaktperson" and lss:
        code_prefix = "lss-9-4"
    elif type_code == "stodfamilj":
        code_prefix = "lss-9-6"
    elif type_code == "ledsagare":
        code_prefix = "lss-9-3"
    elif type_code == "avlosare":
        code_prefix = "lss-9-5"
    elif type_code == "umgangesstod":
        code_prefix = "fb-6-15c"
    elif type_code == "kontaktperson" and adult:
        code_prefix = "sol-2001-4-1" if on < date(2025, 7, 1) else "sol-2025-bistand"
    else:
        code_prefix = "sol-2001-3-6b" if on < date(2025, 7, 1) else "sol-2025-kontaktperson"
    return valid.get(code=code_prefix)


def _consent(born: date, on: date, *, lvu: bool, lss_adult_for_child: bool) -> Consent:
    if lvu:
        return Consent.NOT_REQUIRED_LVU
    age = age_on(born, on)
    if age >= 18:
        return Consent.ADULT
    if age >= 12 and not lss_adult_for_child:
        return Consent.CHILD_12_PLUS
    return Consent.GUARDIANS


def _plan_for_unit(unit: str, index: int, today: date) -> tuple[str, date, bool]:
    """(assignment type, birth date, lvu) for client number `index` of `unit`."""
    if unit == BARN:
        types = ["kontaktperson", "kontaktfamilj", "kontaktperson", "umgangesstod", "skkp"]
        type_code = types[index % len(types)]
        if type_code == "skkp":
            born = date(2010 + index % 3, 1 + index % 12, 1 + index % 27)
        elif type_code == "kontaktfamilj":
            born = date(2015 + index % 5, 1 + index % 12, 1 + index % 27)
        else:
            born = date(2010 + index % 11, 1 + index % 12, 1 + index % 27)
        return type_code, born, type_code == "skkp" and index % 10 == 4
    if unit == VUXEN:
        return "kontaktperson", date(1950 + (index * 3) % 50, 1 + index % 12, 2 + index % 26), False
    types = ["stodfamilj", "ledsagare", "avlosare", "kontaktperson", "ledsagare"]
    type_code = types[index % len(types)]
    if type_code == "stodfamilj" or (type_code == "avlosare" and index % 2 == 0):
        born = date(2011 + index % 9, 1 + index % 12, 3 + index % 25)
    else:
        born = date(1975 + (index * 7) % 30, 1 + index % 12, 3 + index % 25)
    return type_code, born, False


def _guardians(last_name: str, index: int) -> list[dict[str, Any]]:
    first = {
        "name": f"{['Anna', 'Sara', 'Lina', 'Hanna'][index % 4]} {last_name}",
        "relation": "mamma",
        "phone": f"070-{100 + index:03d} 11 {10 + index % 80:02d}",
        "email": f"vardnadshavare{index}@ekby.example",
    }
    if index % 3:
        return [first]
    second = {
        "name": f"{['Erik', 'Johan', 'Ali', 'Oskar'][index % 4]} {last_name}",
        "relation": "pappa",
        "phone": f"073-{200 + index:03d} 22 {10 + index % 80:02d}",
    }
    return [first, second]


def create_demo_clients(organisation: Organisation) -> list[Client]:
    today = timezone.localdate()
    units = {unit.name: unit for unit in Unit.objects.filter(organisation=organisation)}
    officers = {
        BARN: User.objects.get(email="handlaggare@ekby.example"),
        VUXEN: User.objects.get(email="handlaggare.vuxen@ekby.example"),
        LSS: User.objects.get(email="handlaggare.vuxen@ekby.example"),
    }
    delegate = User.objects.get(email="chef@ekby.example")
    types = {t.code: t for t in AssignmentType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    created: list[Client] = []
    counter = 0
    for unit_name, count in ((BARN, 30), (VUXEN, 15), (LSS, 15)):
        officer = officers[unit_name]
        for index in range(count):
            type_code, born, lvu = _plan_for_unit(unit_name, index, today)
            first = FIRST_NAMES[counter % len(FIRST_NAMES)]
            last = LAST_NAMES[(counter * 3 + index) % len(LAST_NAMES)]
            area, postal, street = AREAS[counter % len(AREAS)]
            if counter in (5, 33, 49):
                identifier = RESERVE_NUMBERS[(5, 33, 49).index(counter)]
            else:
                identifier = make_test_personnummer(
                    born.strftime("%Y%m%d"), str(980 + counter % 20)
                )
            client = client_register(
                organisation=organisation,
                unit=units[unit_name],
                identifier=identifier,
                responsible_officer=officer,
                fields={
                    "first_name": first,
                    "last_name": last,
                    "protected_identity": counter % 7 == 3,
                    "street_address": f"{street} {1 + counter % 40}",
                    "postal_code": f"{postal}{counter % 10}",
                    "city": "Ekby",
                    "phone": f"070-{300 + counter:03d} 44 {10 + counter % 80:02d}",
                    "area": area,
                    "interests": INTERESTS[counter % len(INTERESTS)],
                    "languages": LANGUAGES[counter % len(LANGUAGES)],
                    "carer_gender_wish": ["", "female", "male", ""][counter % 4],
                    "carer_age_min": 25 if counter % 5 == 0 else None,
                    "carer_age_max": 60 if counter % 5 == 0 else None,
                    "matching_notes": "Behöver någon med bil." if counter % 6 == 0 else "",
                },
                guardians=_guardians(last, counter) if age_on(born, today) < 18 else [],
                actor=officer,
            )
            decided = today - timedelta(days=DECISION_AGES[counter % len(DECISION_AGES)])
            if counter == 12:
                decided = date(2025, 3, 14)  # an old decision under SoL (2001:453), still waiting
            decided = max(decided, client.birth_date + timedelta(days=1))
            _decide(client, type_code, decided, lvu, officer, delegate, types, groups, counter)
            created.append(client)
            counter += 1
    return created


def _decide(
    client: Client,
    type_code: str,
    decided: date,
    lvu: bool,
    officer: User,
    delegate: User,
    types: dict[str, AssignmentType],
    groups: dict[str, TargetGroup],
    counter: int,
) -> Decision:
    adult = age_on(client.birth_date, decided) >= 18
    quantity, scope_unit, group = SCOPES[type_code]
    if type_code == "kontaktperson" and counter % 4 == 1:
        quantity, scope_unit = "1", ScopeUnit.MEETINGS_PER_WEEK
    if adult:
        group = "funktionsnedsattning" if client.unit.name == LSS else "vuxna"
    basis = _legal_basis(type_code, decided, adult=adult, lvu=lvu, lss=client.unit.name == LSS)
    consent = _consent(
        client.birth_date, decided, lvu=lvu, lss_adult_for_child=basis.law_area == "lss"
    )
    decision = decision_register(
        client=client,
        fields={
            "assignment_type": types[type_code],
            "target_group": groups[group],
            "legal_basis": basis,
            "scope_quantity": Decimal(quantity),
            "scope_unit": scope_unit,
            "period_from": decided,
            "period_to": decided + timedelta(days=365) if counter % 3 == 0 else None,
            "decision_date": decided,
            "decided_by": delegate if not adult else officer,
            "decided_by_title": "Enhetschef" if not adult else "Biståndshandläggare",
            "goals": "Ökad delaktighet i fritidsaktiviteter och ett vuxet stöd utanför familjen.",
            "consent": consent,
            "consent_recorded_on": None if lvu else decided - timedelta(days=7),
        },
        actor=officer,
    )
    if counter % 4 == 0:
        implementation_plan_save(
            decision=decision,
            goals="Träffas regelbundet och hitta en fritidsaktivitet som den enskilde tycker om.",
            activities="Promenader, bibliotek, simhallen.",
            client_wishes="Vill gärna prova klättring.",
            follow_up_interval_months=3 if counter % 8 == 0 else 6,
            actor=officer,
        )
        held = decided + timedelta(days=60)
        if held <= timezone.localdate():
            follow_up_record(
                decision=decision,
                held_on=held,
                outcome=FollowUpOutcome.CONTINUE,
                notes="Insatsen är inte verkställd ännu; behovet kvarstår.",
                actor=officer,
            )
    return decision
