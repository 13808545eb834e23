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
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models
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
from brygga.catalogue.constants import CompensationModel
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.clients.constants import Consent, DecisionStatus, IdentifierKind, ScopeUnit, Sex
from brygga.clients.models import Client, Decision, LegalBasis
from brygga.contracts.constants import VersionStatus
from brygga.contracts.models import Contract, ContractVersion
from brygga.core.testdata import make_test_personnummer
from brygga.payments.constants import LineKind, ReportStatus
from brygga.payments.models import Report, ReportLine
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
    reports: int = 0  # carers' reports, spread over the running assignments' months

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
    "tiny": Size("tiny", 2, 30, 30, 40, 30, 30, 200),
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
    n = _contracts_and_reports(size, rng, organisation=organisation, officer=officer, units=units)
    step("contracts and reports", t, n)

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


FEE = Decimal("1450.00")
EXPENSE_ALLOWANCE = Decimal("780.00")


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _contracts_and_reports(
    size: Size, rng: random.Random, *, organisation: Organisation, officer: User, units: list[Unit]
) -> int:
    """A signed contract per running assignment and `size.reports` monthly reports over them:
    every month before last is paid; last month's reports wait, nine in ten approved (what the
    monthly payment run pays) and the rest submitted (the approval worklist). Only the waiting
    reports carry lines: the run reads them, nothing benchmarked reads a paid report's lines."""
    now = timezone.now()
    today = timezone.localdate()
    assignments = list(
        Assignment.objects.filter(decision__client__unit__in=units)
        .order_by("pk")
        .values_list("pk", "carer_id", "started_on")
    )
    if not assignments or not size.reports:
        return 0
    _bulk(
        Contract,
        (
            Contract(organisation=organisation, assignment_id=pk, created_by=officer)
            for pk, _carer, _started in assignments
        ),
    )
    contracts = dict(
        Contract.objects.filter(assignment__decision__client__unit__in=units).values_list(
            "assignment_id", "pk"
        )
    )
    _bulk(
        ContractVersion,
        (
            ContractVersion(
                contract_id=contracts[pk],
                number=1,
                status=VersionStatus.SIGNED,
                valid_from=started or today,
                compensation_model=CompensationModel.MONTHLY,
                assignment_type_code="kontaktperson",
                law="sol",
                fee_percent=Decimal("3.0"),
                expense_percent=Decimal("1.6"),
                scope_quantity=Decimal("4"),
                scope_unit="meetings_per_month",
                scope_text="4 träffar i månaden",
                insurance="Kommunens olycksfallsförsäkring.",
                created_by=officer,
                carer_accepted_at=now,
                signed_at=now,
                signed_by=officer,
            )
            for pk, _carer, started in assignments
        ),
    )
    versions = dict(
        ContractVersion.objects.filter(contract_id__in=contracts.values()).values_list(
            "contract_id", "pk"
        )
    )
    months = max(1, -(-size.reports // len(assignments)))  # ceiling division
    last_month = _month_start(today, 1)

    def report(i: int, pk: int, carer_id: int, months_back: int) -> Report:
        start = _month_start(last_month, months_back)
        waiting = months_back == 0
        status = (
            ReportStatus.PAID
            if not waiting
            else ReportStatus.SUBMITTED
            if i % 10 == 0
            else ReportStatus.APPROVED
        )
        submitted = timezone.make_aware(
            datetime.combine(_month_start(start, -1), datetime.min.time())
        ) + timedelta(days=rng.randint(0, 9))
        return Report(
            organisation=organisation,
            contract_id=contracts[pk],
            contract_version_id=versions[contracts[pk]],
            carer_id=carer_id,
            period_start=start,
            period_end=_month_start(start, -1) - timedelta(days=1),
            status=status,
            meetings=[
                {"date": (start + timedelta(days=d)).isoformat(), "hours": "3"}
                for d in (3, 10, 17, 24)
            ],
            submitted_at=submitted,
            decided_at=None if status == ReportStatus.SUBMITTED else submitted + timedelta(days=2),
            decided_by=None if status == ReportStatus.SUBMITTED else officer,
            fee=FEE,
            expense_allowance=EXPENSE_ALLOWANCE,
            travel=Decimal("0.00"),
            outlays=Decimal("0.00"),
        )

    if connection.vendor == "postgresql":
        n = _reports_in_sql(
            organisation=organisation, officer=officer, contracts=list(contracts.values()),
            months=months, total=size.reports, last_month=last_month,
        )  # fmt: skip
    else:
        n = _bulk(
            Report,
            (
                report(i, pk, carer_id, back)
                for back in range(months)
                for i, (pk, carer_id, _started) in enumerate(assignments)
                if back * len(assignments) + i < size.reports
            ),
        )
    waiting = Report.objects.filter(
        organisation=organisation,
        period_start=last_month,
        status__in=[ReportStatus.APPROVED, ReportStatus.SUBMITTED],
        contract_id__in=contracts.values(),
    ).values_list("pk", flat=True)
    month = last_month.isoformat()[:7]
    _bulk(
        ReportLine,
        (
            ReportLine(
                report_id=report_id,
                kind=kind,
                quantity=Decimal("1"),
                rate=amount,
                amount=amount,
                rule="Månadsarvode enligt avtal (bench)",
                month=month,
            )
            for report_id in waiting.iterator(chunk_size=BATCH)
            for kind, amount in (
                (LineKind.FEE, FEE),
                (LineKind.EXPENSE_ALLOWANCE, EXPENSE_ALLOWANCE),
            )
        ),
    )
    return n


# The same reports as `report()` above, made by PostgreSQL itself: a million rows through the
# ORM take a quarter of an hour, INSERT … SELECT over generate_series a minute.
_REPORTS_SQL = """
INSERT INTO payments_report (
    public_id, created_at, updated_at, organisation_id, contract_id, contract_version_id,
    carer_id, period_start, period_end, status, meetings, stays, kilometres, note,
    submitted_at, decided_at, decided_by_id, return_comment, fee, expense_allowance, travel,
    outlays)
SELECT gen_random_uuid(), now(), now(), %(organisation)s, c.id, v.id, a.carer_id,
       p.start, (p.start + interval '1 month' - interval '1 day')::date,
       CASE WHEN g.back > 0 THEN 'paid' WHEN c.rn %% 10 = 0 THEN 'submitted' ELSE 'approved' END,
       jsonb_build_array(
           jsonb_build_object('date', to_char(p.start + 3, 'YYYY-MM-DD'), 'hours', '3'),
           jsonb_build_object('date', to_char(p.start + 10, 'YYYY-MM-DD'), 'hours', '3'),
           jsonb_build_object('date', to_char(p.start + 17, 'YYYY-MM-DD'), 'hours', '3'),
           jsonb_build_object('date', to_char(p.start + 24, 'YYYY-MM-DD'), 'hours', '3')),
       '[]'::jsonb, 0, '',
       p.start + interval '1 month' + (c.rn %% 10) * interval '1 day',
       CASE WHEN g.back = 0 AND c.rn %% 10 = 0 THEN NULL
            ELSE p.start + interval '1 month' + (c.rn %% 10 + 2) * interval '1 day' END,
       CASE WHEN g.back = 0 AND c.rn %% 10 = 0 THEN NULL ELSE %(officer)s END,
       '', %(fee)s, %(expense)s, 0, 0
FROM (
    SELECT id, assignment_id, row_number() OVER (ORDER BY assignment_id) - 1 AS rn
    FROM contracts_contract WHERE id = ANY(%(contracts)s)
) AS c
JOIN contracts_contractversion v ON v.contract_id = c.id
JOIN assignments_assignment a ON a.id = c.assignment_id
CROSS JOIN generate_series(0, %(months)s - 1) AS g(back)
CROSS JOIN LATERAL (SELECT (%(last_month)s::date - g.back * interval '1 month')::date AS start) p
WHERE g.back * %(count)s + c.rn < %(total)s
"""


def _reports_in_sql(
    *,
    organisation: Organisation,
    officer: User,
    contracts: list[int],
    months: int,
    total: int,
    last_month: date,
) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            _REPORTS_SQL,
            {
                "organisation": organisation.pk,
                "officer": officer.pk,
                "contracts": contracts,
                "months": months,
                "count": len(contracts),
                "total": total,
                "last_month": last_month,
                "fee": FEE,
                "expense": EXPENSE_ALLOWANCE,
            },
        )
        return int(cursor.rowcount)
