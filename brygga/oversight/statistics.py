"""Statistics for managers: where the shortage is (issue 10, domain §6.1).

Every chart is a `ChartDefinition` in `CHARTS`: a slug, a title, a short text and a function
from `StatsFilters` to `charts.ChartData`. Adding a chart (compensation paid per month, when
payments lands) is one function and one `register_chart(...)` call; the page, the accessible
table, the SVG and the CSV download come with it.

Counts are aggregated in SQL (`values(...).annotate(Count(...))`); medians and 90th
percentiles are taken in Python over one `values_list` query, since SQLite has no percentile
function. Either way the number of queries does not depend on the number of rows.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brygga.applicants.constants import ApplicantStage, DecisionOutcome
from brygga.applicants.models import ApplicantStageChange, ApprovalDecision, InterestRegistration
from brygga.assignments.constants import OCCUPYING, AssignmentStatus
from brygga.assignments.models import Assignment
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer, CarerApproval
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision
from brygga.payments.constants import LineKind, RunStatus
from brygga.payments.models import PaymentLine

from . import selectors
from .charts import ChartData, Series
from .constants import ENTRY_KIND_LABELS, EntryKind
from .quarters import Quarter
from .register import DecisionFacts, open_on


@dataclass(frozen=True)
class StatsFilters:
    """`units`: the unit pks to count (None: the whole organisation). Months from the first
    of `start`'s month to the end of `end`'s month."""

    organisation: Any
    units: tuple[int, ...] | None
    start: date
    end: date

    def months(self) -> list[date]:
        found, day = [], self.start.replace(day=1)
        while day <= self.end:
            found.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return found

    def unit_q(self, path: str) -> Q:
        return Q() if self.units is None else Q(**{f"{path}__in": self.units})


@dataclass(frozen=True)
class ChartDefinition:
    slug: str
    title: Any  # lazy Swedish text
    description: Any
    compute: Callable[[StatsFilters], ChartData]
    uses_period: bool = True


CHARTS: list[ChartDefinition] = []


def register_chart(definition: ChartDefinition) -> ChartDefinition:
    CHARTS.append(definition)
    return definition


def chart_by_slug(slug: str) -> ChartDefinition | None:
    return next((chart for chart in CHARTS if chart.slug == slug), None)


def _month_label(day: date | datetime) -> str:
    return f"{day.year}-{day.month:02d}"


def _month_key(value: Any) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return _month_label(value)


def percentile(values: list[int], share: float) -> float | None:
    """The nearest-rank percentile (`share` 0.5: the median; 0.9: the 90th)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return float(ordered[rank - 1])


def _period_q(path: str, filters: StatsFilters, *, is_datetime: bool) -> Q:
    end = filters.months()[-1]
    after_end = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    start = filters.start.replace(day=1)
    if is_datetime:
        tz = timezone.get_current_timezone()
        return Q(
            **{
                f"{path}__gte": datetime(start.year, start.month, 1, tzinfo=tz),
                f"{path}__lt": datetime(after_end.year, after_end.month, 1, tzinfo=tz),
            }
        )
    return Q(**{f"{path}__gte": start, f"{path}__lt": after_end})


# --- Recruitment --------------------------------------------------------------------------------


def recruitment_funnel(filters: StatsFilters) -> ChartData:
    months = [_month_label(m) for m in filters.months()]
    applications = (
        InterestRegistration.objects.filter(
            _period_q("submitted_at", filters, is_datetime=True),
            filters.unit_q("applicant__unit"),
            applicant__organisation=filters.organisation,
        )
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(n=Count("id"))
    )
    outcomes = (
        ApplicantStageChange.objects.filter(
            _period_q("changed_at", filters, is_datetime=True),
            filters.unit_q("applicant__unit"),
            applicant__organisation=filters.organisation,
            to_stage__in=(
                ApplicantStage.APPROVED,
                ApplicantStage.NOT_APPROVED,
                ApplicantStage.WITHDRAWN,
            ),
        )
        .annotate(month=TruncMonth("changed_at"))
        .values("month", "to_stage")
        .annotate(n=Count("id"))
    )
    counts: Counter[tuple[str, str]] = Counter()
    for row in applications:
        counts[(_month_key(row["month"]), "applications")] += row["n"]
    for row in outcomes:
        counts[(_month_key(row["month"]), row["to_stage"])] += row["n"]
    series = (
        ("applications", _("Intresseanmälningar")),
        (ApplicantStage.APPROVED.value, _("Godkända")),
        (ApplicantStage.NOT_APPROVED.value, _("Inte godkända")),
        (ApplicantStage.WITHDRAWN.value, _("Återkallade")),
    )
    return ChartData(
        category_label=_("Månad"),
        categories=tuple(months),
        series=tuple(
            Series(label, tuple(float(counts[(m, key)]) for m in months)) for key, label in series
        ),
        value_label=_("antal"),
    )


