"""Demo applicants for Ekby kommun at several stages. Fictional people, test personnummer."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.testdata import make_test_personnummer

from .constants import CONSENT_KINDS, ApplicantStage
from .models import Applicant, ApplicantStageChange, ApprovalDecision, InterestRegistration
from .services import (
    ProposedApproval,
    RegistrationData,
    applicant_move,
    approval_decide,
    approval_propose,
    interest_registration_submit,
)

# (first, last, birth date, serial, email, types, groups, stage path, days ago)
PEOPLE = [
    (
        "Sara",
        "Testsson",
        "19880314",
        "982",
        "sokande@ekby.example",
        ["kontaktperson"],
        ["barn-och-unga"],
        [ApplicantStage.CONTACTED],
        9,
    ),
    (
        "Jonas",
        "Provberg",
        "19750602",
        "981",
        "jonas.provberg@ekby.example",
        ["kontaktfamilj"],
        ["barn-och-unga"],
        [],
        3,
    ),
    (
        "Amira",
        "Exempelsson",
        "19920921",
        "984",
        "amira.exempel@ekby.example",
        ["ledsagare"],
        ["funktionsnedsattning"],
        [ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS],
        30,
    ),
    (
        "Leo",
        "Demoberg",
        "19660130",
        "985",
        "leo.demoberg@ekby.example",
        ["skkp"],
        ["barn-och-unga"],
        [ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS, ApplicantStage.INVESTIGATION],
        60,
    ),
    (
        "Mona",
        "Fiktiv",
        "19810711",
        "986",
        "mona.fiktiv@ekby.example",
        ["avlosare", "ledsagare"],
        ["funktionsnedsattning"],
        [],
        20,
    ),
    (
        "Per",
        "Påhittad",
        "19590404",
        "987",
        "per.pahittad@ekby.example",
        ["kontaktperson"],
        ["vuxna", "aldre"],
        [ApplicantStage.WITHDRAWN],
        45,
    ),
    (
        "Nora",
        "Låtsasdotter",
        "19950817",
        "988",
        "nora.latsas@ekby.example",
        ["stodfamilj"],
        ["funktionsnedsattning"],
        [ApplicantStage.CONSENT_PENDING],
        12,
    ),
    (
        "Rasmus",
        "Testlund",
        "19700228",
        "989",
        "rasmus.testlund@ekby.example",
        ["kontaktperson"],
        ["vuxna"],
        [ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS, ApplicantStage.INVESTIGATION],
        75,
    ),
    (
        "Siv",
        "Provkvist",
        "19620919",
        "990",
        "siv.provkvist@ekby.example",
        ["kontaktperson"],
        ["vuxna"],
        [ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS, ApplicantStage.INVESTIGATION],
        80,
    ),
    (
        "Tage",
        "Exempelberg",
        "19780505",
        "991",
        "tage.exempelberg@ekby.example",
        ["kontaktperson"],
        ["vuxna"],
        [ApplicantStage.CONTACTED, ApplicantStage.REGISTER_CHECKS, ApplicantStage.INVESTIGATION],
        70,
    ),
    (
        "Ulla",
        "Demosson",
        "19840612",
        "992",
        "ulla.demosson@ekby.example",
        ["ledsagare"],
        ["vuxna"],
        [],
        21,
    ),
]

# After the investigations (investigation_demo), these move on to a decision.
PROPOSED, APPROVED, NOT_APPROVED = "Rasmus", "Siv", "Tage"


def create_demo_applicants(organisation: Organisation) -> None:
    all_consents = [kind.value for kind in CONSENT_KINDS]
    for first, last, born, serial, email, types, groups, path, days_ago in PEOPLE:
        registration = interest_registration_submit(
            organisation=organisation,
            data=RegistrationData(
                personal_identity_number=make_test_personnummer(born, serial),
                first_name=first,
                last_name=last,
                street_address="Exempelgatan 7",
                postal_code="123 45",
                city="Ekby",
                phone="070-000 00 00",
                email=email,
                assignment_types=list(AssignmentType.objects.filter(code__in=types)),
                target_groups=list(TargetGroup.objects.filter(code__in=groups)),
                consents=all_consents,
                privacy_notice_acknowledged=True,
                answers={
                    "availability": ["weekends", "weekday_evenings"],
                    "frequency": "fortnightly",
                    "commitment": "two_years",
                    "languages": "svenska",
                    "motivation": "Jag vill göra något meningsfullt på min fritid.",
                },
            ),
        )
        applicant = registration.applicant
        for stage in path:
            applicant = applicant_move(applicant=applicant, to_stage=stage, actor=None)
        _backdate(applicant, days_ago)


def _backdate(applicant: Applicant, days_ago: int) -> None:
    """Spread the demo over recent weeks so lists and waiting times look lived-in."""
    start = timezone.now() - timedelta(days=days_ago)
    InterestRegistration.objects.filter(applicant=applicant).update(submitted_at=start)
    changes = list(ApplicantStageChange.objects.filter(applicant=applicant).order_by("id"))
    step = timedelta(days=days_ago / (len(changes) + 1)) if changes else timedelta(0)
    for index, change in enumerate(changes):
        ApplicantStageChange.objects.filter(pk=change.pk).update(changed_at=start + step * index)
    Applicant.objects.filter(pk=applicant.pk).update(
        created_at=start, stage_changed_at=start + step * max(len(changes) - 1, 0)
    )


def create_demo_decisions(organisation: Organisation) -> None:
    """A proposal waiting for the delegate, an approval and a rejection, made through the
    same services as the pages (so the approved applicant becomes a carer)."""
    recruiter = User.objects.get(email="kontaktsekreterare@ekby.example")
    delegate = User.objects.get(email="chef@ekby.example")

    def case(first_name: str) -> Applicant:
        return Applicant.objects.get(organisation=organisation, first_name=first_name)

    def propose(applicant: Applicant, approve: bool, note: str) -> ApprovalDecision:
        approvals = (
            [
                ProposedApproval(assignment_type=t, target_group=g)
                for t in applicant.assignment_types.all()
                for g in applicant.target_groups.all()
            ]
            if approve
            else []
        )
        return approval_propose(
            applicant=applicant, approvals=approvals, note=note, actor=recruiter
        )

    propose(case(PROPOSED), True, "Stabil, god erfarenhet från föreningslivet. Föreslås godkänd.")
    approved = propose(case(APPROVED), True, "Lämplig som kontaktperson för vuxna.")
    approval_decide(decision=approved, approve=True, reason="", actor=delegate)
    rejected = propose(case(NOT_APPROVED), False, "Referenserna ger inte stöd för uppdraget.")
    approval_decide(
        decision=rejected,
        approve=False,
        reason="Referenserna ger inte tillräckligt stöd för att du kan ta ett uppdrag nu.",
        actor=delegate,
    )
