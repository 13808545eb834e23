"""Which approved carers could take one decision (beslut), and in which order to propose them.

Pure and deterministic: frozen dataclasses in, ranked candidates and exclusions out, no
database. Selectors turn model rows into `Need` and `CarerProfile`; this module never sees them.

The two steps follow how a kontaktsekreterare matches (domain §3.4):

1. **Hard constraints** remove a carer, whatever else speaks for them: a valid approval for the
   assignment type and target group, every register check the type requires with an acceptable
   outcome (children's and LSS extracts also recent enough, domain §2.4), capacity for one more
   assignment, an active status, the minimum age (domain §2.5), the qualifications the decision
   requires (e.g. experience for SKKP), and no known conflict with the client. `excluded` names
   every broken constraint in Swedish, so "why is she not on the list?" has an answer.
2. **Soft criteria** rank the rest. Each criterion gives 0 up to a maximum number of points,
   set by a named weight in `Weights`, and always produces one `Reason` (for, against or
   neutral, in plain Swedish, with its points), so the case officer sees why one carer is above
   another. Points never go negative, so a criterion that does not apply changes nothing.

The ranking is a proposal for a person to judge, never a decision: the officer still reads the
file, phones the family and arranges the first meeting.

Order: highest score first; on equal scores the carer who has waited longest in the pool (the
earliest `waiting_since`; never waiting last), then carer id. The order depends only on the
carers, never on the order they are passed in. Carer ids must be unique.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import Any, Final, Generic, Literal, NamedTuple, TypeVar

Sex = Literal["F", "M"]
Verdict = Literal["for", "against", "neutral"]

# Mirrors brygga.carers.constants (CarerStatus, CheckKind, CheckOutcome, Availability); a pure
# module may not import another app, so the codes are repeated here and a test keeps them equal.
ELIGIBLE_STATUSES: Final = frozenset({"available", "in_assignment"})
ACCEPTABLE_OUTCOMES: Final = frozenset({"no_entry", "entry_no_obstacle"})
EXTRACT_KINDS: Final = frozenset({"children_extract_2013_852", "lss_extract_2010_479"})

CHECK_LABELS: Final[Mapping[str, str]] = {
    "criminal_record": "Polisens belastningsregister",
    "suspicion_register": "Polisens misstankeregister",
    "social_services": "Socialtjänstens register",
    "enforcement_authority": "Kronofogden",
    "social_insurance": "Försäkringskassan",
    "children_extract_2013_852": "Registerutdrag för arbete med barn (lag 2013:852)",
    "lss_extract_2010_479": "Registerutdrag för LSS-verksamhet med barn (lag 2010:479)",
}
AVAILABILITY_LABELS: Final[Mapping[str, str]] = {
    "weekday_daytime": "vardagar dagtid",
    "weekday_evenings": "vardagskvällar",
    "weekends": "helger",
}
QUALIFICATION_LABELS: Final[Mapping[str, str]] = {
    "experience": "dokumenterad utbildning eller erfarenhet av målgruppen",
}
_STATUS_TEXTS: Final[Mapping[str, str]] = {
    "paused": "Uppdragstagaren är vilande.",
    "deregistered": "Uppdragstagaren är avregistrerad.",
}
_SEX_WORDS: Final[Mapping[str, str]] = {"F": "en kvinna", "M": "en man"}


class Criterion(StrEnum):
    """The soft criteria, in the order their reasons are listed."""

    DISTANCE = "distance"
    LANGUAGE = "language"
    INTERESTS = "interests"
    CARER_SEX = "carer_sex"
    CARER_AGE = "carer_age"
    CLIENT_AGE_PREFERENCE = "client_age_preference"
    AVAILABILITY = "availability"
    CAR = "car"
    WAITING = "waiting"


class Approval(NamedTuple):
    """An approval to take assignments of one type; without a group it covers every group.

    The caller leaves out revoked approvals, or ends them (`valid_until`) the day before.
    """

    assignment_type: str
    target_group: str | None
    valid_from: date
    valid_until: date | None  # inclusive; None = open-ended


class Check(NamedTuple):
    """A register check as recorded on the carer: which register, what it showed, when."""

    kind: str
    outcome: str
    extract_date: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Need:
    """What one decision and its client require of a carer.

    `start` is the day the assignment is expected to start: approvals must be valid and
    extracts recent on that day. For a decision whose start date has passed (not yet
    implemented), pass today or the planned first meeting, not the decision's date.

    `target_group` None means the decision names no group: then only approvals without a
    group cover it. `extract_max_age_days` applies to the children's and LSS extracts
    (`EXTRACT_KINDS`) among `required_checks`: one of them must be dated on or before `start`
    and at most that many days earlier; None sets no age limit. Client languages and interests
    are compared exactly, so the selector lower-cases them (and the carer's) the same way.

    `client_sex` is not scored yet (carers state no preference about it); it is here so the
    selector fills one complete picture of the client.
    """

    assignment_type: str
    target_group: str | None
    start: date
    client_age: int
    client_sex: Sex | None = None
    client_area: str = ""
    client_postal_code: str = ""
    client_languages: tuple[str, ...] = ()
    client_interests: tuple[str, ...] = ()
    wished_carer_sex: Sex | None = None
    wished_carer_age_min: int | None = None
    wished_carer_age_max: int | None = None
    needs_car: bool = False
    availability_needed: tuple[str, ...] = ()
    required_checks: tuple[str, ...] = ()
    extract_max_age_days: int | None = None  # applies to EXTRACT_KINDS only
    minimum_carer_age: int = 18
    required_qualifications: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()  # carer ids: same household, relatives, an earlier end


@dataclass(frozen=True, slots=True, kw_only=True)
class CarerProfile:
    """One approved carer as matching sees them, on the need's start date.

    `capacity_left` is the maximum number of concurrent assignments minus the active ones.
    `waiting_since` is the day the carer last became available without any assignment.
    """

    id: str
    age: int
    status: str
    capacity_left: int
    sex: Sex | None = None
    area: str = ""
    postal_code: str = ""
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    has_car: bool = False
    availability: tuple[str, ...] = ()
    approvals: tuple[Approval, ...] = ()
    checks: tuple[Check, ...] = ()
    qualifications: tuple[str, ...] = ()
    waiting_since: date | None = None
    preferred_client_age_min: int | None = None
    preferred_client_age_max: int | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per criterion. All weights are whole, non-negative numbers.

    Negative weights would let "more of a good thing" lower a carer, so they are refused.
    """

    distance_per_step: int = 10  # per step closer than "far" (distance 3): at most 30
    language_per_shared: int = 15
    languages_counted: int = 2  # at most this many shared languages give points
    interest_per_shared: int = 5
    interests_counted: int = 4
    carer_sex_wish: int = 15
    carer_age_wish: int = 10
    client_age_preference: int = 10
    availability_per_need: int = 10  # per needed time (weekday daytime, evenings, weekends)
    car: int = 10
    waiting_per_month: int = 2  # per whole 30 days waited up to the start date
    waiting_months_counted: int = 12

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"weight {field.name} must be a non-negative int, not {value!r}")


