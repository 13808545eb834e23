"""What an organisation requires of an applicant, and the facts of one case.

`rule_for` turns the organisation's `EligibilityRule` rows (or, without one, the assignment
type's own flags) into the pure `eligibility.Rule`; `facts_for` gathers `eligibility.Facts`
from a case loaded with `selectors.applicant_for_staff_queryset` (it reads the prefetched
relations only). `approval_decide` passes both to `eligibility.missing_requirements`; the case
page shows `investigation_checklist` and `requirements_by_type`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Organisation
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.catalogue.requirements import required_register_checks
from brygga.core.personnummer import InvalidIdentityNumberError, parse_identity_number

from .constants import EXTRACT_KINDS, CheckOutcome, MeetingKind, RegisterCheckKind
from .eligibility import (
    CheckFact,
    Facts,
    Rule,
    missing_requirements,
)
from .models import Applicant, EligibilityRule, HouseholdMember, RegisterCheck

ADULT_AGE = 18


# --- Rules ----------------------------------------------------------------------------------


def _default_rule(assignment_type: AssignmentType, target_group: TargetGroup | None) -> Rule:
    checks, max_age = required_register_checks(
        assignment_type.code, target_group.code if target_group else None
    )
    return Rule(
        required_checks=checks,
        extract_max_age_days=max_age,
        requires_home_visit=assignment_type.is_family,
        requires_experience=assignment_type.requires_experience,
    )


def _rule_from_row(row: EligibilityRule) -> Rule:
    return Rule(
        minimum_age=row.minimum_age,
        required_checks=tuple(str(kind) for kind in row.required_checks),
        extract_max_age_days=row.extract_max_age_days,
        minimum_references=row.minimum_references,
        requires_interview=row.requires_interview,
        requires_home_visit=row.requires_home_visit,
        requires_experience=row.requires_experience,
        requires_training=row.requires_training,
    )


def _matching_row(
    rows: Iterable[EligibilityRule],
    assignment_type: AssignmentType,
    target_group: TargetGroup | None,
) -> EligibilityRule | None:
    """The row for type and group, else the row for the type with no group."""
    candidates = [r for r in rows if r.assignment_type_id == assignment_type.pk]
    if target_group is not None:
        exact = next((r for r in candidates if r.target_group_id == target_group.pk), None)
        if exact is not None:
            return exact
    return next((r for r in candidates if r.target_group_id is None), None)


def _resolve(
    rows: Iterable[EligibilityRule],
    assignment_type: AssignmentType,
    target_group: TargetGroup | None,
) -> Rule:
    row = _matching_row(rows, assignment_type, target_group)
    return _rule_from_row(row) if row is not None else _default_rule(assignment_type, target_group)


def _rows(organisation: Organisation | int) -> list[EligibilityRule]:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return list(EligibilityRule.objects.filter(organisation_id=organisation_id))


def rule_for(
    *,
    organisation: Organisation,
    assignment_type: AssignmentType,
    target_group: TargetGroup | None,
) -> Rule:
    """The organisation's rule for the type and group, else for the type, else the default."""
    rows = EligibilityRule.objects.filter(
        organisation=organisation, assignment_type=assignment_type
    )
    return _resolve(rows, assignment_type, target_group)


def default_rule(*, assignment_type: AssignmentType, target_group: TargetGroup | None) -> Rule:
    """What applies when the organisation has no row: derived from the type's flags."""
    return _default_rule(assignment_type, target_group)


def combinations(applicant: Applicant) -> list[tuple[AssignmentType, TargetGroup | None]]:
    """Each assignment type with each target group the applicant chose (or with none)."""
    groups: list[TargetGroup | None] = list(applicant.target_groups.all()) or [None]
    return [(t, g) for t in applicant.assignment_types.all() for g in groups]


# --- Assessment questions -------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str
    label: Any  # a str or a lazy translation
    kind: str = "text"  # "text", "number" or "yes_no"


_COMMON_QUESTIONS = (
    Question("motivation", _("Varför vill den sökande ha uppdraget?")),
    Question("life_situation", _("Livssituation och tid för uppdraget")),
    Question("suitability", _("Personlig lämplighet: förmåga att ge stöd, gränser, samarbete")),
)
DEFAULT_QUESTIONS: dict[str, tuple[Question, ...]] = {
    "kontaktfamilj": (
        *_COMMON_QUESTIONS,
        Question("household", _("Hushållet: vilka bor där och hur ser de på uppdraget?")),
        Question("home", _("Hemmet: plats för barnet, egen sovplats")),
    ),
    "stodfamilj": (
        *_COMMON_QUESTIONS,
        Question("household", _("Hushållet: vilka bor där och hur ser de på uppdraget?")),
        Question("home", _("Hemmet: tillgänglighet och plats för barnet")),
        Question("disability", _("Erfarenhet av barn med funktionsnedsättning")),
    ),
    "skkp": (
        *_COMMON_QUESTIONS,
        Question(
            "years_experience",
            _("År av dokumenterad erfarenhet av arbete med barn och unga"),
            "number",
        ),
        Question(
            "education",
            _("Eftergymnasial utbildning inriktad mot arbete med barn och unga"),
        ),
    ),
    "umgangesstod": (
        *_COMMON_QUESTIONS,
        Question("experience", _("Erfarenhet av arbete med barn, familjer eller konflikter")),
        Question("has_car", _("Har tillgång till bil och körkort"), "yes_no"),
        Question("languages", _("Språk den sökande talar")),
    ),
    "ledsagare": (
        *_COMMON_QUESTIONS,
        Question("disability", _("Erfarenhet av personer med funktionsnedsättning")),
        Question("has_car", _("Har tillgång till bil och körkort"), "yes_no"),
    ),
    "avlosare": (
        *_COMMON_QUESTIONS,
        Question("disability", _("Erfarenhet av personer med funktionsnedsättning")),
    ),
}


