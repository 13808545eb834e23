"""What the benchmark times: every page is one `Page(...)` line in `PAGES`.

Each request goes through the whole middleware stack with Django's test `Client` (sessions,
second factor, CSP, audit), after a warm-up; the queries are counted in a separate request, so
counting does not slow the timed ones. A page with `admin=` is also compared with Django's own
admin changelist for the same model on the same data.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client as HttpClient
from django.utils import timezone

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from brygga.accounts.models import User
from brygga.applicants.models import Applicant
from brygga.assignments import selectors as assignment_selectors
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision
from brygga.oversight import reports as oversight_reports
from brygga.oversight.quarters import recent_quarters
from brygga.payments import services as payment_services
from brygga.payments.constants import ReportStatus
from brygga.payments.models import PaymentLine, PaymentRun, Report

from .dataset import Built

STAFF_P95_MS = 150.0
PUBLIC_P95_MS = 50.0
MATCHING_MS = 200.0
PAYMENT_RUN_S = 60.0
IVO_REPORT_S = 5.0


@dataclass(frozen=True)
class Objects:
    """The rows the detail pages open: found once per run, the same on every size."""

    client: str
    decision: str
    carer: str
    applicant: str
    quarter: str  # "YYYY/N": the latest ended quarter


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # "staff", "api" or "public": which target applies
    path: Callable[[Objects], str]
    admin: str = ""  # the admin changelist for the same model, if the page is a list
    method: str = "get"
    data: dict[str, Any] | None = None


QUOTE = {
    "type": "kontaktfamilj",
    "law": "sol",
    "birth_date": "2015-01-01",
    "stays": ["2025-03-07/2025-03-09"],
}

# Adding a measured page is one line here.
PAGES: list[Page] = [
    Page("Startsida för personal", "staff", lambda o: "/personal/"),
    Page("Sökande (arbetslista)", "staff", lambda o: "/personal/sokande/",
         admin="/admin/applicants/applicant/"),
    Page("Beslut (arbetslista)", "staff", lambda o: "/personal/klienter/",
         admin="/admin/clients/decision/"),
    Page("Klienter (sök)", "staff", lambda o: "/personal/klienter/sok/",
         admin="/admin/clients/client/"),
    Page("Uppdragstagare (poolen)", "staff", lambda o: "/personal/uppdragstagare/",
         admin="/admin/carers/carer/"),
    Page("Uppdragstagare som upphör snart", "staff",
         lambda o: "/personal/uppdragstagare/upphor-snart/"),
    Page("Sökande (detalj)", "staff", lambda o: f"/personal/sokande/{o.applicant}/"),
    Page("Klient (detalj)", "staff", lambda o: f"/personal/klienter/{o.client}/"),
    Page("Beslut (detalj)", "staff", lambda o: f"/personal/klienter/beslut/{o.decision}/"),
    Page("Uppdragstagare (detalj)", "staff", lambda o: f"/personal/uppdragstagare/{o.carer}/"),
    Page("Redovisningar att godkänna", "staff", lambda o: "/personal/redovisningar/",
         admin="/admin/payments/report/"),
    Page("Utbetalningar (körningar)", "staff", lambda o: "/personal/utbetalningar/"),
    Page("Tillsyn (översikt)", "staff", lambda o: "/personal/tillsyn/"),
    Page("Ej verkställda beslut (register)", "staff", lambda o: "/personal/tillsyn/register/"),
    Page("IVO-rapport för kvartalet", "staff", lambda o: f"/personal/tillsyn/kvartal/{o.quarter}/"),
    Page("Statistik", "staff", lambda o: "/personal/tillsyn/statistik/"),
    Page("Matchning: kandidater för ett beslut", "staff",
         lambda o: f"/personal/klienter/beslut/{o.decision}/matchning/"),
    Page("Aktuella uppdrag (publik lista)", "public", lambda o: "/aktuella-uppdrag/",
         admin="/admin/website/openassignment/"),
    Page("API: sökande", "api", lambda o: "/api/v1/applicants/"),
    Page("API: uppdragstagare", "api", lambda o: "/api/v1/carers/"),
    Page("API: klienter", "api", lambda o: "/api/v1/clients/"),
    Page("API: beslut", "api", lambda o: "/api/v1/decisions/"),
    Page("API: kandidater för ett beslut", "api",
         lambda o: f"/api/v1/decisions/{o.decision}/candidates/"),
    Page("API: utbetalningskörningar", "api", lambda o: "/api/v1/payments/runs/"),
    Page("API: ej verkställda beslut (IVO)", "api", lambda o: "/api/v1/oversight/unimplemented/"),
    Page("API: ersättning (offert)", "api", lambda o: "/api/v1/compensation/quote/",
         method="post", data=QUOTE),
]  # fmt: skip


def find_objects(built: Built) -> Objects:
    """The first row of each kind in the officer's unit, so detail pages are comparable."""
    org = built.organisation
    decision = (
        Decision.objects.filter(organisation=org, status=DecisionStatus.ACTIVE)
        .order_by("pk")
        .first()
    )
    if decision is None:
        decision = Decision.objects.filter(organisation=org).order_by("pk").first()
    if decision is None:
        raise LookupError("the dataset has no decisions")
    carer = Carer.objects.filter(organisation=org, status=CarerStatus.AVAILABLE).order_by("pk")
    applicant = Applicant.objects.filter(organisation=org).order_by("pk")
    return Objects(
        client=str(decision.client.public_id),
        decision=str(decision.public_id),
        carer=str(carer[0].public_id),
        applicant=str(applicant[0].public_id),
        quarter="{0.year}/{0.number}".format(recent_quarters(timezone.localdate(), 1)[0]),
    )


