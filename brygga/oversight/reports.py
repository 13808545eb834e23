"""The quarter's report to IVO (individrapporter), prepared from the register.

For a quarter: every entry open on its last day (new, or reported before and still open:
återrapport), and every entry closed since the last reported quarter, with what IVO asks for
(domain §3.8, addendum §3.2): personnummer or reserve number, sex, law, insats category,
decision date, date of the avbrott, the date and reason it was implemented or closed, and the
free text (reason for delay, offers with dates, consequences, interim support). No names.

A reported quarter is read from its snapshot (`QuarterReport.rows`), never rebuilt. A client
reported with a reserve number keeps that number for as long as the entry is reported, even if
a personnummer is registered later. Reads of the report are audited by the callers
(`report_record_view`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NoReturn

from django.template.loader import render_to_string
from django.utils import timezone, translation

from brygga.assignments.constants import OfferStatus
from brygga.assignments.models import Offer
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.clients.constants import IdentifierKind
from brygga.clients.models import Decision

from . import selectors
from .constants import (
    CLOSED_REASON_LABELS,
    ENTRY_KIND_LABELS,
    IVO_CATEGORIES,
    ClosedReason,
    ReportRowType,
)
from .models import EntryNote, QuarterReport, ReportingWindow
from .quarters import Quarter
from .register import Entry

# The CSV's columns: IVO's fields, in the order of the individrapport. Never a name.
CSV_COLUMNS = (
    ("row_type_label", "Rapporttyp"),
    ("identifier", "Personnummer eller reservnummer"),
    ("identifier_kind_label", "Typ av nummer"),
    ("sex_label", "Kön"),
    ("law_label", "Lag"),
    ("ivo_category", "Insats (IVO:s kategori)"),
    ("assignment_type", "Insats"),
    ("kind_label", "Grund"),
    ("decision_date", "Beslutsdatum"),
    ("interruption_date", "Datum för avbrott"),
    ("partial", "Det som inte verkställts"),
    ("reportable_since", "Rapporteringspliktigt från"),
    ("days_waiting", "Dagar sedan beslut eller avbrott"),
    ("closed_on", "Verkställt eller avslutat"),
    ("closed_reason_label", "Anledning"),
    ("offers", "Erbjudanden"),
    ("delay_reason", "Skäl till dröjsmålet"),
    ("consequences", "Konsekvenser för den enskilde"),
    ("interim_support", "Stöd i väntan på insatsen"),
    ("protected_identity", "Skyddade personuppgifter"),
)

PDF_TEMPLATE = "oversight/quarter_pdf.html"
SEX_LABELS = {"female": "Kvinna", "male": "Man"}
LAW_LABELS = {"sol": "SoL", "lss": "LSS"}
OFFER_LABELS: dict[str, str] = {
    OfferStatus.PENDING: "väntar på svar",
    OfferStatus.ACCEPTED: "accepterat",
    OfferStatus.DECLINED: "avböjt",
    OfferStatus.WITHDRAWN: "återkallat",
}


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"The quarter report loads nothing from outside: {url}")


def carer_pseudonym(public_id: Any) -> str:
    """How an offer's carer is named in the register: never by name."""
    return f"UT-{str(public_id)[:8]}"


def reporting_window(organisation: Any, quarter: Quarter) -> tuple[date, date]:
    override = (
        ReportingWindow.objects.filter(organisation=organisation, quarter=quarter.number)
        .values_list("opens_month", "opens_day", "closes_month", "closes_day")
        .first()
    )
    return quarter.window(override)


@dataclass
class QuarterData:
    quarter: Quarter
    rows: list[dict[str, Any]]
    report: QuarterReport | None = None
    previous: QuarterReport | None = None
    window: tuple[date, date] | None = None
    counts: dict[str, Any] = field(default_factory=dict)

    @property
    def open_rows(self) -> list[dict[str, Any]]:
        return [
            r for r in self.rows if r["row_type"] in (ReportRowType.NEW, ReportRowType.REPEATED)
        ]

    @property
    def closed_rows(self) -> list[dict[str, Any]]:
        return [
            r
            for r in self.rows
            if r["row_type"] in (ReportRowType.IMPLEMENTED, ReportRowType.CLOSED)
        ]