DEFAULT_WEIGHTS: Final = Weights()


@dataclass(frozen=True, slots=True)
class Reason:
    """One criterion's contribution to a candidate's score, for the case officer to read."""

    criterion: Criterion
    verdict: Verdict
    text: str
    points: int


@dataclass(frozen=True, slots=True)
class Candidate:
    carer_id: str
    score: int
    reasons: tuple[Reason, ...]  # one per Criterion, in Criterion order


@dataclass(frozen=True, slots=True)
class Exclusion:
    carer_id: str
    reasons: tuple[str, ...]  # every broken hard constraint, in Swedish


# --- Distance ------------------------------------------------------------------------------


def _area_key(area: str) -> str:
    return " ".join(area.split()).casefold()


def _postal_digits(postal_code: str) -> str:
    compact = postal_code.replace(" ", "")
    if compact.isascii() and compact.isdigit():
        return compact
    return "".join(c for c in compact if c in "0123456789")


def area_distance(a_area: str, a_postal: str, b_area: str, b_postal: str) -> int:
    """How far apart two places are, in four explainable steps.

    0 = the same area (district name, ignoring case and spacing);
    1 = the same first three postal-code digits (roughly the same town or part of a city);
    2 = the same first two digits (the same postal region);
    3 = anything else, including a missing postal code.

    A heuristic good enough to say "near" or "far" without geodata; travel time from a
    geocoding service can replace it later behind the same four steps.
    """
    a_key = _area_key(a_area)
    if a_key and a_key == _area_key(b_area):
        return 0
    return _postal_distance(_postal_digits(a_postal), _postal_digits(b_postal))


