"""Matching: each hard constraint and soft criterion by example, then properties.

Pure: no database, no Django app of our own needed (the module is plain Python).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from brygga.assignments.matching import (
    ACCEPTABLE_OUTCOMES,
    AVAILABILITY_LABELS,
    CHECK_LABELS,
    DEFAULT_WEIGHTS,
    ELIGIBLE_STATUSES,
    EXTRACT_KINDS,
    Approval,
    Candidate,
    CarerProfile,
    Check,
    Criterion,
    Need,
    Reason,
    Weights,
    area_distance,
    excluded,
    rank_candidates,
)

START = date(2026, 9, 1)
CRIME = "criminal_record"
CHILD = "children_extract_2013_852"
LSS = "lss_extract_2010_479"

APPROVED = Approval("kontaktperson", None, date(2025, 1, 1), None)
CLEAN_CHECKS = (
    Check(CRIME, "no_entry", date(2025, 1, 10)),
    Check(CHILD, "no_entry", date(2026, 6, 1)),
)


def make_need(**overrides: object) -> Need:
    values: dict[str, object] = {
        "assignment_type": "kontaktperson",
        "target_group": "barn_unga",
        "start": START,
        "client_age": 13,
        "client_area": "Centrum",
        "client_postal_code": "123 45",
        "required_checks": (CRIME, CHILD),
        "extract_max_age_days": 365,
    }
    values.update(overrides)
    return Need(**values)  # type: ignore[arg-type]


def make_carer(carer_id: str = "a", **overrides: object) -> CarerProfile:
    """A carer who meets every hard constraint of `make_need()`."""
    values: dict[str, object] = {
        "id": carer_id,
        "age": 35,
        "status": "available",
        "capacity_left": 1,
        "approvals": (APPROVED,),
        "checks": CLEAN_CHECKS,
    }
    values.update(overrides)
    return CarerProfile(**values)  # type: ignore[arg-type]


def reason(candidate: Candidate, criterion: Criterion) -> Reason:
    return next(r for r in candidate.reasons if r.criterion == criterion)


def only_candidate(need: Need, carer: CarerProfile) -> Candidate:
    ranked = rank_candidates(need, [carer])
    assert len(ranked) == 1, excluded(need, [carer])
    return ranked[0]


# --- The codes repeat the carers app's choices -------------------------------------------


def test_codes_agree_with_the_carers_app():
    from brygga.applicants.constants import CheckOutcome as ApplicantOutcome
    from brygga.carers.constants import (
        CHILD_EXTRACT_KINDS,
        Availability,
        CarerStatus,
        CheckKind,
        CheckOutcome,
    )

    assert set(CHECK_LABELS) == set(CheckKind.values)
    assert set(EXTRACT_KINDS) == set(CHILD_EXTRACT_KINDS)
    assert set(AVAILABILITY_LABELS) == set(Availability.values)
    assert {CarerStatus.AVAILABLE, CarerStatus.IN_ASSIGNMENT} == ELIGIBLE_STATUSES
    assert set(ACCEPTABLE_OUTCOMES) == set(CheckOutcome.values)
    assert {ApplicantOutcome.NO_ENTRY, ApplicantOutcome.NO_OBSTACLE} == set(ACCEPTABLE_OUTCOMES)


# --- Hard constraints: who is excluded, and why ------------------------------------------

NO_APPROVAL = (
    "Saknar giltigt godkännande för uppdragstypen och målgruppen på startdagen 2026-09-01."
)
NO_CRIME_CHECK = "Registerkontroll saknas: Polisens belastningsregister."
CRIME_OBSTACLE = "Polisens belastningsregister: utfallet är ett hinder eller inte klart."
CHILD_LABEL = "Registerutdrag för arbete med barn (lag 2013:852)"
EXTRACT_TOO_OLD = (
    f"{CHILD_LABEL}: utdraget är 366 dagar gammalt på startdagen; högst 365 dagar godtas."
)
NO_ROOM = "Har inte plats för fler uppdrag (högsta antalet samtidiga uppdrag nått)."
CONFLICT = "Får inte föreslås för den här klienten (känd jäv- eller konfliktsituation)."


def crime_and(child: Check) -> tuple[Check, ...]:
    return (CLEAN_CHECKS[0], child)


@pytest.mark.parametrize(
    ("carer_changes", "need_changes", "expected"),
    [
        # approvals
        ({"approvals": ()}, {}, [NO_APPROVAL]),
        ({"approvals": (APPROVED._replace(assignment_type="kontaktfamilj"),)}, {}, [NO_APPROVAL]),
        ({"approvals": (APPROVED._replace(target_group="vuxna"),)}, {}, [NO_APPROVAL]),
        ({"approvals": (APPROVED._replace(valid_until=date(2026, 8, 31)),)}, {}, [NO_APPROVAL]),
        ({"approvals": (APPROVED._replace(valid_from=date(2026, 9, 2)),)}, {}, [NO_APPROVAL]),
        # a decision without a group is covered only by an approval without a group
        (
            {"approvals": (APPROVED._replace(target_group="barn_unga"),)},
            {"target_group": None},
            [NO_APPROVAL],
        ),
        # register checks
        ({"checks": (CLEAN_CHECKS[1],)}, {}, [NO_CRIME_CHECK]),
        (
            {"checks": (CLEAN_CHECKS[1], CLEAN_CHECKS[0]._replace(outcome="unknown"))},
            {},
            [CRIME_OBSTACLE],
        ),
        (
            {"checks": (CLEAN_CHECKS[0]._replace(outcome="entry_disqualifies"), CLEAN_CHECKS[1])},
            {},
            [CRIME_OBSTACLE],
        ),
        (
            {"checks": (CLEAN_CHECKS[0]._replace(outcome="pending"), CLEAN_CHECKS[1])},
            {},
            [CRIME_OBSTACLE],
        ),
        (
            {"checks": crime_and(Check(CHILD, "no_entry", START - timedelta(days=366)))},
            {},
            [EXTRACT_TOO_OLD],
        ),
        (
            {"checks": crime_and(Check(CHILD, "no_entry", START + timedelta(days=1)))},
            {},
            [f"{CHILD_LABEL}: utdraget är daterat efter startdagen 2026-09-01."],
        ),
        (
            {"checks": (CLEAN_CHECKS[0],)},
            {},
            [f"Registerkontroll saknas: {CHILD_LABEL}."],
        ),
        (
            {"checks": CLEAN_CHECKS},
            {"required_checks": (CRIME, LSS)},
            ["Registerkontroll saknas: Registerutdrag för LSS-verksamhet med barn (lag 2010:479)."],
        ),
        # status, capacity, age, qualifications, conflicts
        ({"status": "paused"}, {}, ["Uppdragstagaren är vilande."]),
        ({"status": "deregistered"}, {}, ["Uppdragstagaren är avregistrerad."]),
        ({"status": "applicant"}, {}, ["Okänd status: applicant."]),
        ({"capacity_left": 0}, {}, [NO_ROOM]),
        ({"capacity_left": -1}, {}, [NO_ROOM]),
        ({"age": 17}, {}, ["Är 17 år; uppdraget kräver minst 18 år."]),
        ({"age": 22}, {"minimum_carer_age": 23}, ["Är 22 år; uppdraget kräver minst 23 år."]),
        (
            {"qualifications": ()},
            {"required_qualifications": ("experience",)},
            ["Saknar kravet: dokumenterad utbildning eller erfarenhet av målgruppen."],
        ),
        ({}, {"required_qualifications": ("sign_language",)}, ["Saknar kravet: sign_language."]),
        ({}, {"conflicts": ("b", "a")}, [CONFLICT]),
        # every broken constraint is listed, in a fixed order
        (
            {"approvals": (), "checks": (), "status": "paused", "capacity_left": 0, "age": 16},
            {"conflicts": ("a",), "required_checks": (CRIME,)},
            [
                NO_APPROVAL,
                NO_CRIME_CHECK,
                "Uppdragstagaren är vilande.",
                NO_ROOM,
                "Är 16 år; uppdraget kräver minst 18 år.",
                CONFLICT,
            ],
        ),
    ],
)
def test_a_broken_hard_constraint_excludes_with_a_swedish_reason(
    carer_changes, need_changes, expected
):
    need = make_need(**need_changes)
    carer = make_carer(**carer_changes)
    assert rank_candidates(need, [carer]) == []
    [exclusion] = excluded(need, [carer])
    assert exclusion.carer_id == "a"
    assert list(exclusion.reasons) == expected


@pytest.mark.parametrize(
    ("carer_changes", "need_changes"),
    [
        ({}, {}),
        ({"status": "in_assignment"}, {}),
        ({"age": 18}, {}),  # exactly the minimum
        ({"approvals": (APPROVED._replace(target_group="barn_unga"),)}, {}),
        ({"approvals": (APPROVED._replace(valid_from=START, valid_until=START),)}, {}),
        # one valid approval among several is enough
        (
            {
                "approvals": (
                    APPROVED._replace(valid_until=date(2026, 1, 1)),
                    APPROVED._replace(assignment_type="kontaktfamilj"),
                    APPROVED._replace(valid_from=date(2026, 2, 1)),
                )
            },
            {},
        ),
        ({}, {"target_group": None}),  # an approval without a group covers that too
        ({"checks": crime_and(Check(CHILD, "no_entry", START - timedelta(days=365)))}, {}),
        ({"checks": crime_and(Check(CHILD, "entry_no_obstacle", START))}, {}),
        # an old extract does not matter when a recent one exists
        (
            {
                "checks": (
                    *CLEAN_CHECKS,
                    Check(CHILD, "no_entry", date(2020, 1, 1)),
                    Check(CRIME, "entry_disqualifies", date(2019, 1, 1)),
                )
            },
            {},
        ),
        # the order of checks does not matter; other registers have no age limit; without
        # a limit neither do extracts
        ({"checks": CLEAN_CHECKS[::-1]}, {}),
        ({"checks": (Check(CRIME, "no_entry", date(2010, 1, 1)), CLEAN_CHECKS[1])}, {}),
        (
            {"checks": crime_and(Check(CHILD, "no_entry", date(2020, 1, 1)))},
            {"extract_max_age_days": None},
        ),
        # checks the decision does not require are not looked at
        (
            {"checks": (Check("social_insurance", "entry_disqualifies", START),)},
            {"required_checks": ()},
        ),
        ({"qualifications": ("experience",)}, {"required_qualifications": ("experience",)}),
        ({}, {"conflicts": ("b",)}),
    ],
)
def test_a_carer_meeting_every_hard_constraint_is_ranked(carer_changes, need_changes):
    need = make_need(**need_changes)
    carer = make_carer(**carer_changes)
    assert excluded(need, [carer]) == []
    assert [c.carer_id for c in rank_candidates(need, [carer])] == ["a"]


# --- Distance ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        (("Centrum", "123 45"), ("Centrum", "987 65"), 0),
        (("  Gamla  stan ", ""), ("gamla stan", ""), 0),  # case and spacing ignored
        (("Centrum", "123 45"), ("Norr", "12399"), 1),
        (("Centrum", "123 45"), ("Norr", "129 99"), 2),
        (("Centrum", "123 45"), ("Norr", "553 21"), 3),
        (("", "123 45"), ("", "123 45"), 1),  # no area: no "same area"
        (("", ""), ("", ""), 3),
        (("Centrum", "12"), ("Norr", "12"), 2),
        (("Centrum", ""), ("Norr", "123 45"), 3),
        (("Centrum", "SE-123 45"), ("Norr", "123 99"), 1),
    ],
)
def test_area_distance(a, b, distance):
    assert area_distance(a[0], a[1], b[0], b[1]) == distance
    assert area_distance(b[0], b[1], a[0], a[1]) == distance  # symmetric


@pytest.mark.parametrize(
    ("area", "postal_code", "verdict", "points", "text"),
    [
        ("centrum", "999 99", "for", 30, "Samma område som klienten (centrum)."),
        ("Norr", "123 99", "for", 20, "Nära: samma tre första siffror i postnumret som klienten."),
        (
            "Norr",
            "129 99",
            "neutral",
            10,
            "En bit bort: samma två första siffror i postnumret som klienten.",
        ),
        ("Norr", "553 21", "against", 0, "Långt från klienten: ett annat postnummerområde."),
        (
            "Norr",
            "",
            "against",
            0,
            "Avståndet går inte att bedöma: område och postnummer räcker inte.",
        ),
    ],
)
def test_distance_reason(area, postal_code, verdict, points, text):
    candidate = only_candidate(make_need(), make_carer(area=area, postal_code=postal_code))
    assert reason(candidate, Criterion.DISTANCE) == Reason(
        Criterion.DISTANCE, verdict, text, points
    )


# --- Soft criteria, one table ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "need_changes", "carer_changes", "verdict", "points", "text"),
    [
        # languages: 15 per shared language, at most two counted
        (
            Criterion.LANGUAGE,
            {},
            {"languages": ("svenska",)},
            "neutral",
            0,
            "Klientens språk är inte angivna.",
        ),
        (
            Criterion.LANGUAGE,
            {"client_languages": ("svenska", "arabiska")},
            {"languages": ("arabiska", "engelska")},
            "for",
            15,
            "Talar samma språk som klienten: arabiska.",
        ),
        (
            Criterion.LANGUAGE,
            {"client_languages": ("svenska", "arabiska", "kurdiska")},
            {"languages": ("svenska", "kurdiska", "arabiska")},
            "for",
            30,
            "Talar samma språk som klienten: arabiska, kurdiska och svenska.",
        ),
        (
            Criterion.LANGUAGE,
            {"client_languages": ("somaliska", "arabiska")},
            {"languages": ("svenska",)},
            "against",
            0,
            "Talar inte klientens språk (arabiska och somaliska).",
        ),
        # interests: 5 per shared interest, at most four counted
        (
            Criterion.INTERESTS,
            {},
            {"interests": ("fotboll",)},
            "neutral",
            0,
            "Klientens intressen är inte angivna.",
        ),
        (
            Criterion.INTERESTS,
            {"client_interests": ("fotboll", "musik", "spel")},
            {"interests": ("musik", "fotboll", "bakning")},
            "for",
            10,
            "Gemensamma intressen: fotboll och musik.",
        ),
        (
            Criterion.INTERESTS,
            {"client_interests": ("a", "b", "c", "d", "e")},
            {"interests": ("e", "d", "c", "b", "a")},
            "for",
            20,
            "Gemensamma intressen: a, b, c, d och e.",
        ),
        (
            Criterion.INTERESTS,
            {"client_interests": ("fotboll",)},
            {"interests": ("musik",)},
            "neutral",
            0,
            "Inga gemensamma intressen.",
        ),
        # the client's wish about the carer's sex
        (
            Criterion.CARER_SEX,
            {},
            {"sex": "F"},
            "neutral",
            0,
            "Klienten har inget önskemål om kön.",
        ),
        (
            Criterion.CARER_SEX,
            {"wished_carer_sex": "M"},
            {"sex": "M"},
            "for",
            15,
            "Klienten önskar en man som uppdragstagare, och det stämmer.",
        ),
        (
            Criterion.CARER_SEX,
            {"wished_carer_sex": "F"},
            {"sex": "M"},
            "against",
            0,
            "Klienten önskar en kvinna.",
        ),
        (
            Criterion.CARER_SEX,
            {"wished_carer_sex": "F"},
            {"sex": None},
            "neutral",
            0,
            "Klienten önskar en kvinna; uppdragstagarens kön är inte angivet.",
        ),
        # the client's wish about the carer's age
        (Criterion.CARER_AGE, {}, {}, "neutral", 0, "Klienten har inget önskemål om ålder."),
        (
            Criterion.CARER_AGE,
            {"wished_carer_age_min": 25, "wished_carer_age_max": 35},
            {"age": 35},
            "for",
            10,
            "Är 35 år; klienten önskar en uppdragstagare som är 25–35 år.",
        ),
        (
            Criterion.CARER_AGE,
            {"wished_carer_age_min": 40},
            {"age": 35},
            "against",
            0,
            "Är 35 år; klienten önskar en uppdragstagare som är minst 40 år.",
        ),
        (
            Criterion.CARER_AGE,
            {"wished_carer_age_max": 30},
            {"age": 30},
            "for",
            10,
            "Är 30 år; klienten önskar en uppdragstagare som är högst 30 år.",
        ),
        # the carer's wish about the client's age
        (
            Criterion.CLIENT_AGE_PREFERENCE,
            {},
            {},
            "neutral",
            0,
            "Uppdragstagaren har inte angett någon önskad ålder på klienten.",
        ),
        (
            Criterion.CLIENT_AGE_PREFERENCE,
            {"client_age": 13},
            {"preferred_client_age_min": 13, "preferred_client_age_max": 17},
            "for",
            10,
            "Klienten (13 år) passar uppdragstagarens önskemål (13–17 år).",
        ),
        (
            Criterion.CLIENT_AGE_PREFERENCE,
            {"client_age": 13},
            {"preferred_client_age_max": 12},
            "against",
            0,
            "Klienten (13 år) är utanför uppdragstagarens önskemål (högst 12 år).",
        ),
        # availability: 10 per needed time the carer can
        (Criterion.AVAILABILITY, {}, {}, "neutral", 0, "Uppdraget anger inga särskilda tider."),
        (
            Criterion.AVAILABILITY,
            {"availability_needed": ("weekday_evenings", "weekends")},
            {"availability": ("weekends", "weekday_daytime", "weekday_evenings")},
            "for",
            20,
            "Kan vardagskvällar och helger, som uppdraget behöver.",
        ),
        (
            Criterion.AVAILABILITY,
            {"availability_needed": ("weekday_evenings", "weekends")},
            {"availability": ("weekends",)},
            "neutral",
            10,
            "Kan helger men inte vardagskvällar.",
        ),
        (
            Criterion.AVAILABILITY,
            {"availability_needed": ("weekday_evenings", "weekends")},
            {"availability": ("weekday_daytime",)},
            "against",
            0,
            "Kan inte vardagskvällar och helger, som uppdraget behöver.",
        ),
        # car
        (Criterion.CAR, {}, {"has_car": False}, "neutral", 0, "Uppdraget kräver ingen bil."),
        (
            Criterion.CAR,
            {"needs_car": True},
            {"has_car": True},
            "for",
            10,
            "Har bil, som uppdraget behöver.",
        ),
        (
            Criterion.CAR,
            {"needs_car": True},
            {"has_car": False},
            "against",
            0,
            "Har ingen bil; uppdraget behöver bil.",
        ),
        # waiting in the pool: 2 per whole 30 days up to the start date, at most 12 months
        (
            Criterion.WAITING,
            {},
            {"waiting_since": None},
            "neutral",
            0,
            "Väntar inte på uppdrag (har eller har nyss haft ett).",
        ),
        (
            Criterion.WAITING,
            {},
            {"waiting_since": START - timedelta(days=29)},
            "neutral",
            0,
            "Har väntat på uppdrag i mindre än en månad.",
        ),
        (
            Criterion.WAITING,
            {},
            {"waiting_since": START + timedelta(days=10)},  # became available after the start
            "neutral",
            0,
            "Har väntat på uppdrag i mindre än en månad.",
        ),
        (
            Criterion.WAITING,
            {},
            {"waiting_since": START - timedelta(days=30)},
            "for",
            2,
            "Har väntat på uppdrag i 1 månad till startdagen.",
        ),
        (
            Criterion.WAITING,
            {},
            {"waiting_since": START - timedelta(days=400)},
            "for",
            24,
            "Har väntat på uppdrag i 13 månader till startdagen. Högst 12 månader räknas.",
        ),
    ],
)
def test_soft_criterion(criterion, need_changes, carer_changes, verdict, points, text):
    candidate = only_candidate(make_need(**need_changes), make_carer(**carer_changes))
    assert reason(candidate, criterion) == Reason(criterion, verdict, text, points)


def test_every_candidate_has_one_reason_per_criterion_and_the_score_is_their_sum():
    need = make_need(client_languages=("svenska",), needs_car=True, wished_carer_sex="F")
    candidate = only_candidate(need, make_carer(languages=("svenska",), sex="F", has_car=True))
    assert [r.criterion for r in candidate.reasons] == list(Criterion)
    assert candidate.score == sum(r.points for r in candidate.reasons)
    # same area? no: "" vs Centrum and no postal code -> 0; svenska 15, F 15, car 10
    assert candidate.score == 40


# --- Order -----------------------------------------------------------------------------------


def test_closer_and_better_fitting_carers_come_first():
    need = make_need(client_languages=("arabiska",), client_interests=("fotboll",))
    near = make_carer("near", area="Centrum")
    speaks = make_carer("speaks", area="Norr", postal_code="553 21", languages=("arabiska",))
    both = make_carer("both", area="Centrum", languages=("arabiska",), interests=("fotboll",))
    far = make_carer("far", postal_code="553 21")
    assert [c.carer_id for c in rank_candidates(need, [far, speaks, near, both])] == [
        "both",
        "near",
        "speaks",
        "far",
    ]


def test_ties_go_to_the_longest_waiting_then_to_the_id():
    need = make_need()
    long_ago = START - timedelta(days=900)  # both capped at 12 months: equal points
    carers = [
        make_carer("d", waiting_since=None),
        make_carer("c", waiting_since=START - timedelta(days=500)),
        make_carer("b", waiting_since=long_ago),
        make_carer("a", waiting_since=None),
        make_carer("e", waiting_since=long_ago),
    ]
    ranked = rank_candidates(need, carers)
    assert len({c.score for c in ranked[:3]}) == 1
    assert [c.carer_id for c in ranked] == ["b", "e", "c", "a", "d"]


def test_weights_are_named_and_can_be_changed():
    need = make_need(client_languages=("arabiska",), needs_car=True)
    with_car = make_carer("car", has_car=True)
    speaks = make_carer("speaks", languages=("arabiska",))
    assert [c.carer_id for c in rank_candidates(need, [with_car, speaks])] == ["speaks", "car"]
    car_first = dataclasses.replace(DEFAULT_WEIGHTS, car=50)
    assert [c.carer_id for c in rank_candidates(need, [with_car, speaks], weights=car_first)] == [
        "car",
        "speaks",
    ]
    assert (
        reason(rank_candidates(need, [with_car], weights=car_first)[0], Criterion.CAR).points == 50
    )


@pytest.mark.parametrize("value", [-1, 1.5, None])
def test_weights_must_be_whole_and_not_negative(value):
    with pytest.raises(ValueError, match="car"):
        Weights(car=value)  # type: ignore[arg-type]


def test_carer_ids_must_be_unique():
    with pytest.raises(ValueError, match="repeated: a"):
        rank_candidates(make_need(), [make_carer("a"), make_carer("b"), make_carer("a")])
    with pytest.raises(ValueError, match="repeated: a"):
        excluded(make_need(), [make_carer("a"), make_carer("a")])


def test_empty_pool():
    assert rank_candidates(make_need(), []) == []
    assert excluded(make_need(), []) == []


# --- Properties ------------------------------------------------------------------------------

TYPES = ["kontaktperson", "kontaktfamilj"]
GROUPS = [None, "barn_unga", "vuxna"]
PLACES = [
    ("Centrum", "123 45"),
    ("centrum ", "553 21"),
    ("Norr", "123 99"),
    ("Söder", "129 01"),
    ("Väster", "553 30"),
    ("", ""),
    ("Öster", "12"),
]
LANGUAGES = ["svenska", "arabiska", "somaliska", "engelska"]
INTERESTS = ["fotboll", "musik", "natur", "spel", "bakning", "film"]
TIMES = list(AVAILABILITY_LABELS)
KINDS = [CRIME, CHILD, LSS, "social_services"]
OUTCOMES = ["no_entry", "entry_no_obstacle", "entry_disqualifies", "pending"]
STATUSES = ["available", "in_assignment", "paused", "deregistered"]
IDS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]

days_near_start = st.integers(min_value=-800, max_value=60).map(lambda d: START + timedelta(days=d))
sexes = st.sampled_from(["F", "M", None])
small_ages = st.none() | st.integers(min_value=0, max_value=80)


def subsets(items: list[str], max_size: int | None = None) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(items), unique=True, max_size=max_size or len(items)).map(tuple)


approvals = st.builds(
    Approval,
    st.sampled_from(TYPES),
    st.sampled_from(GROUPS),
    days_near_start,
    st.none() | days_near_start,
)
checks = st.builds(Check, st.sampled_from(KINDS), st.sampled_from(OUTCOMES), days_near_start)


@st.composite
def soft_fields(draw: st.DrawFn) -> dict[str, object]:
    """The carer attributes soft criteria read."""
    area, postal_code = draw(st.sampled_from(PLACES))
    return {
        "sex": draw(sexes),
        "area": area,
        "postal_code": postal_code,
        "languages": draw(subsets(LANGUAGES, 3)),
        "interests": draw(subsets(INTERESTS, 4)),
        "has_car": draw(st.booleans()),
        "availability": draw(subsets(TIMES)),
        "waiting_since": draw(st.none() | days_near_start),
        "preferred_client_age_min": draw(small_ages),
        "preferred_client_age_max": draw(small_ages),
    }


@st.composite
def any_carer(draw: st.DrawFn, carer_id: str) -> CarerProfile:
    return CarerProfile(
        id=carer_id,
        age=draw(st.integers(min_value=15, max_value=80)),
        status=draw(st.sampled_from(STATUSES)),
        capacity_left=draw(st.integers(min_value=-1, max_value=3)),
        approvals=tuple(draw(st.lists(approvals, max_size=3))),
        checks=tuple(draw(st.lists(checks, max_size=5))),
        qualifications=draw(subsets(["experience", "education"])),
        **draw(soft_fields()),  # type: ignore[arg-type]
    )


@st.composite
def eligible_carer(draw: st.DrawFn, carer_id: str) -> CarerProfile:
    """A carer who meets every hard constraint of `make_need()` (and of `soft_need`)."""
    return make_carer(carer_id, age=draw(st.integers(18, 80)), **draw(soft_fields()))


def pool(
    carer: Callable[[str], st.SearchStrategy[CarerProfile]],
) -> st.SearchStrategy[list[CarerProfile]]:
    """Up to six carers with unique ids."""
    return st.lists(st.sampled_from(IDS), unique=True, max_size=6).flatmap(
        lambda ids: st.tuples(*(carer(i) for i in ids)).map(list)
    )


@st.composite
def soft_need(draw: st.DrawFn) -> Need:
    """`make_need()` with random soft wishes: every `eligible_carer` stays eligible."""
    area, postal_code = draw(st.sampled_from(PLACES))
    return make_need(
        client_age=draw(st.integers(0, 80)),
        client_sex=draw(sexes),
        client_area=area,
        client_postal_code=postal_code,
        client_languages=draw(subsets(LANGUAGES, 2)),
        client_interests=draw(subsets(INTERESTS, 4)),
        wished_carer_sex=draw(sexes),
        wished_carer_age_min=draw(st.none() | st.integers(18, 50)),
        wished_carer_age_max=draw(st.none() | st.integers(30, 80)),
        needs_car=draw(st.booleans()),
        availability_needed=draw(subsets(TIMES)),
    )


@st.composite
def any_need(draw: st.DrawFn) -> Need:
    return dataclasses.replace(
        draw(soft_need()),
        assignment_type=draw(st.sampled_from(TYPES)),
        target_group=draw(st.sampled_from(GROUPS)),
        required_checks=draw(subsets(KINDS, 3)),
        extract_max_age_days=draw(st.none() | st.sampled_from([180, 365])),
        minimum_carer_age=draw(st.sampled_from([18, 21, 23])),
        required_qualifications=draw(subsets(["experience"])),
        conflicts=draw(subsets(IDS, 3)),
    )


usually = st.sampled_from([True, True, True, True, False])


@st.composite
def near_miss_carer(draw: st.DrawFn, need: Need, carer_id: str) -> CarerProfile:
    """A random carer whose every hard attribute is, most of the time, made to fit `need`.

    Fully random carers almost never pass every constraint; these pass often, and often miss
    by exactly one constraint, with extract dates on and beside the age limit.
    """
    carer = draw(any_carer(carer_id))
    changes: dict[str, object] = {}
    if draw(usually):  # an approval on or just beside every limit
        near = Approval(
            draw(st.sampled_from([need.assignment_type, *TYPES])),
            draw(st.sampled_from([None, need.target_group, *GROUPS])),
            draw(st.sampled_from([START - timedelta(days=100), START, START + timedelta(days=1)])),
            draw(st.sampled_from([None, START, START - timedelta(days=1)])),
        )
        changes["approvals"] = tuple(draw(st.permutations([*carer.approvals, near])))
    if draw(usually):
        limit = need.extract_max_age_days or 800
        edges = [START + timedelta(days=1), START, START - timedelta(days=limit)]
        edges.append(START - timedelta(days=limit + 1))
        kept = list(carer.checks)
        for kind in need.required_checks:
            day = draw(st.sampled_from(edges))
            kept.append(Check(kind, draw(st.sampled_from(OUTCOMES[:2])), day))
        changes["checks"] = tuple(draw(st.permutations(kept)))
    if draw(usually):
        changes["status"] = draw(st.sampled_from(sorted(ELIGIBLE_STATUSES)))
    if draw(usually):
        changes["capacity_left"] = draw(st.integers(1, 3))
    if draw(usually):
        changes["age"] = need.minimum_carer_age + draw(st.integers(0, 40))
    if draw(usually):
        changes["qualifications"] = (*carer.qualifications, *need.required_qualifications)
    return dataclasses.replace(carer, **changes)


@st.composite
def need_and_pool(draw: st.DrawFn) -> tuple[Need, list[CarerProfile]]:
    need = draw(any_need())
    carer_ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=6))
    return need, [draw(near_miss_carer(need, carer_id)) for carer_id in carer_ids]


def breaks_a_hard_constraint(need: Need, carer: CarerProfile) -> bool:
    """The hard constraints, written out again independently of the module."""
    approved = any(
        a.assignment_type == need.assignment_type
        and a.target_group in (None, need.target_group)
        and a.valid_from <= need.start
        and (a.valid_until is None or need.start <= a.valid_until)
        for a in carer.approvals
    )

    def counts(check: Check) -> bool:
        if check.outcome not in ("no_entry", "entry_no_obstacle"):
            return False
        if check.kind not in (CHILD, LSS) or need.extract_max_age_days is None:
            return True
        return 0 <= (need.start - check.extract_date).days <= need.extract_max_age_days

    checked = all(
        any(c.kind == kind and counts(c) for c in carer.checks) for kind in need.required_checks
    )
    return not (
        approved
        and checked
        and carer.capacity_left > 0
        and carer.status in ("available", "in_assignment")
        and carer.age >= need.minimum_carer_age
        and set(need.required_qualifications) <= set(carer.qualifications)
        and carer.id not in need.conflicts
    )


def ids(candidates: list[Candidate]) -> list[str]:
    return [c.carer_id for c in candidates]


@given(case=need_and_pool())
def test_ranked_and_excluded_split_the_pool_exactly_by_the_hard_constraints(case):
    need, carers = case
    ranked = rank_candidates(need, carers)
    gone = excluded(need, carers)
    assert sorted(ids(ranked) + [e.carer_id for e in gone]) == sorted(c.id for c in carers)
    for carer in carers:
        assert (carer.id in ids(ranked)) is not breaks_a_hard_constraint(need, carer)
    assert all(exclusion.reasons for exclusion in gone)


@given(case=need_and_pool(), data=st.data())
def test_the_result_is_deterministic_and_independent_of_input_order(case, data):
    need, carers = case
    shuffled = data.draw(st.permutations(carers))
    assert rank_candidates(need, shuffled) == rank_candidates(need, carers)
    assert rank_candidates(need, carers) == rank_candidates(need, carers)
    assert excluded(need, shuffled) == excluded(need, carers)


NO_WEIGHTS = Weights(**{f.name: 0 for f in dataclasses.fields(Weights)})


@given(
    need=soft_need(),
    carers=pool(eligible_carer),
    weights=st.sampled_from([DEFAULT_WEIGHTS, NO_WEIGHTS]),
)
def test_the_order_is_score_then_longest_waiting_then_id(need, carers, weights):
    ranked = rank_candidates(need, carers, weights=weights)
    by_id = {c.id: c for c in carers}

    def key(candidate: Candidate) -> tuple[int, date, str]:
        waiting_since = by_id[candidate.carer_id].waiting_since
        return (-candidate.score, waiting_since or date.max, candidate.carer_id)

    assert [key(c) for c in ranked] == sorted(key(c) for c in ranked)
    assert ranked == rank_candidates(need, carers[::-1], weights=weights)


def expected_points(need: Need, carer: CarerProfile) -> dict[Criterion, int]:
    """The default weights' formulas, written out again independently of the module."""

    def within(value: int, low: int | None, high: int | None) -> bool:
        return (low is None or low <= value) and (high is None or value <= high)

    distance = area_distance(
        need.client_area, need.client_postal_code, carer.area, carer.postal_code
    )
    wished_age = need.wished_carer_age_min is not None or need.wished_carer_age_max is not None
    preferred = (carer.preferred_client_age_min, carer.preferred_client_age_max)
    waited = 0 if carer.waiting_since is None else (need.start - carer.waiting_since).days
    return {
        Criterion.DISTANCE: 10 * (3 - distance),
        Criterion.LANGUAGE: 15 * min(2, len(set(need.client_languages) & set(carer.languages))),
        Criterion.INTERESTS: 5 * min(4, len(set(need.client_interests) & set(carer.interests))),
        Criterion.CARER_SEX: 15
        if need.wished_carer_sex and need.wished_carer_sex == carer.sex
        else 0,
        Criterion.CARER_AGE: 10
        if wished_age and within(carer.age, need.wished_carer_age_min, need.wished_carer_age_max)
        else 0,
        Criterion.CLIENT_AGE_PREFERENCE: 10
        if preferred != (None, None) and within(need.client_age, *preferred)
        else 0,
        Criterion.AVAILABILITY: 10 * len(set(need.availability_needed) & set(carer.availability)),
        Criterion.CAR: 10 if need.needs_car and carer.has_car else 0,
        Criterion.WAITING: 2 * min(12, max(0, waited) // 30),
    }


@given(need=soft_need(), carers=pool(eligible_carer))
def test_every_reason_gives_the_documented_points_alone_and_in_a_pool(need, carers):
    """Reasons are shared between carers with the same attributes; never between others."""
    ranked = rank_candidates(need, carers)
    assert len(ranked) == len(carers)
    for candidate in ranked:
        carer = next(c for c in carers if c.id == candidate.carer_id)
        assert rank_candidates(need, [carer]) == [candidate]
        assert [r.criterion for r in candidate.reasons] == list(Criterion)
        assert {r.criterion: r.points for r in candidate.reasons} == expected_points(need, carer)
        assert candidate.score == sum(r.points for r in candidate.reasons)
        for r in candidate.reasons:
            assert r.verdict in ("for", "against", "neutral")
            assert r.text.endswith(".")
            if r.verdict == "for":
                assert r.points > 0
            if r.verdict == "against":
                assert r.points == 0


def rank_of(candidates: list[Candidate], carer_id: str) -> int:
    return ids(candidates).index(carer_id)


@given(need=soft_need(), carers=pool(eligible_carer), data=st.data())
def test_a_shared_interest_never_lowers_the_rank(need, carers, data):
    assume(carers and need.client_interests)
    target = data.draw(st.sampled_from(carers))
    new = [i for i in need.client_interests if i not in target.interests]
    assume(new)
    changed = dataclasses.replace(
        target, interests=(*target.interests, data.draw(st.sampled_from(new)))
    )
    before = rank_candidates(need, carers)
    after = rank_candidates(need, [changed if c is target else c for c in carers])
    assert rank_of(after, target.id) <= rank_of(before, target.id)
    before_score = next(c.score for c in before if c.carer_id == target.id)
    assert next(c.score for c in after if c.carer_id == target.id) >= before_score


@given(need=soft_need(), carers=pool(eligible_carer), place=st.sampled_from(PLACES), data=st.data())
def test_moving_closer_never_lowers_the_rank(need, carers, place, data):
    assume(carers)
    target = data.draw(st.sampled_from(carers))

    def distance(area: str, postal_code: str) -> int:
        return area_distance(need.client_area, need.client_postal_code, area, postal_code)

    assume(distance(*place) <= distance(target.area, target.postal_code))
    changed = dataclasses.replace(target, area=place[0], postal_code=place[1])
    before = rank_candidates(need, carers)
    after = rank_candidates(need, [changed if c is target else c for c in carers])
    assert rank_of(after, target.id) <= rank_of(before, target.id)


@given(need=any_need(), carer=any_carer("a"))
def test_an_ineligible_carer_stays_out_whatever_their_soft_fit(need, carer):
    assume(breaks_a_hard_constraint(need, carer))
    perfect = dataclasses.replace(
        carer,
        area=need.client_area,
        postal_code=need.client_postal_code,
        languages=need.client_languages,
        interests=need.client_interests,
        has_car=True,
        availability=tuple(TIMES),
        sex=need.wished_carer_sex,
        waiting_since=START - timedelta(days=3000),
    )
    assert rank_candidates(need, [perfect]) == []
    assert ids(rank_candidates(need, [perfect, make_carer("z")])) in ([], ["z"])