def recruitment_days(filters: StatsFilters) -> ChartData:
    months = [_month_label(m) for m in filters.months()]
    rows = ApprovalDecision.objects.filter(
        _period_q("decided_at", filters, is_datetime=True),
        filters.unit_q("applicant__unit"),
        applicant__organisation=filters.organisation,
        outcome__in=(DecisionOutcome.APPROVED, DecisionOutcome.REJECTED),
    ).values_list("decided_at", "applicant__created_at")
    days: dict[str, list[int]] = defaultdict(list)
    for decided_at, created_at in rows:
        decided = timezone.localtime(decided_at)
        days[_month_label(decided)].append(
            (decided.date() - timezone.localtime(created_at).date()).days
        )
    return ChartData(
        category_label=_("Månad för beslutet"),
        categories=tuple(months),
        series=(
            Series(_("Median"), tuple(percentile(days[m], 0.5) for m in months)),
            Series(_("90:e percentilen"), tuple(percentile(days[m], 0.9) for m in months)),
        ),
        value_label=_("dagar"),
    )


# --- Decisions and assignments ------------------------------------------------------------------


def decision_to_start(filters: StatsFilters) -> ChartData:
    rows = Decision.objects.filter(
        _period_q("implemented_on", filters, is_datetime=False),
        filters.unit_q("client__unit"),
        organisation=filters.organisation,
        implemented_on__isnull=False,
    ).values_list(
        "assignment_type__order", "assignment_type__name", "decision_date", "implemented_on"
    )
    days: dict[tuple[int, str], list[int]] = defaultdict(list)
    for order, name, decided, implemented in rows:
        if implemented is not None:
            days[(order, name)].append((implemented - decided).days)
    keys = sorted(days)
    return ChartData(
        category_label=_("Insats"),
        categories=tuple(name for _order, name in keys),
        series=(
            Series(_("Median"), tuple(percentile(days[k], 0.5) for k in keys)),
            Series(_("90:e percentilen"), tuple(percentile(days[k], 0.9) for k in keys)),
        ),
        value_label=_("dagar"),
    )


def _available_carers(filters: StatsFilters) -> Any:
    """Carers who could take one more assignment today: available or in an assignment with
    capacity left. Carers belong to the organisation, not to a unit."""
    return (
        Carer.objects.filter(
            organisation=filters.organisation,
            status__in=(CarerStatus.AVAILABLE, CarerStatus.IN_ASSIGNMENT),
        )
        .annotate(
            busy=Count("assignments", filter=Q(assignments__status__in=OCCUPYING), distinct=True)
        )
        .filter(busy__lt=F("max_concurrent_assignments"))
        .values("pk")
    )


def _valid_approvals(filters: StatsFilters) -> Any:
    today = timezone.localdate()
    return CarerApproval.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        carer__in=_available_carers(filters),
        revoked_at__isnull=True,
    )


def _waiting(filters: StatsFilters) -> Any:
    return Decision.objects.filter(
        filters.unit_q("client__unit"),
        organisation=filters.organisation,
        status=DecisionStatus.ACTIVE,
    )


def _gap_chart(
    category_label: str, waiting: Iterable[tuple[str, int]], available: Iterable[tuple[str, int]]
) -> ChartData:
    waiting_by = Counter(dict(waiting))
    available_by = Counter(dict(available))
    keys = sorted(set(waiting_by) | set(available_by), key=lambda k: (-waiting_by[k], k))
    return ChartData(
        category_label=category_label,
        categories=tuple(keys),
        series=(
            Series(_("Beslut som väntar"), tuple(float(waiting_by[k]) for k in keys)),
            Series(_("Tillgängliga uppdragstagare"), tuple(float(available_by[k]) for k in keys)),
        ),
        value_label=_("antal"),
    )


def _pairs(rows: Iterable[Any], key: str, empty: str) -> list[tuple[str, int]]:
    found: Counter[str] = Counter()
    for row in rows:
        found[(row[key] or "").strip() or empty] += row["n"]
    return list(found.items())