def _postal_distance(a_digits: str, b_digits: str) -> int:
    if len(a_digits) >= 3 and a_digits[:3] == b_digits[:3]:
        return 1
    if len(a_digits) >= 2 and a_digits[:2] == b_digits[:2]:
        return 2
    return 3


# --- Hard constraints ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What is derived from the need once, not once per carer."""

    need: Need
    weights: Weights
    area_key: str
    postal_digits: str
    languages: frozenset[str]
    interests: frozenset[str]
    conflicts: frozenset[str]
    oldest_extract: date | None  # the oldest extract date that still counts on the start day


def _approval_covers(approval: Approval, need: Need) -> bool:
    return (
        approval.assignment_type == need.assignment_type
        and (approval.target_group is None or approval.target_group == need.target_group)
        and approval.valid_from <= need.start
        and (approval.valid_until is None or need.start <= approval.valid_until)
    )


def _check_counts(context: _Context, kind: str, checks: Sequence[Check]) -> bool:
    """Whether one check of `kind` has an acceptable outcome and, for extracts, is recent."""
    start = context.need.start
    oldest = context.oldest_extract if kind in EXTRACT_KINDS else None
    for check in checks:
        if (
            check.kind == kind
            and check.outcome in ACCEPTABLE_OUTCOMES
            and (oldest is None or oldest <= check.extract_date <= start)
        ):
            return True
    return False


def _check_problem(kind: str, checks: Sequence[Check], need: Need) -> str:
    """Why no check of `kind` counts, for a carer where `_check_counts` said so."""
    label = CHECK_LABELS.get(kind, kind)
    of_kind = [c for c in checks if c.kind == kind]
    if not of_kind:
        return f"Registerkontroll saknas: {label}."
    acceptable = [c for c in of_kind if c.outcome in ACCEPTABLE_OUTCOMES]
    if not acceptable:
        return f"{label}: utfallet är ett hinder eller inte klart."
    past = [(need.start - c.extract_date).days for c in acceptable if c.extract_date <= need.start]
    if not past:
        return f"{label}: utdraget är daterat efter startdagen {need.start.isoformat()}."
    return (
        f"{label}: utdraget är {min(past)} dagar gammalt på startdagen; "
        f"högst {need.extract_max_age_days} dagar godtas."
    )


def _violations(context: _Context, carer: CarerProfile) -> list[str]:
    """Every hard constraint the carer breaks, in Swedish; empty when they may be ranked."""
    need = context.need
    found: list[str] = []
    if not any(_approval_covers(a, need) for a in carer.approvals):
        found.append(
            "Saknar giltigt godkännande för uppdragstypen och målgruppen "
            f"på startdagen {need.start.isoformat()}."
        )
    for kind in need.required_checks:
        if not _check_counts(context, kind, carer.checks):
            found.append(_check_problem(kind, carer.checks, need))
    if carer.status not in ELIGIBLE_STATUSES:
        found.append(_STATUS_TEXTS.get(carer.status, f"Okänd status: {carer.status}."))
    if carer.capacity_left <= 0:
        found.append("Har inte plats för fler uppdrag (högsta antalet samtidiga uppdrag nått).")
    if carer.age < need.minimum_carer_age:
        found.append(f"Är {carer.age} år; uppdraget kräver minst {need.minimum_carer_age} år.")
    for qualification in need.required_qualifications:
        if qualification not in carer.qualifications:
            label = QUALIFICATION_LABELS.get(qualification, qualification)
            found.append(f"Saknar kravet: {label}.")
    if carer.id in context.conflicts:
        # Deliberately unspecific: the reason (a relative, the household, an earlier end) is
        # in the client's file, and this list may be read by people who should not learn it.
        found.append("Får inte föreslås för den här klienten (känd jäv- eller konfliktsituation).")
    return found


