from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.applicants.constants import CheckOutcome, RegisterCheckKind
from brygga.applicants.eligibility import (
    DEFAULT_CHECKS,
    CheckFact,
    Facts,
    Rule,
    missing_requirements,
)

TODAY = date(2026, 11, 22)
LSS_CHILDREN = Rule(
    required_checks=(*DEFAULT_CHECKS, RegisterCheckKind.LSS_EXTRACT), extract_max_age_days=365
)


def clean_checks(person=None, kinds=DEFAULT_CHECKS):
    return tuple(
        CheckFact(kind=k, outcome=CheckOutcome.NO_ENTRY, answered_on=TODAY, household_member=person)
        for k in kinds
    )


def complete(**changes):
    values = {
        "age": 35,
        "checks": clean_checks(),
        "references_contacted": 2,
        "interview_held": True,
    }
    values.update(changes)
    return Facts(**values)


def test_a_complete_investigation_has_nothing_missing():
    assert missing_requirements(complete(), Rule(), TODAY) == []


@pytest.mark.parametrize(
    ("facts", "rule", "expected"),
    [
        (complete(age=17), Rule(), "Den sökande är under 18 år."),
        (complete(age=22), Rule(minimum_age=23), "Den sökande är under 23 år."),
        (complete(checks=clean_checks()[1:]), Rule(), "Polisens belastningsregister saknas"),
        (complete(references_contacted=1), Rule(), "1 av 2 referenser är tagna."),
        (complete(interview_held=False), Rule(), "Utredningssamtalet är inte genomfört."),
        (complete(), Rule(requires_home_visit=True), "Hembesöket är inte genomfört."),
        (
            complete(),
            Rule(requires_experience=True),
            "Erfarenhet eller utbildning är inte dokumenterad.",
        ),
        (
            complete(),
            Rule(requires_training=True),
            "Introduktionsutbildningen är inte genomgången.",
        ),
    ],
)
def test_each_missing_requirement_is_named(facts, rule, expected):
    assert expected in missing_requirements(facts, rule, TODAY)


def test_a_disqualifying_entry_blocks_approval():
    checks = (
        CheckFact(kind=RegisterCheckKind.CRIMINAL_RECORD, outcome=CheckOutcome.DISQUALIFIES),
        *clean_checks()[1:],
    )
    assert missing_requirements(complete(checks=checks), Rule(), TODAY) == [
        "Polisens belastningsregister visar ett hinder"
    ]


def test_a_pending_check_does_not_count():
    checks = (
        CheckFact(kind=RegisterCheckKind.CRIMINAL_RECORD, outcome=CheckOutcome.PENDING),
        *clean_checks()[1:],
    )
    assert missing_requirements(complete(checks=checks), Rule(), TODAY) == [
        "Polisens belastningsregister väntar på svar"
    ]


@pytest.mark.parametrize(
    ("days_old", "counts"), [(0, True), (365, True), (366, False), (800, False)]
)
def test_lss_extract_for_work_with_children_must_be_at_most_a_year_old(days_old, counts):
    extract = CheckFact(
        kind=RegisterCheckKind.LSS_EXTRACT,
        outcome=CheckOutcome.NO_ENTRY,
        extract_date=TODAY - timedelta(days=days_old),
    )
    facts = complete(checks=(*clean_checks(), extract))
    reasons = missing_requirements(facts, LSS_CHILDREN, TODAY)
    if counts:
        assert reasons == []
    else:
        assert reasons == ["Utdrag för LSS-verksamhet med barn (lag 2010:479) är för gammalt"]


def test_adults_in_the_household_need_their_own_checks():
    facts = complete(adult_household_members=("Kim",))
    reasons = missing_requirements(facts, Rule(), TODAY)
    assert "Polisens belastningsregister saknas (Kim)" in reasons
    facts = complete(
        adult_household_members=("Kim",), checks=(*clean_checks(), *clean_checks("Kim"))
    )
    assert missing_requirements(facts, Rule(), TODAY) == []


@given(
    age=st.integers(0, 100),
    references=st.integers(0, 5),
    interview=st.booleans(),
    days_old=st.integers(0, 1000),
)
def test_more_done_never_adds_a_reason(age, references, interview, days_old):
    """Property: doing more of the investigation never makes the list of reasons longer."""
    extract = CheckFact(
        kind=RegisterCheckKind.LSS_EXTRACT,
        outcome=CheckOutcome.NO_ENTRY,
        extract_date=TODAY - timedelta(days=days_old),
    )
    before = Facts(
        age=age,
        checks=(*clean_checks(), extract),
        references_contacted=references,
        interview_held=interview,
    )
    after = Facts(
        age=age,
        checks=(*clean_checks(), extract),
        references_contacted=references + 1,
        interview_held=True,
    )
    assert len(missing_requirements(after, LSS_CHILDREN, TODAY)) <= len(
        missing_requirements(before, LSS_CHILDREN, TODAY)
    )