def gap_by_type(filters: StatsFilters) -> ChartData:
    waiting = _waiting(filters).values("assignment_type__name").annotate(n=Count("id"))
    available = (
        _valid_approvals(filters)
        .values("assignment_type__name")
        .annotate(n=Count("carer", distinct=True))
    )
    return _gap_chart(
        _("Insats"),
        _pairs(waiting, "assignment_type__name", "–"),
        _pairs(available, "assignment_type__name", "–"),
    )


def gap_by_target_group(filters: StatsFilters) -> ChartData:
    none = _("Ingen målgrupp angiven")
    waiting = _waiting(filters).values("target_group__name").annotate(n=Count("id"))
    available = (
        _valid_approvals(filters)
        .values("target_group__name")
        .annotate(n=Count("carer", distinct=True))
    )
    return _gap_chart(
        _("Målgrupp"),
        _pairs(waiting, "target_group__name", none),
        _pairs(available, "target_group__name", none),
    )


def gap_by_area(filters: StatsFilters) -> ChartData:
    """Clients by their area (never for a client with protected identity: counted as
    unknown), carers by their city."""
    unknown = _("Område okänt")
    waiting = (
        _waiting(filters)
        .filter(client__protected_identity=False)
        .values("client__area")
        .annotate(n=Count("id"))
    )
    hidden = _waiting(filters).filter(client__protected_identity=True).count()
    available = (
        Carer.objects.filter(pk__in=_available_carers(filters))
        .values("city")
        .annotate(n=Count("id"))
    )
    pairs = _pairs(waiting, "client__area", unknown)
    if hidden:
        pairs.append((unknown, hidden))
    merged: Counter[str] = Counter()
    for key, n in pairs:
        merged[key] += n
    return _gap_chart(_("Område"), list(merged.items()), _pairs(available, "city", unknown))


def active_assignments(filters: StatsFilters) -> ChartData:
    statuses = (
        (AssignmentStatus.ACTIVE, _("Pågår")),
        (AssignmentStatus.PAUSED, _("Pausat")),
        (AssignmentStatus.INTERRUPTED, _("Avbrott")),
    )
    rows = (
        Assignment.objects.filter(
            filters.unit_q("decision__client__unit"),
            organisation=filters.organisation,
            status__in=[s for s, _label in statuses],
        )
        .values("decision__assignment_type__order", "decision__assignment_type__name", "status")
        .annotate(n=Count("id"))
    )
    counts: Counter[tuple[tuple[int, str], str]] = Counter()
    for row in rows:
        key = (row["decision__assignment_type__order"], row["decision__assignment_type__name"])
        counts[(key, row["status"])] += row["n"]
    keys = sorted({key for key, _status in counts})
    return ChartData(
        category_label=_("Insats"),
        categories=tuple(name for _order, name in keys),
        series=tuple(
            Series(label, tuple(float(counts[(k, status.value)]) for k in keys))
            for status, label in statuses
        ),
        value_label=_("antal"),
    )


def unimplemented_per_quarter(filters: StatsFilters) -> ChartData:
    quarters: list[Quarter] = []
    quarter = Quarter.containing(filters.start)
    while quarter.first_day <= filters.end:
        quarters.append(quarter)
        quarter = quarter.next
    facts: list[DecisionFacts] = selectors.facts_with_history(
        organisation=filters.organisation,
        units=filters.units,
        reportable_by=quarters[-1].last_day,
        may_have_entries=True,
        open_from=quarters[0].last_day,
    )
    kinds = list(EntryKind)
    counts: Counter[tuple[str, EntryKind]] = Counter()
    for q in quarters:
        for entry in open_on(facts, q.last_day):
            counts[(q.label, entry.kind)] += 1
    return ChartData(
        category_label=_("Kvartal (öppna poster på kvartalets sista dag)"),
        categories=tuple(q.label for q in quarters),
        series=tuple(
            Series(
                str(ENTRY_KIND_LABELS[kind]),
                tuple(float(counts[(q.label, kind)]) for q in quarters),
            )
            for kind in kinds
        ),
        value_label=_("antal"),
    )


# --- Compensation paid ---------------------------------------------------------------------------

# What one carer is paid is secret (only the carer, finance and the contract's officers see
# it): a month where fewer carers than this were paid within the filter is not shown.
MIN_CARERS_PER_CELL = 3


