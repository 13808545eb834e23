"""Rules per organisation and type, the facts of a case, and the register-check list."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

import pytest

from brygga.applicants import investigation_services as services
from brygga.applicants.constants import CheckOutcome, MeetingKind, RegisterCheckKind
from brygga.applicants.eligibility import DEFAULT_CHECKS, missing_requirements
from brygga.applicants.models import Applicant, EligibilityRule
from brygga.applicants.rules import (
    DEFAULT_QUESTIONS,
    assessment_questions,
    facts_for,
    investigation_checklist,
    requirements_by_type,
    rule_for,
)
from brygga.applicants.selectors import applicant_for_staff_queryset
from brygga.catalogue.models import AssignmentType, TargetGroup

from .investigation_helpers import applicant_for, member, recruiter_for

pytestmark = pytest.mark.django_db

LSS = RegisterCheckKind.LSS_EXTRACT
CHILDREN = RegisterCheckKind.CHILDREN_EXTRACT


def _type(code):
    return AssignmentType.objects.get(code=code)


def _group(code):
    return TargetGroup.objects.get(code=code) if code else None


@pytest.mark.parametrize(
    ("type_code", "group", "extract", "home_visit", "experience"),
    [
        ("kontaktperson", None, None, False, False),
        ("kontaktperson", "vuxna", None, False, False),
        ("kontaktperson", "barn-och-unga", CHILDREN, False, False),
        ("kontaktfamilj", "barn-och-unga", CHILDREN, True, False),
        ("stodfamilj", None, LSS, True, False),
        ("stodfamilj", "funktionsnedsattning", LSS, True, False),
        ("ledsagare", "funktionsnedsattning", LSS, False, False),
        ("ledsagare", "barn-och-unga", LSS, False, False),
        ("ledsagare", "vuxna", None, False, False),
        ("avlosare", "funktionsnedsattning", LSS, False, False),
        ("umgangesstod", "barn-och-unga", CHILDREN, False, True),
        ("skkp", "barn-och-unga", CHILDREN, False, True),
    ],
)
def test_default_rules_follow_the_type(
    organisation, type_code, group, extract, home_visit, experience
):
    rule = rule_for(
        organisation=organisation, assignment_type=_type(type_code), target_group=_group(group)
    )
    assert set(DEFAULT_CHECKS) <= set(rule.required_checks)
    extracts = {LSS, CHILDREN} & set(rule.required_checks)
    assert extracts == ({extract} if extract else set())
    assert rule.extract_max_age_days == (365 if extract else None)
    assert rule.requires_home_visit is home_visit
    assert rule.requires_experience is experience
    assert rule.minimum_age == 18


def test_the_organisations_row_for_type_and_group_wins_then_the_type_row(
    organisation, other_organisation
):
    kontaktperson = _type("kontaktperson")
    children = _group("barn-och-unga")
    EligibilityRule.objects.create(
        organisation=organisation,
        assignment_type=kontaktperson,
        target_group=None,
        minimum_age=20,
        required_checks=[RegisterCheckKind.CRIMINAL_RECORD],
    )
    EligibilityRule.objects.create(
        organisation=organisation,
        assignment_type=kontaktperson,
        target_group=children,
        minimum_age=21,
        required_checks=[RegisterCheckKind.CRIMINAL_RECORD, CHILDREN],
        extract_max_age_days=180,
    )
    exact = rule_for(
        organisation=organisation, assignment_type=kontaktperson, target_group=children
    )
    assert (exact.minimum_age, exact.extract_max_age_days) == (21, 180)
    by_type = rule_for(
        organisation=organisation, assignment_type=kontaktperson, target_group=_group("vuxna")
    )
    assert by_type.minimum_age == 20
    assert by_type.required_checks == (RegisterCheckKind.CRIMINAL_RECORD,)
    # Another organisation's rows do not apply.
    assert (
        rule_for(
            organisation=other_organisation, assignment_type=kontaktperson, target_group=children
        ).minimum_age
        == 18
    )


def _load(applicant):
    return applicant_for_staff_queryset().get(pk=applicant.pk)


def test_facts_gather_age_adults_checks_references_meetings_and_experience(organisation):
    recruiter = recruiter_for(organisation)
    on = timezone.localdate()
    adult_year = on.year - 18
    applicant = applicant_for(
        organisation,
        types=["kontaktfamilj", "skkp"],
        born=f"{on.year - 40}0101",
        household=[("Kim", adult_year), ("Lo", adult_year + 1)],
        references=["Rebecka", "Rolf"],
    )
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        household_member=member(applicant, "Kim"),
        requested_on=on,
        actor=recruiter,
    )
    services.register_check_record(
        check=check,
        answered_on=on,
        extract_date=None,
        outcome=CheckOutcome.NO_ENTRY,
        assessment="",
        actor=recruiter,
    )
    services.reference_record_contact(
        reference=applicant.references.first(), contacted_on=on, notes="Bra.", actor=recruiter
    )
    meeting = services.meeting_book(
        applicant=applicant,
        kind=MeetingKind.INTERVIEW,
        booked_for=timezone.now(),
        participants="",
        actor=recruiter,
    )
    services.meeting_record(meeting=meeting, held_on=on, notes="Bra.", actor=recruiter)
    services.assessment_save(
        applicant=applicant,
        assignment_type=_type("skkp"),
        answers={},
        experience_documented=True,
        summary="",
        actor=recruiter,
    )
    loaded = _load(applicant)
    facts = facts_for(applicant=loaded, on=on, assignment_type=_type("skkp"))
    assert facts.age == 40
    assert facts.adult_household_members == ("Kim",)
    assert [(c.kind, c.household_member) for c in facts.checks] == [
        (RegisterCheckKind.CRIMINAL_RECORD, "Kim")
    ]
    assert facts.references_contacted == 1
    assert facts.interview_held and not facts.home_visit_held
    assert facts.experience_documented
    assert not facts_for(
        applicant=loaded, on=on, assignment_type=_type("kontaktfamilj")
    ).experience_documented
    # A household member who turns 18 later in the year counts from that year on.
    next_year = facts_for(applicant=loaded, on=date(on.year + 1, 1, 1))
    assert next_year.adult_household_members == ("Kim", "Lo")


def test_checklist_has_a_row_per_required_check_and_adult_with_status(organisation):
    recruiter = recruiter_for(organisation)
    on = timezone.localdate()
    applicant = applicant_for(
        organisation,
        types=["kontaktfamilj"],
        groups=["barn-och-unga"],
        household=[("Kim", on.year - 30), ("Barn", on.year - 5)],
    )
    criminal = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        requested_on=on - timedelta(days=20),
        actor=recruiter,
    )
    services.register_check_record(
        check=criminal,
        answered_on=on - timedelta(days=10),
        extract_date=None,
        outcome=CheckOutcome.DISQUALIFIES,
        assessment="Dom för misshandel 2022.",
        actor=recruiter,
    )
    services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.SOCIAL_SERVICES,
        requested_on=on,
        actor=recruiter,
    )
    old = services.register_check_request(
        applicant=applicant,
        kind=CHILDREN,
        requested_on=on - timedelta(days=500),
        actor=recruiter,
    )
    services.register_check_record(
        check=old,
        answered_on=on - timedelta(days=400),
        extract_date=on - timedelta(days=400),
        outcome=CheckOutcome.NO_ENTRY,
        assessment="",
        actor=recruiter,
    )
    rows = investigation_checklist(_load(applicant), on)
    status = {(r.kind, r.person): r.status for r in rows}
    name = applicant.full_name
    assert status[(RegisterCheckKind.CRIMINAL_RECORD, name)] == "disqualifies"
    assert status[(RegisterCheckKind.SOCIAL_SERVICES, name)] == "pending"
    assert status[(RegisterCheckKind.ENFORCEMENT_AUTHORITY, name)] == "missing"
    assert status[(CHILDREN, name)] == "too_old"
    assert status[(RegisterCheckKind.CRIMINAL_RECORD, "Kim")] == "missing"
    assert not any(r.person == "Barn" for r in rows)  # children are not checked
    people = {r.person for r in rows}
    assert people == {name, "Kim"}
    assert len(rows) == 2 * (len(DEFAULT_CHECKS) + 1)


def test_checklist_ok_and_valid_until_for_a_fresh_extract(organisation):
    recruiter = recruiter_for(organisation)
    on = timezone.localdate()
    applicant = applicant_for(organisation, groups=["barn-och-unga"])
    check = services.register_check_request(
        applicant=applicant, kind=CHILDREN, requested_on=on, actor=recruiter
    )
    services.register_check_record(
        check=check,
        answered_on=on,
        extract_date=on - timedelta(days=30),
        outcome=CheckOutcome.NO_ENTRY,
        assessment="",
        actor=recruiter,
    )
    row = next(r for r in investigation_checklist(_load(applicant), on) if r.kind == CHILDREN)
    assert row.status == "ok"
    assert row.valid_until == on - timedelta(days=30) + timedelta(days=365)


def test_requirements_by_type_use_missing_requirements(organisation):
    applicant = _load(applicant_for(organisation, types=["kontaktperson"], groups=["vuxna"]))
    on = timezone.localdate()
    [requirements] = requirements_by_type(applicant, on)
    rule = rule_for(
        organisation=organisation,
        assignment_type=_type("kontaktperson"),
        target_group=_group("vuxna"),
    )
    assert requirements.missing == missing_requirements(
        facts_for(applicant=applicant, on=on, assignment_type=_type("kontaktperson")), rule, on
    )
    assert requirements.missing


def test_assessment_questions_default_per_type_or_from_the_rule(organisation):
    skkp = _type("skkp")
    keys = [q.key for q in assessment_questions(rows=[], assignment_type=skkp)]
    assert "years_experience" in keys
    umgange = [q.key for q in DEFAULT_QUESTIONS["umgangesstod"]]
    assert {"experience", "has_car", "languages"} <= set(umgange)
    row = EligibilityRule(
        organisation=organisation,
        assignment_type=skkp,
        assessment_questions=["Hur många år?", {"key": "bil", "label": "Bil?", "kind": "yes_no"}],
    )
    questions = assessment_questions(rows=[row], assignment_type=skkp)
    assert [q.label for q in questions] == ["Hur många år?", "Bil?"]
    assert questions[1].kind == "yes_no"


def test_an_invalid_identity_number_gives_age_zero(organisation):
    applicant = applicant_for(organisation)
    Applicant.objects.filter(pk=applicant.pk).update(personal_identity_number="000000000000")
    assert facts_for(applicant=_load(applicant), on=timezone.localdate()).age == 0
