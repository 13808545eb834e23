"""Whether an applicant may be approved for an assignment type: a pure function over facts.

No database access, so every rule can be tested exhaustively. `applicants.selectors`
gathers the facts; `applicants.services.approval_decide` refuses approval while
`missing_requirements` returns anything, and shows the reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .constants import EXTRACT_KINDS, CheckOutcome, RegisterCheckKind

# The Polisen, social services and Kronofogden checks every municipality in domain §2.4 makes.
DEFAULT_CHECKS = (
    RegisterCheckKind.CRIMINAL_RECORD,
    RegisterCheckKind.SUSPICION_REGISTER,
    RegisterCheckKind.SOCIAL_SERVICES,
    RegisterCheckKind.ENFORCEMENT_AUTHORITY,
)
LSS_CHILDREN_EXTRACT_MAX_AGE_DAYS = 365  # lag (2010:479): at most one year old


@dataclass(frozen=True)
class Rule:
    minimum_age: int = 18
    required_checks: tuple[str, ...] = tuple(DEFAULT_CHECKS)
    extract_max_age_days: int | None = None
    minimum_references: int = 2
    requires_interview: bool = True
    requires_home_visit: bool = False
    requires_experience: bool = False
    requires_training: bool = False


@dataclass(frozen=True)
class CheckFact:
    kind: str
    outcome: str
    extract_date: date | None = None
    answered_on: date | None = None
    household_member: str | None = None  # None: the applicant


@dataclass(frozen=True)
class Facts:
    age: int
    checks: tuple[CheckFact, ...] = ()
    adult_household_members: tuple[str, ...] = ()
    references_contacted: int = 0
    interview_held: bool = False
    home_visit_held: bool = False
    experience_documented: bool = False
    training_attended: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _check_counts(check: CheckFact, rule: Rule, on: date) -> bool:
    if check.outcome not in (CheckOutcome.NO_ENTRY, CheckOutcome.NO_OBSTACLE):
        return False
    if check.kind in EXTRACT_KINDS and rule.extract_max_age_days is not None:
        issued = check.extract_date or check.answered_on
        if issued is None or on - issued > timedelta(days=rule.extract_max_age_days):
            return False
    return True


def missing_requirements(facts: Facts, rule: Rule, on: date) -> list[str]:
    """Every reason the applicant cannot be approved on `on`, in plain Swedish; [] if none."""
    reasons: list[str] = []
    if facts.age < rule.minimum_age:
        reasons.append(str(_("Den sökande är under %(age)s år.") % {"age": rule.minimum_age}))
    people: list[str | None] = [None, *facts.adult_household_members]
    for kind in rule.required_checks:
        label = RegisterCheckKind(kind).label
        for person in people:
            relevant = [c for c in facts.checks if c.kind == kind and c.household_member == person]
            if any(c.outcome == CheckOutcome.DISQUALIFIES for c in relevant):
                reasons.append(_reason(_("%(check)s visar ett hinder"), label, person))
            elif not relevant:
                reasons.append(_reason(_("%(check)s saknas"), label, person))
            elif not any(_check_counts(c, rule, on) for c in relevant):
                if kind in EXTRACT_KINDS and any(
                    c.outcome in (CheckOutcome.NO_ENTRY, CheckOutcome.NO_OBSTACLE) for c in relevant
                ):
                    reasons.append(_reason(_("%(check)s är för gammalt"), label, person))
                else:
                    reasons.append(_reason(_("%(check)s väntar på svar"), label, person))
    if facts.references_contacted < rule.minimum_references:
        reasons.append(
            str(
                _("%(done)s av %(needed)s referenser är tagna.")
                % {"done": facts.references_contacted, "needed": rule.minimum_references}
            )
        )
    if rule.requires_interview and not facts.interview_held:
        reasons.append(str(_("Utredningssamtalet är inte genomfört.")))
    if rule.requires_home_visit and not facts.home_visit_held:
        reasons.append(str(_("Hembesöket är inte genomfört.")))
    if rule.requires_experience and not facts.experience_documented:
        reasons.append(str(_("Erfarenhet eller utbildning är inte dokumenterad.")))
    if rule.requires_training and not facts.training_attended:
        reasons.append(str(_("Introduktionsutbildningen är inte genomgången.")))
    return reasons


def _reason(template: object, label: object, person: str | None) -> str:
    text = str(template) % {"check": label}
    return f"{text} ({person})" if person else text