def compensation_paid(filters: StatsFilters) -> ChartData:
    """Fee (taxable) and expense allowance (with travel and outlays, tax-free) paid in exported
    payment runs, per payout month. Adjustments count in the run that paid them."""
    months = [_month_label(m) for m in filters.months()]
    paid = (
        PaymentLine.objects.filter(
            _period_q("run__month", filters, is_datetime=False),
            filters.unit_q("report__contract__assignment__decision__client__unit"),
            organisation=filters.organisation,
            run__status=RunStatus.EXPORTED,
        )
        .annotate(month=TruncMonth("run__month"))
        .values("month")
    )
    rows = paid.values("month", "kind").annotate(total=Sum("amount"))
    carers_per_month = dict(
        paid.annotate(n=Count("carer", distinct=True)).values_list("month", "n")
    )
    shown = {_month_key(m) for m, n in carers_per_month.items() if n >= MIN_CARERS_PER_CELL}
    # Sums stay Decimal; the chart takes floats of whole öre.
    totals: defaultdict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        part = "fee" if row["kind"] == LineKind.FEE else "allowance"
        totals[(_month_key(row["month"]), part)] += row["total"] or Decimal("0")
    series = (("fee", _("Arvode")), ("allowance", _("Omkostnader, resor och utlägg")))
    return ChartData(
        category_label=_("Utbetalningsmånad"),
        categories=tuple(months),
        series=tuple(
            Series(
                label,
                tuple(float(totals[(m, key)]) if m in shown else None for m in months),
            )
            for key, label in series
        ),
        value_label=_("kronor"),
    )


register_chart(
    ChartDefinition(
        "rekrytering",
        gettext_lazy("Rekrytering per månad"),
        gettext_lazy(
            "Intresseanmälningar, godkända, inte godkända och återkallade sökande per månad."
        ),
        recruitment_funnel,
    )
)
register_chart(
    ChartDefinition(
        "tid-till-beslut",
        gettext_lazy("Dagar från ansökan till beslut"),
        gettext_lazy(
            "Median och 90:e percentilen för dagar från intresseanmälan till beslut om "
            "godkännande, per månad för beslutet."
        ),
        recruitment_days,
    )
)
register_chart(
    ChartDefinition(
        "tid-till-start",
        gettext_lazy("Dagar från beslut till start per insats"),
        gettext_lazy(
            "Median och 90:e percentilen för dagar från beslutsdatum till att insatsen "
            "startade, för beslut verkställda under perioden."
        ),
        decision_to_start,
    )
)
register_chart(
    ChartDefinition(
        "vantar-per-insats",
        gettext_lazy("Väntande beslut och tillgängliga uppdragstagare per insats"),
        gettext_lazy(
            "Beslut som inte verkställts i dag och godkända uppdragstagare med plats för "
            "ett uppdrag till. Dit ska rekryteringen sikta."
        ),
        gap_by_type,
        uses_period=False,
    )
)
register_chart(
    ChartDefinition(
        "vantar-per-malgrupp",
        gettext_lazy("Väntande beslut och tillgängliga uppdragstagare per målgrupp"),
        gettext_lazy("Samma jämförelse per målgrupp."),
        gap_by_target_group,
        uses_period=False,
    )
)
register_chart(
    ChartDefinition(
        "vantar-per-omrade",
        gettext_lazy("Väntande beslut och tillgängliga uppdragstagare per område"),
        gettext_lazy(
            "Klienternas område och uppdragstagarnas ort. Klienter med skyddade "
            "personuppgifter räknas som okänt område."
        ),
        gap_by_area,
        uses_period=False,
    )
)
register_chart(
    ChartDefinition(
        "aktiva-uppdrag",
        gettext_lazy("Pågående uppdrag per insats"),
        gettext_lazy("Uppdrag som pågår, är pausade eller har avbrott i dag."),
        active_assignments,
        uses_period=False,
    )
)
register_chart(
    ChartDefinition(
        "ej-verkstallda",
        gettext_lazy("Ej verkställda beslut per kvartal"),
        gettext_lazy(
            "Poster i registret som var öppna på kvartalets sista dag: ej verkställda "
            "beslut, avbrott och delvis verkställda beslut (SoL och LSS)."
        ),
        unimplemented_per_quarter,
    )
)


def chart_csv(definition: ChartDefinition, data: ChartData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([data.category_label, *(s.label for s in data.series)])
    for category, values in data.rows:
        writer.writerow(
            [category, *("" if v is None else f"{v:g}".replace(".", ",") for v in values)]
        )
    return "\ufeff" + out.getvalue()


register_chart(
    ChartDefinition(
        "utbetalt",
        gettext_lazy("Utbetald ersättning per månad"),
        gettext_lazy(
            "Arvode och skattefria ersättningar i exporterade utbetalningskörningar, per "
            "utbetalningsmånad. Månader där färre än tre uppdragstagare fick betalt visas inte, "
            "så att ingen enskilds ersättning kan räknas fram."
        ),
        compensation_paid,
    )
)