# --- Soft criteria -------------------------------------------------------------------------
#
# Each criterion reads only a few of the carer's attributes (its key) and turns them into a
# Reason. Reasons are immutable, so one is computed per distinct key and shared: 20 000
# carers have far fewer distinct languages, ages or postal codes than carers.


def _join(words: Iterable[str]) -> str:
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def _age_range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high} år"
    if low is not None:
        return f"minst {low} år"
    return f"högst {high} år"


def _in_range(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or low <= value) and (high is None or value <= high)


def _months(count: int) -> str:
    return "1 månad" if count == 1 else f"{count} månader"


def _distance_reason(context: _Context, place: tuple[str, str]) -> Reason:
    area, postal_code = place
    carer_digits = _postal_digits(postal_code)
    if context.area_key and context.area_key == _area_key(area):
        distance = 0
    else:
        distance = _postal_distance(context.postal_digits, carer_digits)
    points = (3 - distance) * context.weights.distance_per_step
    if distance == 0:
        return Reason(Criterion.DISTANCE, "for", f"Samma område som klienten ({area}).", points)
    if distance == 1:
        text = "Nära: samma tre första siffror i postnumret som klienten."
        return Reason(Criterion.DISTANCE, "for", text, points)
    if distance == 2:
        text = "En bit bort: samma två första siffror i postnumret som klienten."
        return Reason(Criterion.DISTANCE, "neutral", text, points)
    if len(context.postal_digits) < 2 or len(carer_digits) < 2:
        text = "Avståndet går inte att bedöma: område och postnummer räcker inte."
    else:
        text = "Långt från klienten: ett annat postnummerområde."
    return Reason(Criterion.DISTANCE, "against", text, points)


def _language_reason(context: _Context, languages: tuple[str, ...]) -> Reason:
    shared = sorted(context.languages.intersection(languages))
    weights = context.weights
    if shared:
        points = weights.language_per_shared * min(len(shared), weights.languages_counted)
        text = f"Talar samma språk som klienten: {_join(shared)}."
        return Reason(Criterion.LANGUAGE, "for", text, points)
    text = f"Talar inte klientens språk ({_join(sorted(context.languages))})."
    return Reason(Criterion.LANGUAGE, "against", text, 0)


def _interest_reason(context: _Context, interests: tuple[str, ...]) -> Reason:
    shared = sorted(context.interests.intersection(interests))
    weights = context.weights
    if shared:
        points = weights.interest_per_shared * min(len(shared), weights.interests_counted)
        text = f"Gemensamma intressen: {_join(shared)}."
        return Reason(Criterion.INTERESTS, "for", text, points)
    return Reason(Criterion.INTERESTS, "neutral", "Inga gemensamma intressen.", 0)


def _carer_sex_reason(context: _Context, sex: Sex | None) -> Reason:
    wish = context.need.wished_carer_sex
    if wish is None:  # normally answered by the fixed reason
        return _fixed_reasons(context.need)[Criterion.CARER_SEX]
    wished = _SEX_WORDS[wish]
    if sex == wish:
        text = f"Klienten önskar {wished} som uppdragstagare, och det stämmer."
        return Reason(Criterion.CARER_SEX, "for", text, context.weights.carer_sex_wish)
    if sex is None:
        text = f"Klienten önskar {wished}; uppdragstagarens kön är inte angivet."
        return Reason(Criterion.CARER_SEX, "neutral", text, 0)
    return Reason(Criterion.CARER_SEX, "against", f"Klienten önskar {wished}.", 0)


def _carer_age_reason(context: _Context, age: int) -> Reason:
    need = context.need
    wished = _age_range(need.wished_carer_age_min, need.wished_carer_age_max)
    text = f"Är {age} år; klienten önskar en uppdragstagare som är {wished}."
    if _in_range(age, need.wished_carer_age_min, need.wished_carer_age_max):
        return Reason(Criterion.CARER_AGE, "for", text, context.weights.carer_age_wish)
    return Reason(Criterion.CARER_AGE, "against", text, 0)


