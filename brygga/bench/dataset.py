"""A synthetic municipality (or a national service) for the benchmark, built set-based.

Every row is made with `bulk_create` in batches: no services, no signals, no audit events, so
the large size is a matter of minutes, not hours. Random choices come from one seeded
`random.Random`, so the same size gives the same data. Every person is fictional: names come
from a short list, identity numbers from Skatteverket's test series
(`brygga.core.testdata.make_test_personnummer`), e-mail addresses end in `.example`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from brygga.accounts.constants import Role, UserKind
from brygga.accounts.models import Organisation, Unit, User
from brygga.accounts.roles import role_group
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant
from brygga.assignments.constants import AssignmentStatus
from brygga.assignments.models import Assignment
from brygga.carers.constants import CarerStatus, CheckKind, CheckOutcome, Frequency
from brygga.carers.models import Carer, CarerApproval, CarerCheck, languages_search_text
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.clients.constants import Consent, DecisionStatus, IdentifierKind, ScopeUnit, Sex
from brygga.clients.models import Client, Decision, LegalBasis
from brygga.core.testdata import make_test_personnummer
from brygga.website.constants import AgeBand
from brygga.website.models import OpenAssignment

M = TypeVar("M", bound=models.Model)

BATCH = 2000
SEED = 20260901
BENCH_ORGANISATION = "Benchby kommun"
BENCH_USER_EMAIL = "bench.personal@benchby.example"
BENCH_OFFICER_EMAIL = "bench.handlaggare@benchby.example"

FIRST_NAMES = ("Testa", "Alva", "Elsa", "Maja", "Ebba", "Wilma", "Saga", "Astrid", "Ines",
               "Freja", "Liam", "Noah", "William", "Hugo", "Oscar", "Lucas", "Elias", "Adam",
               "Nils", "Ludvig", "Sam", "Kim", "Robin", "Alex")  # fmt: skip
LAST_NAMES = ("Testsson", "Provsson", "Exempelberg", "Fiktivsdotter", "Benchlund", "Mätström",
              "Påhittad", "Låtsasson", "Syntetisk", "Övningsgren", "Modellqvist",
              "Prototypsson")  # fmt: skip
CITIES = ("Benchby", "Norra Benchby", "Södra Benchby", "Mätköping", "Provhamn")
LANGUAGES = ("svenska", "arabiska", "somaliska", "engelska", "finska", "persiska", "tigrinja")
INTERESTS = ("fotboll", "musik", "friluftsliv", "teckning", "matlagning", "schack", "bad")


@dataclass(frozen=True)
class Size:
    """How many of each; `units` is the number of units (enheter) the clients spread over."""

    name: str
    units: int
    carers: int
    clients: int
    decisions: int
    applicants: int
    open_assignments: int
    reports: int = 0  # carers' reports: once the payments app has them

    def scaled(self, factor: float, name: str) -> Size:
        def s(n: int) -> int:
            return max(1, round(n * factor))

        return Size(
            name=name,
            units=s(self.units),
            carers=s(self.carers),
            clients=s(self.clients),
            decisions=s(self.decisions),
            applicants=s(self.applicants),
            open_assignments=s(self.open_assignments),
            reports=s(self.reports) if self.reports else 0,
        )


SMALL = Size("small", 5, 500, 1_000, 1_500, 300, 30, 30_000)
LARGE = Size("large", 290, 20_000, 50_000, 60_000, 12_000, 1_000, 1_000_000)
SIZES = {
    "tiny": Size("tiny", 2, 30, 30, 40, 30, 30),
    "small": SMALL,
    # One tenth of the large one: what a loaded laptop builds in a few minutes.
    "medium": LARGE.scaled(0.1, "medium"),
    "large": LARGE,
}


@dataclass
class Built:
    """What the benchmark needs to find again, and how long each step took."""

    organisation: Organisation
    staff: User
    officer: User
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _batched(rows: Iterable[M], size: int = BATCH) -> Iterator[list[M]]:
    batch: list[M] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(model: type[M], rows: Iterable[M]) -> int:
    n = 0
    for batch in _batched(rows):
        model._default_manager.bulk_create(batch)
        n += len(batch)
    return n


def _person_number(index: int, first_year: int) -> tuple[str, date]:
    """A unique test personnummer for `index`: 20 birth numbers (980–999) per birth date."""
    born = date(first_year, 1, 1) + timedelta(days=index // 20)
    serial = f"{980 + index % 20}"
    return make_test_personnummer(born.strftime("%Y%m%d"), serial), born


def _ids(model: type[models.Model], **filters: Any) -> list[int]:
    return list(
        model._default_manager.filter(**filters).order_by("pk").values_list("pk", flat=True)
    )


def build(
    size: Size,
    *,
    prefix: str = "bench",
    seed: int = SEED,
    organisation: Organisation | None = None,
    first_index: int = 0,
) -> Built:
    """Create the dataset for `size` in the default database.

    With `organisation`, the rows are added to an existing one (new units and staff named by
    `prefix`); `first_index` then keeps the identity numbers apart from the earlier rows.
    """
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}
    password = make_password(None)  # unusable: nobody signs in as a synthetic person

    def step(name: str, started: float, n: int) -> None:
        seconds[name] = round(time.perf_counter() - started, 2)
        counts[name] = n

    t = time.perf_counter()
    if organisation is None:
        organisation = Organisation.objects.create(name=f"{BENCH_ORGANISATION} ({prefix})")
    units = [
        Unit(organisation=organisation, name=f"Enhet {prefix} {i + 1:03d}")
        for i in range(size.units)
    ]
    Unit.objects.bulk_create(units)
    units = list(
        Unit.objects.filter(
            organisation=organisation, name__startswith=f"Enhet {prefix} "
        ).order_by("pk")
    )
    staff = User.objects.create_user(
        f"{prefix}.{BENCH_USER_EMAIL}",
        kind=UserKind.STAFF,
        organisation=organisation,
        first_name="Bench",
        last_name="Chef",
        is_staff=True,
        is_superuser=True,
    )
    staff.groups.set([role_group(r) for r in Role])
    staff.units.set(units)
    officer = User.objects.create_user(
        f"{prefix}.{BENCH_OFFICER_EMAIL}",
        kind=UserKind.STAFF,
        organisation=organisation,
        first_name="Bench",
        last_name="Handläggare",
    )
    officer.groups.set([role_group(Role.CASE_OFFICER), role_group(Role.RECRUITMENT_OFFICER)])
    officer.units.set(units[:1])
    step("organisation and units", t, len(units))

    types = list(AssignmentType.objects.filter(active=True).order_by("order"))
    groups = list(TargetGroup.objects.filter(active=True).order_by("order"))
    basis = LegalBasis.objects.filter(law_area="sol", valid_to__isnull=True).order_by("order")[0]

    # Public accounts for carers and applicants (a carer's and an applicant's FK is required).
    t = time.perf_counter()
    n_people = size.carers + size.applicants
    _bulk(
        User,
        (
            User(
                email=f"{prefix}.person{i}@benchby.example",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                kind=UserKind.PUBLIC,
                organisation=organisation,
                password=password,
            )
            for i in range(n_people)
        ),
    )
    people = _ids(User, email__startswith=f"{prefix}.person", kind=UserKind.PUBLIC)
    step("public accounts", t, len(people))

    t = time.perf_counter()

    def carer(i: int) -> Carer:
        pnr, born = _person_number(first_index + i, 1960)
        languages = rng.sample(LANGUAGES, rng.randint(1, 2))
        age_min = rng.choice((None, 0, 6, 13))
        return Carer(
            organisation=organisation,
            user_id=people[i],
            personal_identity_number=pnr,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            birth_date=born,
            street_address=f"Provgatan {i % 200 + 1}",
            postal_code=f"{10000 + (i * 37) % 89999:05d}",
            city=rng.choice(CITIES),
            phone="070-000 00 00",
            email=f"uppdragstagare{i}@benchby.example",
            languages=languages,
            languages_search=languages_search_text(languages),
            has_driving_licence=rng.random() < 0.7,
            has_car=rng.random() < 0.5,
            interests=", ".join(rng.sample(INTERESTS, 2)),
            preferred_client_age_min=age_min,
            preferred_client_age_max=None if age_min is None else age_min + 12,
            max_concurrent_assignments=rng.choice((1, 2, 2, 3)),
            availability=rng.sample(["weekday_evenings", "weekends", "daytime"], 1),
            frequency=rng.choice(list(Frequency)),
            status=rng.choices(
                (CarerStatus.AVAILABLE, CarerStatus.PAUSED, CarerStatus.DEREGISTERED),
                (85, 10, 5),
            )[0],
            status_changed_at=now,
            approved_at=now - timedelta(days=rng.randint(30, 2000)),
        )

    n = _bulk(Carer, (carer(i) for i in range(size.carers)))
    carers = _ids(Carer, organisation=organisation, user__email__startswith=f"{prefix}.person")
    step("carers", t, n)

    t = time.perf_counter()
    n = _bulk(
        CarerApproval,
        (
            CarerApproval(
                carer_id=carer_id,
                assignment_type=assignment_type,
                target_group=None if rng.random() < 0.5 else rng.choice(groups),
                approved_on=today - timedelta(days=rng.randint(30, 2000)),
                valid_until=None if rng.random() < 0.8 else today + timedelta(days=365),
            )
            for carer_id in carers
            for assignment_type in rng.sample(types, rng.randint(1, min(3, len(types))))
        ),
    )
    n += _bulk(
        CarerCheck,
        (
            CarerCheck(
                carer_id=carer_id,
                kind=kind,
                # A child extract counts for a year: every tenth carer's runs out this month,
                # so the "expiring" list has rows at every size.
                extract_date=today - timedelta(days=340 if i % 10 == 0 else rng.randint(10, 300)),
                checked_on=today - timedelta(days=rng.randint(1, 9)),
                outcome=CheckOutcome.NO_ENTRY,
                recorded_at=now,
            )
            for i, carer_id in enumerate(carers)
            for kind in CheckKind
        ),
    )
    step("approvals and register checks", t, n)

    t = time.perf_counter()

    def client(i: int) -> Client:
        pnr, born = _person_number(first_index + i, 2006)
        return Client(
            organisation=organisation,
            unit=units[i % len(units)],
            responsible_officer=officer if i % len(units) == 0 else None,
            identifier=pnr,
            identifier_kind=IdentifierKind.PERSONNUMMER,
            birth_date=born,
            sex=rng.choice(list(Sex)),
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            protected_identity=rng.random() < 0.01,
            street_address=f"Exempelvägen {i % 300 + 1}",
            postal_code=f"{10000 + (i * 53) % 89999:05d}",
            city=rng.choice(CITIES),
            area=rng.choice(CITIES),
            interests=", ".join(rng.sample(INTERESTS, 2)),
            languages=rng.sample(LANGUAGES, 1),
        )

    n = _bulk(Client, (client(i) for i in range(size.clients)))
    clients = _ids(Client, unit__in=units)
    step("clients", t, n)

    t = time.perf_counter()

    def decision(i: int) -> Decision:
        status = rng.choices(
            (DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED, DecisionStatus.ENDED),
            (15, 75, 10),
        )[0]
        # Most decisions still waiting are recent; one in ten has passed the IVO date.
        recent = status == DecisionStatus.ACTIVE and rng.random() < 0.9
        decided = today - timedelta(days=rng.randint(0, 80) if recent else rng.randint(0, 900))
        return Decision(
            organisation=organisation,
            client_id=clients[i % len(clients)],
            assignment_type=rng.choice(types),
            target_group=rng.choice(groups),
            legal_basis=basis,
            scope_quantity=Decimal(rng.choice((1, 2, 4))),
            scope_unit=rng.choice((ScopeUnit.MEETINGS_PER_MONTH, ScopeUnit.WEEKENDS_PER_MONTH)),
            period_from=decided,
            period_to=decided + timedelta(days=730),
            decision_date=decided,
            decided_by_title="Enhetschef",
            consent=Consent.GUARDIANS,
            status=status,
            implemented_on=(
                decided + timedelta(days=rng.randint(10, 80))
                if status == DecisionStatus.IMPLEMENTED
                else None
            ),
            ended_on=decided + timedelta(days=200) if status == DecisionStatus.ENDED else None,
        )

    n = _bulk(Decision, (decision(i) for i in range(size.decisions)))
    step("decisions", t, n)

    # One running assignment per implemented decision, with a carer drawn from the pool.
    t = time.perf_counter()
    implemented = _ids(Decision, client__unit__in=units, status=DecisionStatus.IMPLEMENTED)
    n = _bulk(
        Assignment,
        (
            Assignment(
                organisation=organisation,
                decision_id=decision_id,
                carer_id=carers[rng.randrange(len(carers))],
                status=AssignmentStatus.ACTIVE,
                started_on=today - timedelta(days=rng.randint(10, 600)),
            )
            for decision_id in implemented
        ),
    )
    step("assignments", t, n)

    t = time.perf_counter()
    stages = [s for s in ApplicantStage if s != ApplicantStage.APPROVED]

    def applicant(i: int) -> Applicant:
        pnr, _born = _person_number(first_index + i, 1970)
        return Applicant(
            organisation=organisation,
            user_id=people[size.carers + i],
            personal_identity_number=pnr,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            street_address=f"Låtsasgränd {i % 100 + 1}",
            postal_code="12345",
            city=rng.choice(CITIES),
            phone="070-000 00 00",
            email=f"sokande{i}@benchby.example",
            frequency=rng.choice(list(Frequency)),
            stage=rng.choice(stages),
            stage_changed_at=now - timedelta(days=rng.randint(0, 120)),
            unit=units[i % len(units)],
        )

    n = _bulk(Applicant, (applicant(i) for i in range(size.applicants)))
    through = Applicant.assignment_types.through
    _bulk(
        through,
        (
            through(applicant_id=applicant_id, assignmenttype_id=rng.choice(types).pk)
            for applicant_id in _ids(Applicant, unit__in=units)
        ),
    )
    step("applicants", t, n)

    t = time.perf_counter()
    n = _bulk(
        OpenAssignment,
        (
            OpenAssignment(
                organisation=organisation,
                responsible_unit=units[i % len(units)],
                assignment_type=rng.choice(types),
                target_group=rng.choice(groups),
                title=f"{rng.choice(types).name} till en person som gillar {rng.choice(INTERESTS)}",
                age_band=rng.choice(list(AgeBand)),
                area=rng.choice(CITIES),
                interests=", ".join(rng.sample(INTERESTS, 2)),
                scope="2 träffar i månaden",
                start_wish="Snarast",
                description="Ett påhittat uppdrag för prestandamätningen.",
                published=True,
                published_at=now - timedelta(hours=i),
            )
            for i in range(size.open_assignments)
        ),
    )
    step("open assignments", t, n)

    return Built(
        organisation=organisation, staff=staff, officer=officer, seconds=seconds, counts=counts
    )
