"""Demo investigations for Ekby kommun: register checks, references, meetings and assessments
on the demo applicants (`demo.create_demo_applicants`), so the case pages look lived-in, and
a few eligibility rules of the kind municipalities publish (domain §2.5). Written through the
services; fictional people only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.catalogue.models import AssignmentType, TargetGroup

from . import investigation_services as services
from .constants import ApplicantStage, CheckOutcome, MeetingKind, RegisterCheckKind
from .eligibility import DEFAULT_CHECKS
from .models import Applicant

REFERENCES = [
    ("Rebecka Referensson", "tidigare chef", "070-000 00 11"),
    ("Tomas Vänsson", "vän sedan tio år", "070-000 00 12"),
]


def _officer(organisation: Organisation) -> User:
    for user in User.objects.filter(organisation=organisation, kind="staff").order_by("id"):
        if user.has_perm("applicants.change_applicant") and not user.has_perm(
            "applicants.decide_applicant"
        ):
            return user
    for user in User.objects.filter(organisation=organisation, kind="staff").order_by("id"):
        if user.has_perm("applicants.change_applicant"):
            return user
    raise LookupError("The demo needs a recruitment officer.")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _check(
    applicant: Applicant,
    officer: User,
    kind: str,
    *,
    requested: date,
    answered: date | None = None,
    outcome: str = CheckOutcome.NO_ENTRY,
    assessment: str = "",
    extract: date | None = None,
) -> None:
    check = services.register_check_request(
        applicant=applicant, kind=kind, requested_on=requested, actor=officer
    )
    if answered is not None:
        services.register_check_record(
            check=check,
            answered_on=answered,
            extract_date=extract,
            outcome=outcome,
            assessment=assessment,
            actor=officer,
        )


def _references(applicant: Applicant, officer: User, contacted: list[date | None]) -> None:
    existing = list(applicant.references.all())
    for index, (name, relation, phone) in enumerate(REFERENCES):
        reference = (
            existing[index]
            if index < len(existing)
            else services.reference_add(
                applicant=applicant, name=name, relation=relation, phone=phone, actor=officer
            )
        )
        day = contacted[index] if index < len(contacted) else None
        if day is not None:
            services.reference_record_contact(
                reference=reference,
                contacted_on=day,
                notes="Beskriver den sökande som lugn, pålitlig och bra på att lyssna.",
                actor=officer,
            )


def _contacted(applicant: Applicant, officer: User, today: date) -> None:
    _references(applicant, officer, [])
    _check(applicant, officer, RegisterCheckKind.CRIMINAL_RECORD, requested=today - timedelta(2))
    services.meeting_book(
        applicant=applicant,
        kind=MeetingKind.INTERVIEW,
        booked_for=_at(today + timedelta(days=6), 10),
        participants=officer.get_full_name(),
        actor=officer,
    )


def _register_checks(applicant: Applicant, officer: User, today: date) -> None:
    requested = today - timedelta(days=20)
    for kind in DEFAULT_CHECKS:
        if kind == RegisterCheckKind.SOCIAL_SERVICES:
            _check(applicant, officer, kind, requested=requested)
        else:
            _check(applicant, officer, kind, requested=requested, answered=today - timedelta(9))
    if any(
        t.code in ("stodfamilj", "ledsagare", "avlosare") for t in applicant.assignment_types.all()
    ):
        _check(
            applicant,
            officer,
            RegisterCheckKind.LSS_EXTRACT,
            requested=requested,
            answered=today - timedelta(days=7),
            extract=today - timedelta(days=15),
        )
    _references(applicant, officer, [today - timedelta(days=4)])


def _investigation(applicant: Applicant, officer: User, today: date) -> None:
    requested = today - timedelta(days=50)
    answered = today - timedelta(days=38)
    for kind in DEFAULT_CHECKS:
        if kind == RegisterCheckKind.SOCIAL_SERVICES:
            _check(
                applicant,
                officer,
                kind,
                requested=requested,
                answered=answered,
                outcome=CheckOutcome.NO_OBSTACLE,
                assessment=(
                    "Kortvarigt ekonomiskt bistånd 2012. Avslutat sedan länge och utan betydelse "
                    "för uppdraget."
                ),
            )
        else:
            _check(applicant, officer, kind, requested=requested, answered=answered)
    _check(
        applicant,
        officer,
        RegisterCheckKind.CHILDREN_EXTRACT,
        requested=requested,
        answered=today - timedelta(days=30),
        extract=today - timedelta(days=34),
    )
    _references(applicant, officer, [today - timedelta(days=25), today - timedelta(days=21)])
    interview = services.meeting_book(
        applicant=applicant,
        kind=MeetingKind.INTERVIEW,
        booked_for=_at(today - timedelta(days=28), 13),
        participants=officer.get_full_name(),
        actor=officer,
    )
    services.meeting_record(
        meeting=interview,
        held_on=today - timedelta(days=28),
        notes=(
            "Samtal om motiv, erfarenhet och tid. Har arbetat som fritidsledare i sex år och "
            "har tydliga tankar om gränser och samarbete med socialtjänsten."
        ),
        actor=officer,
    )
    for assignment_type in applicant.assignment_types.all():
        services.assessment_save(
            applicant=applicant,
            assignment_type=assignment_type,
            answers={
                "motivation": "Vill ge en ung person en stabil vuxen att lita på.",
                "years_experience": 6.0,
                "education": "Fritidsledarutbildning, folkhögskola.",
            },
            experience_documented=True,
            summary="Lämplig. Väl dokumenterad erfarenhet av arbete med unga.",
            actor=officer,
        )


SCENARIOS = {
    ApplicantStage.CONTACTED: _contacted,
    ApplicantStage.REGISTER_CHECKS: _register_checks,
    ApplicantStage.INVESTIGATION: _investigation,
}


def _rules(organisation: Organisation, officer: User) -> None:
    types = {t.code: t for t in AssignmentType.objects.all()}
    children = TargetGroup.objects.get(code="barn-och-unga")
    base = [str(k) for k in DEFAULT_CHECKS]
    common = {
        "minimum_references": 2,
        "requires_interview": True,
        "requires_home_visit": False,
        "requires_experience": False,
        "requires_training": False,
        "assessment_questions": [],
    }
    rules = [
        {
            **common,
            "assignment_type": types["kontaktperson"],
            "target_group": children,
            "minimum_age": 21,
            "required_checks": [*base, RegisterCheckKind.CHILDREN_EXTRACT],
            "extract_max_age_days": 365,
        },
        {
            **common,
            "assignment_type": types["skkp"],
            "target_group": None,
            "minimum_age": 23,
            "required_checks": [*base, RegisterCheckKind.CHILDREN_EXTRACT],
            "extract_max_age_days": 365,
            "requires_experience": True,
        },
        {
            **common,
            "assignment_type": types["kontaktfamilj"],
            "target_group": None,
            "minimum_age": 20,
            "required_checks": [*base, RegisterCheckKind.SOCIAL_INSURANCE],
            "extract_max_age_days": None,
            "requires_home_visit": True,
        },
    ]
    for fields in rules:
        services.eligibility_rule_save(organisation=organisation, fields=fields, actor=officer)


def create_demo_investigations(organisation: Organisation) -> None:
    officer = _officer(organisation)
    _rules(organisation, officer)
    today = timezone.localdate()
    applicants = Applicant.objects.filter(
        organisation=organisation, stage__in=list(SCENARIOS)
    ).prefetch_related("assignment_types", "references")
    for applicant in applicants:
        SCENARIOS[ApplicantStage(applicant.stage)](applicant, officer, today)