def _client_age_reason(context: _Context, preferred: tuple[int | None, int | None]) -> Reason:
    low, high = preferred
    age = context.need.client_age
    if low is None and high is None:
        text = "Uppdragstagaren har inte angett någon önskad ålder på klienten."
        return Reason(Criterion.CLIENT_AGE_PREFERENCE, "neutral", text, 0)
    wished = _age_range(low, high)
    if _in_range(age, low, high):
        text = f"Klienten ({age} år) passar uppdragstagarens önskemål ({wished})."
        points = context.weights.client_age_preference
        return Reason(Criterion.CLIENT_AGE_PREFERENCE, "for", text, points)
    text = f"Klienten ({age} år) är utanför uppdragstagarens önskemål ({wished})."
    return Reason(Criterion.CLIENT_AGE_PREFERENCE, "against", text, 0)


def _availability_reason(context: _Context, availability: tuple[str, ...]) -> Reason:
    needed = context.need.availability_needed
    covered = [code for code in needed if code in availability]
    missing = [code for code in needed if code not in availability]
    points = len(covered) * context.weights.availability_per_need
    can = _join(AVAILABILITY_LABELS.get(code, code) for code in covered)
    cannot = _join(AVAILABILITY_LABELS.get(code, code) for code in missing)
    if not missing:
        return Reason(Criterion.AVAILABILITY, "for", f"Kan {can}, som uppdraget behöver.", points)
    if not covered:
        text = f"Kan inte {cannot}, som uppdraget behöver."
        return Reason(Criterion.AVAILABILITY, "against", text, 0)
    return Reason(Criterion.AVAILABILITY, "neutral", f"Kan {can} men inte {cannot}.", points)


def _car_reason(context: _Context, has_car: bool) -> Reason:
    if has_car:
        text = "Har bil, som uppdraget behöver."
        return Reason(Criterion.CAR, "for", text, context.weights.car)
    return Reason(Criterion.CAR, "against", "Har ingen bil; uppdraget behöver bil.", 0)


def _waiting_reason(context: _Context, waiting_since: date | None) -> Reason:
    if waiting_since is None:
        text = "Väntar inte på uppdrag (har eller har nyss haft ett)."
        return Reason(Criterion.WAITING, "neutral", text, 0)
    months = max(0, (context.need.start - waiting_since).days) // 30
    if months == 0:
        text = "Har väntat på uppdrag i mindre än en månad."
        return Reason(Criterion.WAITING, "neutral", text, 0)
    weights = context.weights
    points = min(months, weights.waiting_months_counted) * weights.waiting_per_month
    text = f"Har väntat på uppdrag i {_months(months)} till startdagen."
    if months > weights.waiting_months_counted:
        text += f" Högst {_months(weights.waiting_months_counted)} räknas."
    return Reason(Criterion.WAITING, "for", text, points)


def _fixed_reasons(need: Need) -> dict[Criterion, Reason]:
    """Criteria that do not apply to this need: the same neutral reason for every carer."""
    fixed: dict[Criterion, Reason] = {}
    if not need.client_languages:
        text = "Klientens språk är inte angivna."
        fixed[Criterion.LANGUAGE] = Reason(Criterion.LANGUAGE, "neutral", text, 0)
    if not need.client_interests:
        text = "Klientens intressen är inte angivna."
        fixed[Criterion.INTERESTS] = Reason(Criterion.INTERESTS, "neutral", text, 0)
    if need.wished_carer_sex is None:
        text = "Klienten har inget önskemål om kön."
        fixed[Criterion.CARER_SEX] = Reason(Criterion.CARER_SEX, "neutral", text, 0)
    if need.wished_carer_age_min is None and need.wished_carer_age_max is None:
        text = "Klienten har inget önskemål om ålder."
        fixed[Criterion.CARER_AGE] = Reason(Criterion.CARER_AGE, "neutral", text, 0)
    if not need.availability_needed:
        text = "Uppdraget anger inga särskilda tider."
        fixed[Criterion.AVAILABILITY] = Reason(Criterion.AVAILABILITY, "neutral", text, 0)
    if not need.needs_car:
        fixed[Criterion.CAR] = Reason(Criterion.CAR, "neutral", "Uppdraget kräver ingen bil.", 0)
    return fixed