def questions_from_rule(stored: Sequence[Any]) -> tuple[Question, ...]:
    """Questions stored on an `EligibilityRule`: plain strings, or {"key", "label", "kind"}."""
    questions: list[Question] = []
    for index, item in enumerate(stored):
        if isinstance(item, str) and item.strip():
            key = slugify(item)[:40] or f"q{index}"
            questions.append(Question(key, item.strip()))
        elif isinstance(item, dict) and item.get("label"):
            label = str(item["label"])
            key = str(item.get("key") or slugify(label)[:40] or f"q{index}")
            questions.append(Question(key, label, str(item.get("kind") or "text")))
    return tuple(questions)


def assessment_questions(
    *, rows: Iterable[EligibilityRule], assignment_type: AssignmentType
) -> tuple[Question, ...]:
    """The organisation's questions for the type (any of its rows), else the defaults."""
    for row in rows:
        if row.assignment_type_id == assignment_type.pk and row.assessment_questions:
            return questions_from_rule(row.assessment_questions)
    return DEFAULT_QUESTIONS.get(assignment_type.code, _COMMON_QUESTIONS)


# --- Facts ----------------------------------------------------------------------------------


def member_label(member: HouseholdMember) -> str:
    """How a household member is named in checks and reasons."""
    return f"{member.first_name} {member.last_name}".strip()


def adult_household_members(applicant: Applicant, on: date) -> list[HouseholdMember]:
    """Members born at least 18 years before `on`'s year (only a birth year is known)."""
    return [m for m in applicant.household_members.all() if m.birth_year <= on.year - ADULT_AGE]


def applicant_age(applicant: Applicant, on: date) -> int:
    try:
        return parse_identity_number(applicant.personal_identity_number, today=on).age_on(on)
    except InvalidIdentityNumberError:
        return 0


def _training_attended(applicant: Applicant) -> bool:
    try:
        from brygga.carers.selectors import training_attended
    except (ImportError, AttributeError):
        return False
    return bool(training_attended(user=applicant.user, kind="intro"))


def _checks_from_earlier_approval(applicant: Applicant) -> tuple[CheckFact, ...]:
    """A carer who is re-investigated to add a type keeps the checks that are still valid:
    they count here as the applicant's own (the extract age rule still applies)."""
    from brygga.carers.models import CarerCheck

    return tuple(
        CheckFact(
            kind=check.kind,
            outcome=check.outcome,
            extract_date=check.extract_date,
            answered_on=check.checked_on,
        )
        for check in CarerCheck.objects.filter(
            carer__organisation_id=applicant.organisation_id,
            carer__personal_identity_number=applicant.personal_identity_number,
        )
    )


def facts_for(
    *, applicant: Applicant, on: date, assignment_type: AssignmentType | None = None
) -> Facts:
    """The facts of the case on `on`. `experience_documented` comes from the assessment of
    `assignment_type` (any assessment when it is None)."""
    checks = tuple(
        CheckFact(
            kind=check.kind,
            outcome=check.outcome,
            extract_date=check.extract_date,
            answered_on=check.answered_on,
            household_member=member_label(check.household_member)
            if check.household_member
            else None,
        )
        for check in applicant.register_checks.all()
    ) + _checks_from_earlier_approval(applicant)
    meetings_held = {m.kind for m in applicant.meetings.all() if m.held_on and m.held_on <= on}
    assessments = [
        a
        for a in applicant.assessments.all()
        if assignment_type is None or a.assignment_type_id == assignment_type.pk
    ]
    return Facts(
        age=applicant_age(applicant, on),
        checks=checks,
        adult_household_members=tuple(
            member_label(m) for m in adult_household_members(applicant, on)
        ),
        references_contacted=sum(
            1 for r in applicant.references.all() if r.contacted_on and r.contacted_on <= on
        ),
        interview_held=MeetingKind.INTERVIEW in meetings_held,
        home_visit_held=MeetingKind.HOME_VISIT in meetings_held,
        experience_documented=any(a.experience_documented for a in assessments),
        training_attended=_training_attended(applicant),
    )


@dataclass(frozen=True)
class Requirements:
    assignment_type: AssignmentType
    target_group: TargetGroup | None
    rule: Rule
    missing: list[str]