def signed_in(user: User) -> HttpClient:
    """A browser that has passed both factors as `user`."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    browser = HttpClient()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 for the 95th)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def count_queries(action: Callable[[], Any]) -> tuple[int, Any]:
    """How many SQL statements `action()` runs, and what it returned.

    Counted with an execute wrapper rather than `connection.queries`, which the
    request_started signal empties in the middle of a request.
    """
    queries = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = action()
    return queries, result


def time_request(
    browser: HttpClient, page_path: str, *, method: str, data: Any, repeat: int, warmup: int
) -> dict[str, Any]:
    def once() -> int:
        if method == "post":
            response = browser.post(page_path, data, content_type="application/json")
        else:
            response = browser.get(page_path)
        return int(response.status_code)

    status = 0
    for _ in range(warmup):
        status = once()
    queries, status = count_queries(once)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        once()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "status": status,
        "queries": queries,
        "median_ms": round(statistics.median(wall), 1),
        "p95_ms": round(percentile(wall, 0.95), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
    }


def time_matching(decision_id: str, *, repeat: int, warmup: int) -> dict[str, Any]:
    """`decision_candidates` called directly: the pool query plus ranking every carer."""
    decision = assignment_selectors.decision_for_matching_queryset().get(public_id=decision_id)
    result = assignment_selectors.decision_candidates(decision=decision)
    for _ in range(warmup):
        assignment_selectors.decision_candidates(decision=decision)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        assignment_selectors.decision_candidates(decision=decision)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "pool": result.candidate_count + result.excluded_count,
        "candidates": result.candidate_count,
        "median_ms": round(statistics.median(wall), 1),
        "p95_ms": round(percentile(wall, 0.95), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
    }


def time_quarter_report(built: Built, *, repeat: int) -> dict[str, Any]:
    """The quarterly IVO report prepared from the register (`quarter_data`), as the page, the
    CSV and the PDF do before rendering."""
    quarter = recent_quarters(timezone.localdate(), 1)[0]
    wall: list[float] = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(
            oversight_reports.quarter_data(organisation=built.organisation, quarter=quarter).rows
        )
        wall.append(time.perf_counter() - started)
    return {
        "quarter": f"{quarter.year} Q{quarter.number}",
        "rows": rows,
        "median_s": round(statistics.median(wall), 2),
        "max_s": round(max(wall), 2),
    }


def time_payment_run(built: Built) -> dict[str, Any]:
    """The monthly payment run, built the way the background task builds it, once (it pays
    the approved reports, so it runs last)."""
    month = timezone.localdate().replace(day=1)
    payable = Report.objects.filter(
        organisation=built.organisation, status=ReportStatus.APPROVED
    ).count()
    run = PaymentRun.objects.create(
        organisation=built.organisation, month=month, created_by=built.staff
    )
    started, started_cpu = time.perf_counter(), time.process_time()
    queries, run = count_queries(lambda: payment_services.payment_run_build(run.pk))
    seconds = time.perf_counter() - started
    return {
        "status": run.status,
        "reports": payable,
        "paid": Report.objects.filter(
            organisation=built.organisation, status=ReportStatus.PAID, payment_lines__run=run
        )
        .distinct()
        .count(),
        "lines": PaymentLine.objects.filter(run=run).count(),
        "queries": queries,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(time.process_time() - started_cpu, 1),
    }


def run(built: Built, *, repeat: int = 20, warmup: int = 2) -> dict[str, Any]:
    """Time every page (and its admin twin), matching, the IVO report and the payment run;
    plain data for the report."""
    objects = find_objects(built)
    browser = signed_in(built.staff)
    anonymous = HttpClient()
    rows = []
    for page in PAGES:
        client = anonymous if page.kind == "public" else browser
        row: dict[str, Any] = {"name": page.name, "kind": page.kind, "path": page.path(objects)}
        row.update(
            time_request(
                client,
                page.path(objects),
                method=page.method,
                data=page.data,
                repeat=repeat,
                warmup=warmup,
            )
        )
        if page.admin:
            twin = time_request(
                browser, page.admin, method="get", data=None, repeat=repeat, warmup=warmup
            )
            row["admin"] = {"path": page.admin, **twin}
        rows.append(row)
    matching = time_matching(objects.decision, repeat=max(5, repeat // 2), warmup=1)
    quarter = time_quarter_report(built, repeat=3)
    payment_run = time_payment_run(built)
    return {
        "pages": rows,
        "matching": matching,
        "quarter_report": quarter,
        "payment_run": payment_run,
    }