_K = TypeVar("_K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class _Scorer(Generic[_K]):
    criterion: Criterion
    key: Callable[[CarerProfile], _K]
    reason: Callable[[_Context, _K], Reason]


_SCORERS: Final[tuple[_Scorer[Any], ...]] = (
    _Scorer(Criterion.DISTANCE, attrgetter("area", "postal_code"), _distance_reason),
    _Scorer(Criterion.LANGUAGE, attrgetter("languages"), _language_reason),
    _Scorer(Criterion.INTERESTS, attrgetter("interests"), _interest_reason),
    _Scorer(Criterion.CARER_SEX, attrgetter("sex"), _carer_sex_reason),
    _Scorer(Criterion.CARER_AGE, attrgetter("age"), _carer_age_reason),
    _Scorer(
        Criterion.CLIENT_AGE_PREFERENCE,
        attrgetter("preferred_client_age_min", "preferred_client_age_max"),
        _client_age_reason,
    ),
    _Scorer(Criterion.AVAILABILITY, attrgetter("availability"), _availability_reason),
    _Scorer(Criterion.CAR, attrgetter("has_car"), _car_reason),
    _Scorer(Criterion.WAITING, attrgetter("waiting_since"), _waiting_reason),
)


# --- Public API ----------------------------------------------------------------------------


def _context(need: Need, weights: Weights) -> _Context:
    max_age = need.extract_max_age_days
    return _Context(
        need=need,
        weights=weights,
        area_key=_area_key(need.client_area),
        postal_digits=_postal_digits(need.client_postal_code),
        languages=frozenset(need.client_languages),
        interests=frozenset(need.client_interests),
        conflicts=frozenset(need.conflicts),
        oldest_extract=None if max_age is None else need.start - timedelta(days=max_age),
    )


def _require_unique_ids(carers: Sequence[CarerProfile]) -> None:
    if len({carer.id for carer in carers}) != len(carers):
        counts = Counter(carer.id for carer in carers)
        repeated = sorted(carer_id for carer_id, count in counts.items() if count > 1)
        raise ValueError(f"carer ids must be unique; repeated: {', '.join(repeated)}")


def rank_candidates(
    need: Need, carers: Iterable[CarerProfile], *, weights: Weights = DEFAULT_WEIGHTS
) -> list[Candidate]:
    """The carers who meet every hard constraint, best first, each with its reasons."""
    return rank_and_exclude(need, carers, weights=weights)[0]


def excluded(need: Need, carers: Iterable[CarerProfile]) -> list[Exclusion]:
    """The carers removed by hard constraints, by id, each with every constraint they break."""
    return rank_and_exclude(need, carers)[1]


def rank_and_exclude(
    need: Need, carers: Iterable[CarerProfile], *, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[list[Candidate], list[Exclusion]]:
    """`rank_candidates` and `excluded` in one pass: each carer's constraints checked once."""
    pool = list(carers)
    _require_unique_ids(pool)
    context = _context(need, weights)
    fixed = _fixed_reasons(need)
    # Per criterion: the fixed reason, or how to find the key and a cache of reasons by key.
    slots = [
        (fixed.get(scorer.criterion), scorer.key, scorer.reason, dict[Any, Reason]())
        for scorer in _SCORERS
    ]
    never = date.max.toordinal()
    keyed: list[tuple[int, int, str, Candidate]] = []
    found: list[Exclusion] = []
    for carer in pool:
        violations = _violations(context, carer)
        if violations:
            found.append(Exclusion(carer.id, tuple(violations)))
            continue
        reasons: list[Reason] = []
        score = 0
        for fixed_reason, key, compute, cache in slots:
            reason = fixed_reason
            if reason is None:
                value = key(carer)
                reason = cache.get(value)
                if reason is None:
                    reason = cache[value] = compute(context, value)
            reasons.append(reason)
            score += reason.points
        # Longest waiting first: an earlier date sorts first; never waiting sorts last.
        waited = carer.waiting_since.toordinal() if carer.waiting_since else never
        keyed.append((-score, waited, carer.id, Candidate(carer.id, score, tuple(reasons))))
    keyed.sort(key=lambda item: item[:3])
    found.sort(key=lambda exclusion: exclusion.carer_id)
    return [item[3] for item in keyed], found
