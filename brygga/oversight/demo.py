"""Demo data for oversight in Ekby kommun, run after the assignments demo: enough history for
the register, a quarter's report and every chart. Dates are relative to today.

* Decisions that have waited across two quarters (offers declined, IVO's free text filled
  in), one implemented and one ended (the need ended) after the previous report, one withdrawn
  this quarter and one partly implemented (2 of 4 meetings a month);
* the quarter before the latest ended one already marked as reported by the huvudrapportör
  (Maria Ek, who holds `oversight.report_quarter` individually), so the latest quarter shows
  new lines, återrapporter and the entries closed since;
* a year of recruitment history (fictional applicants, Skatteverket's test personnummer) so
  the recruitment charts have months to compare.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.utils import timezone

from brygga.accounts.constants import UserKind
from brygga.accounts.models import Organisation, Unit, User
from brygga.applicants.constants import ApplicantStage, DecisionOutcome
from brygga.applicants.models import (
    Applicant,
    ApplicantStageChange,
    ApprovalDecision,
    InterestRegistration,
)
from brygga.assignments import selectors as assignment_selectors
from brygga.assignments import services as assignments
from brygga.assignments.constants import Party
from brygga.assignments.models import Assignment, AssignmentEvent, Offer
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.clients.constants import Consent, ScopeUnit
from brygga.clients.models import Client, Decision
from brygga.clients.selectors import legal_basis_valid_on
from brygga.clients.services import decision_mark_ended, decision_register
from brygga.core.testdata import make_test_personnummer

from . import reports, services
from .quarters import latest_ended

REPORTER_EMAIL = "chef@ekby.example"


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _basis_code(law: str, type_code: str, on: date) -> str:
    if law == "lss":
        return {"kontaktperson": "lss-9-4", "ledsagare": "lss-9-3", "avlosare": "lss-9-5"}.get(
            type_code, "lss-9-6"
        )
    return "sol-2001-4-1" if on < date(2025, 7, 1) else "sol-2025-bistand"


def _decide(client: Client, type_code: str, law: str, decided: date, officer: User) -> Decision:
    basis = legal_basis_valid_on(decided).get(code=_basis_code(law, type_code, decided))
    adult = client.age_on(decided) >= 18
    group = "funktionsnedsattning" if law == "lss" else "vuxna"
    return decision_register(
        client=client,
        fields={
            "assignment_type": AssignmentType.objects.get(code=type_code),
            "target_group": TargetGroup.objects.get(code=group),
            "legal_basis": basis,
            "scope_quantity": Decimal("4" if type_code == "kontaktperson" else "10"),
            "scope_unit": (
                ScopeUnit.MEETINGS_PER_MONTH
                if type_code == "kontaktperson"
                else ScopeUnit.HOURS_PER_MONTH
            ),
            "period_from": decided,
            "period_to": None,
            "decision_date": decided,
            "decided_by": officer,
            "decided_by_title": "Biståndshandläggare",
            "goals": "Ett regelbundet stöd och en meningsfull fritid.",
            "consent": Consent.ADULT if adult else Consent.GUARDIANS,
            "consent_recorded_on": decided - timedelta(days=5),
        },
        actor=officer,
    )


def _offer(decision: Decision, officer: User, *, on: date, accept: bool) -> Offer | None:
    found = assignment_selectors.decision_candidates(decision=decision).candidates
    taken = set(decision.offers.values_list("carer_id", flat=True))
    best = next((c for c in found if c.carer.pk not in taken), None)
    if best is None:
        return None
    offer = assignments.offer_make(
        decision=decision,
        carer=best.carer,
        brief=f"{decision.assignment_type.name}, {decision.scope_display}.",
        rank=best.rank,
        outside_ranking_reason="" if best.rank == 1 else "Den högre rankade har redan avböjt.",
        actor=officer,
    )
    assignments.offer_respond(
        offer=offer,
        accept=accept,
        note="" if accept else "Har inte tid just nu.",
        actor=best.carer.user,
    )
    Offer.objects.filter(pk=offer.pk).update(
        offered_at=_at(on), responded_at=_at(on + timedelta(days=4))
    )
    AssignmentEvent.objects.filter(offer=offer).update(occurred_on=on)
    return offer


def _start(decision: Decision, officer: User, *, offered: date, started: date) -> None:
    offer = _offer(decision, officer, on=offered, accept=True)
    if offer is None:
        return
    assignment = Assignment.objects.get(offer=offer)
    today = timezone.localdate()
    assignments.assignment_first_meeting(assignment=assignment, on=today, actor=officer)
    assignments.assignment_confirm(assignment=assignment, party=Party.CARER, actor=offer.carer.user)
    assignments.assignment_confirm(assignment=assignment, party=Party.CLIENT, actor=officer)
    assignments.assignment_start(assignment=assignment, started_on=today, actor=officer)
    Assignment.objects.filter(pk=assignment.pk).update(
        first_meeting_on=started - timedelta(days=7), started_on=started
    )
    AssignmentEvent.objects.filter(assignment=assignment, kind="started").update(
        occurred_on=started
    )
    Decision.objects.filter(pk=decision.pk).update(implemented_on=started)
    decision.refresh_from_db()


def _note(
    decision: Decision, kind: str, day: date, texts: tuple[str, str, str], actor: User
) -> None:
    services.entry_note_save(
        decision=decision,
        entry_key=f"{kind}:{decision.public_id}:{day.isoformat()}",
        fields=dict(zip(services.NOTE_FIELDS, texts, strict=True)),
        actor=actor,
    )


def create_demo_oversight(organisation: Organisation) -> None:
    today = timezone.localdate()
    latest = latest_ended(today)
    previous = latest.previous
    reporter = User.objects.get(email=REPORTER_EMAIL)
    reporter.user_permissions.add(
        Permission.objects.get(content_type__app_label="oversight", codename="report_quarter")
    )
    vuxen = User.objects.get(email="handlaggare.vuxen@ekby.example")
    adults = list(
        Client.objects.filter(
            organisation=organisation, unit__name="Vuxenenheten", protected_identity=False
        ).order_by("id")
    )
    lss = list(
        Client.objects.filter(
            organisation=organisation, unit__name="LSS-enheten", protected_identity=False
        ).order_by("id")
    )
    cut = previous.last_day
    reserve = next(c for c in adults if c.identifier_kind == "reserve")
    adults = [c for c in adults if c != reserve]

    # Waited across both quarters: offers declined, IVO's free text written.
    waiting = _decide(adults[0], "kontaktperson", "sol", cut - timedelta(days=150), vuxen)
    _offer(waiting, vuxen, on=cut - timedelta(days=120), accept=False)
    _offer(waiting, vuxen, on=cut - timedelta(days=40), accept=False)
    _note(
        waiting,
        "not_implemented",
        waiting.decision_date,
        (
            "Brist på kontaktpersoner med tid på kvällar; två erbjudanden har avböjts.",
            "Den enskilde är isolerad och har färre aktiviteter utanför hemmet.",
            "Samtal med biståndshandläggaren varannan vecka och plats i träffpunkten.",
        ),
        reporter,
    )
    _decide(reserve, "kontaktperson", "sol", cut - timedelta(days=100), vuxen)
    # Reported open last quarter, implemented after the report.
    implemented = _decide(adults[2], "kontaktperson", "sol", cut - timedelta(days=120), vuxen)
    _offer(implemented, vuxen, on=cut - timedelta(days=60), accept=False)
    _start(implemented, vuxen, offered=cut + timedelta(days=10), started=cut + timedelta(days=25))
    # Reported open last quarter, closed after it because the need ended.
    ended = _decide(lss[0], "ledsagare", "lss", cut - timedelta(days=110), vuxen)
    decision_mark_ended(
        decision=ended,
        ended_on=cut + timedelta(days=40),
        reason="Behovet har upphört",
        actor=vuxen,
    )
    # Reportable during the latest quarter, withdrawn before its end.
    withdrawn = _decide(lss[1], "avlosare", "lss", latest.last_day - timedelta(days=130), vuxen)
    decision_mark_ended(
        decision=withdrawn,
        ended_on=latest.last_day - timedelta(days=10),
        reason="Den enskilde återtog ansökan",
        actor=vuxen,
        withdrawn=True,
    )
    # Implemented in part from the start: 2 of the 4 meetings a month.
    partly = _decide(adults[3], "kontaktperson", "sol", cut - timedelta(days=200), vuxen)
    _start(partly, vuxen, offered=cut - timedelta(days=190), started=cut - timedelta(days=170))
    if partly.implemented_on is not None:
        services.partial_mark(
            decision=partly,
            since=partly.implemented_on,
            not_implemented="2 av 4 beviljade träffar per månad",
            actor=reporter,
        )
    # Implemented in time, after different waits: the decision-to-start chart.
    for client, type_code, law, waited in (
        (adults[4], "kontaktperson", "sol", 15),
        (adults[5], "kontaktperson", "sol", 75),
        (lss[3], "ledsagare", "lss", 55),
        (lss[4], "ledsagare", "lss", 85),
    ):
        decided = today - timedelta(days=waited + 60)
        quick = _decide(client, type_code, law, decided, vuxen)
        _start(
            quick,
            vuxen,
            offered=decided + timedelta(days=waited // 2),
            started=decided + timedelta(days=waited),
        )
    # The previous quarter, reported by the huvudrapportör in its window.
    report = services.quarter_mark_reported(
        organisation=organisation,
        quarter=previous,
        rows=reports.build_rows(organisation=organisation, quarter=previous, earlier=[]),
        actor=reporter,
    )
    opens, _closes = reports.reporting_window(organisation, previous)
    type(report).objects.filter(pk=report.pk).update(reported_at=_at(opens + timedelta(days=6)))
    _recruitment_history(organisation, today)


# (months ago, outcome) for a year of applicants; None: still in progress.
_HISTORY = [
    (12, "approved"), (12, "withdrawn"), (11, "approved"), (11, "rejected"), (10, "approved"),
    (10, "approved"), (9, "withdrawn"), (9, "approved"), (8, "rejected"), (8, "approved"),
    (7, "approved"), (7, "withdrawn"), (6, "approved"), (6, "approved"), (6, "rejected"),
    (5, "approved"), (5, "withdrawn"), (4, "approved"), (4, "approved"), (3, "rejected"),
    (3, "approved"), (2, "approved"), (2, "withdrawn"), (1, None), (1, None),
]  # fmt: skip
_DAYS_TO_DECISION = [38, 52, 61, 45, 73, 90, 41, 58, 66, 49]


def _recruitment_history(organisation: Organisation, today: date) -> None:
    """Applicants of the past year with their outcomes, written as history (no mail, no
    carers): the recruitment funnel and the days from application to decision."""
    recruiter = User.objects.get(email="kontaktsekreterare@ekby.example")
    delegate = User.objects.get(email=REPORTER_EMAIL)
    unit = Unit.objects.filter(organisation=organisation, name="Kontaktverksamheten").first()
    kontaktperson = AssignmentType.objects.get(code="kontaktperson")
    for index, (months_ago, outcome) in enumerate(_HISTORY):
        applied = today - timedelta(days=30 * months_ago + 3 * (index % 9))
        born = date(1970 + index, 1 + index % 12, 1 + index % 27)
        user = User.objects.create_user(
            f"historik{index}@ekby.example",
            kind=UserKind.PUBLIC,
            organisation=organisation,
            first_name="Historik",
            last_name=f"Sökande {index + 1}",
        )
        applicant = Applicant.objects.create(
            organisation=organisation,
            user=user,
            personal_identity_number=make_test_personnummer(
                born.strftime("%Y%m%d"), str(980 + index % 20)
            ),
            first_name="Historik",
            last_name=f"Sökande {index + 1}",
            street_address=f"Exempelvägen {index + 1}",
            postal_code="12345",
            city="Ekby",
            phone="070-000 00 00",
            email=user.email,
            stage=ApplicantStage.INVESTIGATION,
            stage_changed_at=_at(applied),
            unit=unit,
        )
        Applicant.objects.filter(pk=applicant.pk).update(created_at=_at(applied))
        applicant.assignment_types.add(kontaktperson)
        InterestRegistration.objects.create(
            applicant=applicant,
            reference=f"HIST-{index + 1:04d}",
            submitted_at=_at(applied),
            privacy_notice_acknowledged=True,
        )
        changes = [(ApplicantStage.RECEIVED, applied)]
        if outcome is not None:
            decided = min(applied + timedelta(days=_DAYS_TO_DECISION[index % 10]), today)
            stage = {
                "approved": ApplicantStage.APPROVED,
                "rejected": ApplicantStage.NOT_APPROVED,
                "withdrawn": ApplicantStage.WITHDRAWN,
            }[outcome]
            changes += [(ApplicantStage.INVESTIGATION, applied + timedelta(days=7))]
            changes += [(stage, decided)]
            if outcome != "withdrawn":
                ApprovalDecision.objects.create(
                    applicant=applicant,
                    outcome=(
                        DecisionOutcome.APPROVED
                        if outcome == "approved"
                        else DecisionOutcome.REJECTED
                    ),
                    approvals=[{"type": "kontaktperson", "group": None, "valid_until": None}]
                    if outcome == "approved"
                    else [],
                    proposed_by=recruiter,
                    proposed_at=_at(decided - timedelta(days=5)),
                    decided_by=delegate,
                    decided_at=_at(decided, 14),
                )
            Applicant.objects.filter(pk=applicant.pk).update(
                stage=stage, stage_changed_at=_at(decided)
            )
        previous_stage = ""
        for stage, day in changes:
            ApplicantStageChange.objects.create(
                applicant=applicant,
                from_stage=previous_stage,
                to_stage=stage,
                changed_at=_at(day),
                actor=recruiter,
            )
            previous_stage = stage