def requirements_by_type(applicant: Applicant, on: date) -> list[Requirements]:
    """For each type and group the applicant applied for: what is still missing."""
    rows = _rows(applicant.organisation_id)
    result = []
    for assignment_type, target_group in combinations(applicant):
        rule = _resolve(rows, assignment_type, target_group)
        facts = facts_for(applicant=applicant, on=on, assignment_type=assignment_type)
        result.append(
            Requirements(assignment_type, target_group, rule, missing_requirements(facts, rule, on))
        )
    return result


# --- The register-check checklist -----------------------------------------------------------

MISSING = "missing"
PENDING = "pending"
OK = "ok"
TOO_OLD = "too_old"
DISQUALIFIES = "disqualifies"
STATUS_LABELS = {
    MISSING: _("Saknas"),
    PENDING: _("Väntar"),
    OK: _("OK"),
    TOO_OLD: _("För gammalt"),
    DISQUALIFIES: _("Hinder"),
}
STATUS_COLORS = {
    MISSING: "warning",
    PENDING: "info",
    OK: "success",
    TOO_OLD: "warning",
    DISQUALIFIES: "danger",
}


@dataclass(frozen=True)
class ChecklistRow:
    kind: str
    kind_label: str
    person: str  # the applicant's or the household member's name
    household_member: HouseholdMember | None
    required: bool
    status: str
    latest: RegisterCheck | None
    valid_until: date | None  # for extracts with a maximum age

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_color(self) -> str:
        return STATUS_COLORS[self.status]

    @property
    def pending_check(self) -> RegisterCheck | None:
        """The check waiting for an answer, which the officer records next."""
        if self.latest is not None and self.latest.outcome == CheckOutcome.PENDING:
            return self.latest
        return None


def _status(checks: list[RegisterCheck], max_age: int | None, on: date) -> str:
    if not checks:
        return MISSING
    if any(c.outcome == CheckOutcome.DISQUALIFIES for c in checks):
        return DISQUALIFIES
    answered = [c for c in checks if c.outcome in (CheckOutcome.NO_ENTRY, CheckOutcome.NO_OBSTACLE)]
    if not answered:
        return PENDING
    if max_age is None or checks[0].kind not in EXTRACT_KINDS:
        return OK
    for check in answered:
        issued = check.extract_date or check.answered_on
        if issued is not None and on - issued <= timedelta(days=max_age):
            return OK
    return PENDING if any(c.outcome == CheckOutcome.PENDING for c in checks) else TOO_OLD


def _valid_until(checks: list[RegisterCheck], max_age: int | None) -> date | None:
    if max_age is None:
        return None
    issued: list[date] = []
    for check in checks:
        day = check.extract_date or check.answered_on
        if (
            day is not None
            and check.kind in EXTRACT_KINDS
            and check.outcome in (CheckOutcome.NO_ENTRY, CheckOutcome.NO_OBSTACLE)
        ):
            issued.append(day)
    return max(issued) + timedelta(days=max_age) if issued else None


def investigation_checklist(applicant: Applicant, on: date) -> list[ChecklistRow]:
    """One row per register check and person: the checks every rule for the applicant's
    types and groups requires (the strictest extract age), for the applicant and each adult
    in the household, plus any other check already made. Reads the prefetched case and one
    query for the organisation's rules."""
    rows = _rows(applicant.organisation_id)
    required: set[str] = set()
    max_ages: dict[str, int] = {}
    for assignment_type, target_group in combinations(applicant):
        rule = _resolve(rows, assignment_type, target_group)
        required.update(rule.required_checks)
        if rule.extract_max_age_days is not None:
            for kind in rule.required_checks:
                if kind in EXTRACT_KINDS:
                    max_ages[kind] = min(max_ages.get(kind, 10**6), rule.extract_max_age_days)
    checks = sorted(
        applicant.register_checks.all(),
        key=lambda c: (c.requested_on, c.recorded_at),
        reverse=True,
    )
    present = {c.kind for c in checks}
    kinds = [k for k in RegisterCheckKind if k in required or k in present]
    people: list[tuple[str, HouseholdMember | None]] = [(applicant.full_name, None)]
    adults = adult_household_members(applicant, on)
    people += [(member_label(m), m) for m in adults]
    adult_ids = {m.pk for m in adults}
    # A check made for a household member who is not (yet) an adult is still shown.
    people += [
        (member_label(m), m)
        for m in applicant.household_members.all()
        if m.pk not in adult_ids and any(c.household_member_id == m.pk for c in checks)
    ]
    result = []
    for kind in kinds:
        for person, member in people:
            member_id = member.pk if member else None
            mine = [c for c in checks if c.kind == kind and c.household_member_id == member_id]
            is_required = kind in required and (member is None or member.pk in adult_ids)
            if not mine and not is_required:
                continue
            max_age = max_ages.get(kind)
            result.append(
                ChecklistRow(
                    kind=str(kind),
                    kind_label=str(kind.label),
                    person=person,
                    household_member=member,
                    required=is_required,
                    status=_status(mine, max_age, on),
                    latest=mine[0] if mine else None,
                    valid_until=_valid_until(mine, max_age),
                )
            )
    return result