def offers_by_decision(decision_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    offers = (
        Offer.objects.filter(decision__public_id__in=decision_ids)
        .select_related("carer", "decision")
        .only(
            "offered_at",
            "responded_at",
            "status",
            "carer__public_id",
            "decision__public_id",
        )
        .order_by("offered_at", "id")
    )
    for offer in offers:
        found.setdefault(str(offer.decision.public_id), []).append(
            {
                "offered_on": timezone.localtime(offer.offered_at).date(),
                "responded_on": (
                    timezone.localtime(offer.responded_at).date() if offer.responded_at else None
                ),
                "to": carer_pseudonym(offer.carer.public_id),
                "status": offer.status,
                "outcome": OFFER_LABELS.get(offer.status, offer.status),
            }
        )
    return found


def offers_for_entry(offers: list[dict[str, Any]], entry: Entry) -> list[dict[str, Any]]:
    """The offers made while the entry waited: from its start to its close."""
    return [
        offer
        for offer in offers
        if offer["offered_on"] >= entry.waiting_since
        and (entry.closed_on is None or offer["offered_on"] <= entry.closed_on)
    ]


def offers_text(offers: list[dict[str, Any]]) -> str:
    return "; ".join(f"{o['offered_on']:%Y-%m-%d} till {o['to']}: {o['outcome']}" for o in offers)


def _row(
    entry: Entry,
    *,
    row_type: ReportRowType,
    decision: Decision,
    note: EntryNote | None,
    offers: list[dict[str, Any]],
    as_of: date,
    earlier_identifier: str | None,
) -> dict[str, Any]:
    client = decision.client
    identifier, kind = client.identifier, client.identifier_kind
    if earlier_identifier and earlier_identifier != identifier:
        # The same reserve number for the whole reporting period.
        identifier, kind = earlier_identifier, IdentifierKind.RESERVE
    reason = entry.closed_reason
    closed_label = str(CLOSED_REASON_LABELS[reason]) if reason else ""
    if entry.closed_note:
        closed_label = f"{closed_label}: {entry.closed_note}"
    until = entry.closed_on if entry.closed_on and entry.closed_on <= as_of else as_of
    with translation.override("sv"):
        return {
            "entry_key": entry.key,
            "decision_id": entry.decision_id,
            "row_type": row_type.value,
            "row_type_label": str(row_type.label),
            "identifier": identifier,
            "identifier_kind": kind,
            "identifier_kind_label": str(IdentifierKind(kind).label),
            "sex": client.sex,
            "sex_label": SEX_LABELS.get(client.sex, ""),
            "law": entry.law,
            "law_label": LAW_LABELS.get(entry.law, entry.law),
            "assignment_type": decision.assignment_type.name,
            "assignment_type_code": entry.assignment_type,
            "ivo_category": IVO_CATEGORIES.get(
                (entry.law, entry.assignment_type), decision.assignment_type.name
            ),
            "kind": entry.kind.value,
            "kind_label": str(ENTRY_KIND_LABELS[entry.kind]),
            "decision_date": entry.decision_date.isoformat(),
            "interruption_date": (
                entry.interruption_date.isoformat() if entry.interruption_date else ""
            ),
            "partial": entry.partial_note,
            "reportable_since": entry.reportable_since.isoformat(),
            "days_waiting": (until - entry.waiting_since).days,
            "closed_on": entry.closed_on.isoformat() if entry.closed_on else "",
            "closed_reason": reason.value if reason else "",
            "closed_reason_label": closed_label,
            "offers": offers_text(offers),
            "delay_reason": note.delay_reason if note else "",
            "consequences": note.consequences if note else "",
            "interim_support": note.interim_support if note else "",
            "protected_identity": "Ja" if client.protected_identity else "",
            "unit": client.unit.name,
        }


def _closed_type(entry: Entry) -> ReportRowType:
    if entry.closed_reason in (ClosedReason.IMPLEMENTED, ClosedReason.RESUMED):
        return ReportRowType.IMPLEMENTED
    return ReportRowType.CLOSED


def build_rows(
    *, organisation: Any, quarter: Quarter, earlier: list[QuarterReport]
) -> list[dict[str, Any]]:
    """The quarter's lines from the live register (a fixed number of queries)."""
    until = quarter.last_day
    after = earlier[0].period_end if earlier else quarter.previous.last_day
    open_entries = selectors.unimplemented_open_on(as_of=until, organisation=organisation)
    closed = selectors.unimplemented_closed_between(
        after=after, until=until, organisation=organisation
    )
    reported_keys: dict[str, str] = {}
    for report in reversed(earlier):  # the oldest first: the first number used wins
        for row in report.rows:
            if row.get("identifier_kind") == IdentifierKind.RESERVE:
                reported_keys.setdefault(row["entry_key"], row["identifier"])
            else:
                reported_keys.setdefault(row["entry_key"], "")
    entries = [*open_entries, *closed]
    ids = sorted({entry.decision_id for entry in entries})
    decisions = {
        str(d.public_id): d
        for d in Decision.objects.filter(public_id__in=ids).select_related(
            "client", "client__unit", "assignment_type"
        )
    }
    notes = {
        n.entry_key: n
        for n in EntryNote.objects.filter(
            organisation=organisation, entry_key__in=[e.key for e in entries]
        )
    }
    offers = offers_by_decision(ids)
    rows = []
    for entry, row_type in [
        *(
            (e, ReportRowType.REPEATED if e.key in reported_keys else ReportRowType.NEW)
            for e in open_entries
        ),
        *((e, _closed_type(e)) for e in closed),
    ]:
        rows.append(
            _row(
                entry,
                row_type=row_type,
                decision=decisions[entry.decision_id],
                note=notes.get(entry.key),
                offers=offers_for_entry(offers.get(entry.decision_id, []), entry),
                as_of=until,
                earlier_identifier=reported_keys.get(entry.key) or None,
            )
        )
    return rows


def counts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for the nämnd and the auditors: per law and insats, women and men, days."""
    open_rows = [r for r in rows if r["row_type"] in (ReportRowType.NEW, ReportRowType.REPEATED)]
    closed_rows = [r for r in rows if r not in open_rows]
    per_type: Counter[tuple[str, str]] = Counter(
        (r["law_label"], r["ivo_category"]) for r in open_rows
    )
    closed_per_type: Counter[tuple[str, str]] = Counter(
        (r["law_label"], r["ivo_category"]) for r in closed_rows
    )
    keys = sorted(set(per_type) | set(closed_per_type))
    waits = sorted(r["days_waiting"] for r in open_rows)
    return {
        "per_type": [
            {
                "law": law,
                "category": category,
                "open": per_type[(law, category)],
                "closed": closed_per_type[(law, category)],
            }
            for law, category in keys
        ],
        "open": len(open_rows),
        "closed": len(closed_rows),
        "new": sum(1 for r in open_rows if r["row_type"] == ReportRowType.NEW),
        "women": sum(1 for r in open_rows if r["sex"] == "female"),
        "men": sum(1 for r in open_rows if r["sex"] == "male"),
        "longest_wait": waits[-1] if waits else 0,
        "median_wait": waits[len(waits) // 2] if waits else 0,
    }


def quarter_data(*, organisation: Any, quarter: Quarter) -> QuarterData:
    """The quarter: its snapshot when reported, otherwise prepared from the register now."""
    reports = list(
        QuarterReport.objects.filter(organisation=organisation, period_end__lte=quarter.last_day)
        .select_related("reported_by")
        .order_by("-period_end")
    )
    own = reports[0] if reports and reports[0].period_end == quarter.last_day else None
    earlier = [r for r in reports if r is not own]
    rows = (
        own.rows
        if own is not None
        else build_rows(organisation=organisation, quarter=quarter, earlier=earlier)
    )
    return QuarterData(
        quarter=quarter,
        rows=rows,
        report=own,
        previous=earlier[0] if earlier else None,
        window=reporting_window(organisation, quarter),
        counts=counts(rows),
    )


def report_record_view(
    *, actor: Any, organisation: Any, quarter: Quarter, rows: int, purpose: str, form: str
) -> None:
    """The report holds personnummer: every look and every download is logged."""
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_QUARTER_VIEWED,
        organisation=organisation,
        changes={"quarter": quarter.label, "rows": rows, "format": form},
        purpose=purpose,
    )


def quarter_csv(data: QuarterData) -> str:
    """The report as CSV (semicolon separated, for Swedish spreadsheets): IVO's fields, no
    name."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _key, label in CSV_COLUMNS])
    for row in data.rows:
        writer.writerow([row.get(key, "") for key, _label in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


def quarter_pdf(data: QuarterData, *, organisation: Any) -> bytes:
    """A printable summary for the nämnd and the auditors: counts per law and insats, and
    the lines without identifiers."""
    from weasyprint import HTML  # loading Pango is slow and only PDFs need it

    with translation.override("sv"):
        html = render_to_string(
            PDF_TEMPLATE,
            {"data": data, "organisation": organisation, "printed_on": timezone.localdate()},
        )
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return pdf
