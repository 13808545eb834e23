"""What retention can remove: one `RetentionTarget` per kind of record.

Each target finds the closed records of an organisation with the date of their last entry,
and removes one record with everything that belongs to it. `TARGETS` is the registry; the
rule table (`RetentionRule.target`) names its keys. Apps merged later add a target here
(payments: anchor CALENDAR_YEAR_END, 84 months) and a default rule follows automatically.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.accounts.constants import UserKind
from brygga.accounts.models import Organisation, User
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant
from brygga.assignments.models import Assignment
from brygga.audit.services import subject_ref
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer
from brygga.clients.constants import OPEN_STATUSES
from brygga.clients.models import Client
from brygga.contracts.models import Contract
from brygga.payments.constants import RunStatus
from brygga.payments.models import PaymentLine, PaymentRun, Report

from .constants import LedgerAction, RetentionAnchor


@dataclass(frozen=True)
class ClosedRecord:
    """A closed record: its id, the day of its last entry and (for the research exception)
    the person's birth date."""

    pk: int
    last_entry: date
    birth_date: date | None = None


@dataclass
class Removal:
    """What removing one record did: for the ledger, the audit scrub and the file clean-up."""

    action: str = LedgerAction.DELETED
    dependents: Counter[str] = field(default_factory=Counter)
    audit_refs: set[tuple[str, str]] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    anonymised_users: set[int] = field(default_factory=set)

    def forget(self, obj: models.Model) -> None:
        """Note a row that goes: its audit reference and its count by model."""
        self.audit_refs.add(subject_ref(obj))
        self.dependents[obj._meta.label_lower] += 1

    def count(self, related: Any) -> None:
        """Count the rows of a related manager that go with the record by cascade."""
        self.dependents[related.model._meta.label_lower] += related.count()

    def delete(self, obj: models.Model) -> None:
        self.forget(obj)
        obj.delete()


def _day(*moments: date | datetime | None) -> date:
    """The latest of the given dates and times, as a local date."""
    days = [
        timezone.localdate(m) if isinstance(m, datetime) else m for m in moments if m is not None
    ]
    return max(days)


def anonymise_user(user: User, removal: Removal) -> None:
    """A public account whose last case went: no name, no address, cannot sign in. The row
    stays because the audit log names it as actor."""
    if (
        user.pk in removal.anonymised_users
        or user.kind != UserKind.PUBLIC
        or user.applicant_cases.exists()
        or user.carer_records.exists()
    ):
        return
    removal.anonymised_users.add(user.pk)
    removal.audit_refs.add(subject_ref(user))
    user.login_links.all().delete()
    user.email = f"gallrad-{user.pk}@gallrad.invalid"
    user.first_name = user.last_name = user.phone = user.title = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    removal.dependents["accounts.user.anonymised"] += 1


def _delete_applicant(applicant: Applicant, removal: Removal) -> None:
    """An applicant's case with its registrations, history, checks, documents and files."""
    for relation in ("registrations", "documents"):
        for row in getattr(applicant, relation).all():
            removal.forget(row)
    removal.files += list(applicant.documents.values_list("stored_name", flat=True))
    for relation in (
        "history",
        "register_checks",
        "references",
        "meetings",
        "assessments",
        "decisions",
        "household_members",
        "deletion_requests",
    ):
        removal.count(getattr(applicant, relation))
    user = applicant.user
    removal.delete(applicant)
    anonymise_user(user, removal)


class RetentionTarget:
    key: str
    label: Any
    model: type[models.Model]
    default_months: int
    default_anchor: str = RetentionAnchor.LAST_ENTRY
    default_keep_research_days: bool = False
    legal_note: str = ""

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower

    def closed(self, organisation: Organisation) -> Iterator[ClosedRecord]:
        raise NotImplementedError

    def remove(self, pk: int) -> Removal:
        """Remove one record; ProtectedError when kept records still refer to it."""
        raise NotImplementedError


class ClosedApplicants(RetentionTarget):
    """Withdrawn and not approved applicants (dokumenthanteringsplan; domain §5)."""

    key = "applicants.closed"
    label = _("Återkallade och inte godkända ansökningar")
    model = Applicant
    default_months = 12
    legal_note = "Dokumenthanteringsplan (Gallringsråd nr 5)"

    def closed(self, organisation: Organisation) -> Iterator[ClosedRecord]:
        rows = (
            Applicant.objects.filter(
                organisation=organisation,
                stage__in=[ApplicantStage.WITHDRAWN, ApplicantStage.NOT_APPROVED],
            )
            .annotate(last_history=Max("history__changed_at"))
            .annotate(last_registration=Max("registrations__submitted_at"))
            .values_list(
                "pk", "updated_at", "stage_changed_at", "last_history", "last_registration"
            )
            .order_by("pk")
        )
        for pk, *moments in rows:
            yield ClosedRecord(pk=pk, last_entry=_day(*moments))

    def remove(self, pk: int) -> Removal:
        removal = Removal()
        _delete_applicant(Applicant.objects.select_related("user").get(pk=pk), removal)
        return removal


class PaidPaymentRuns(RetentionTarget):
    """Exported payment runs with their lines (the accounting records, verifikationer): 7 years
    after the end of the calendar year of the payout month (bokföringslagen 7 kap. 2 §). Until
    they go, their lines keep the reports, client files and carers they name (PROTECT)."""

    key = "payments.paid"
    label = _("Utbetalningar (räkenskapsinformation)")
    model = PaymentRun
    default_months = 84
    default_anchor = RetentionAnchor.CALENDAR_YEAR_END
    legal_note = "Bokföringslagen (1999:1078) 7 kap. 2 §"

    def closed(self, organisation: Organisation) -> Iterator[ClosedRecord]:
        rows = (
            PaymentRun.objects.filter(organisation=organisation, status=RunStatus.EXPORTED)
            .values_list("pk", "month")
            .order_by("pk")
        )
        for pk, month in rows:
            yield ClosedRecord(pk=pk, last_entry=month)

    def remove(self, pk: int) -> Removal:
        removal = Removal()
        run = PaymentRun.objects.get(pk=pk)
        # Adjustments refer to the lines they correct (PROTECT): newest first.
        for line in PaymentLine.objects.filter(run=run).order_by("-pk"):
            removal.delete(line)
        removal.delete(run)
        return removal


def _delete_contract(contract: Contract, removal: Removal) -> None:
    """A contract with its versions and the carer's reports (receipts are files). A report
    that an unremoved payment line still names raises ProtectedError: the file is kept."""
    for report in Report.objects.filter(contract=contract).order_by("pk"):
        removal.files.extend(name for name in report.expenses.values_list("stored_name", flat=True))
        removal.count(report.expenses)
        removal.count(report.lines)
        removal.delete(report)
    for version in contract.versions.order_by("-pk"):
        removal.delete(version)
    removal.delete(contract)


class EndedClients(RetentionTarget):
    """Clients with no open decision: the personakt, 5 years after the last entry
    (SoL 12 kap.; research exception SoF 7 kap. 2 §)."""

    key = "clients.ended"
    label = _("Avslutade klientakter")
    model = Client
    default_months = 60
    default_keep_research_days = True
    legal_note = "SoL 12 kap. 1–2 §§, SoF 7 kap. 2 §"

    def closed(self, organisation: Organisation) -> Iterator[ClosedRecord]:
        rows = (
            Client.objects.filter(organisation=organisation)
            .exclude(decisions__status__in=OPEN_STATUSES)
            .annotate(
                last_decision=Max("decisions__updated_at"),
                last_ended=Max("decisions__ended_on"),
                last_follow_up=Max("decisions__follow_ups__recorded_at"),
                last_assignment=Max("decisions__assignments__updated_at"),
                last_guardian=Max("guardians__updated_at"),
            )
            .values_list(
                "pk",
                "birth_date",
                "updated_at",
                "last_decision",
                "last_ended",
                "last_follow_up",
                "last_assignment",
                "last_guardian",
            )
            .order_by("pk")
        )
        for pk, birth_date, *moments in rows:
            yield ClosedRecord(pk=pk, last_entry=_day(*moments), birth_date=birth_date)

    def remove(self, pk: int) -> Removal:
        """The client with guardians, decisions (plans, follow-ups), offers and assignments.
        Carers stay: their own rule decides."""
        removal = Removal()
        client = Client.objects.get(pk=pk)
        for decision in client.decisions.order_by("pk"):
            # Newest first: a rematch refers to the assignment it replaced.
            for assignment in Assignment.objects.filter(decision=decision).order_by("-pk"):
                for contract in Contract.objects.filter(assignment=assignment):
                    _delete_contract(contract, removal)
                removal.delete(assignment)
            for offer in decision.offers.order_by("pk"):
                removal.delete(offer)
            removal.count(decision.follow_ups)
            removal.delete(decision)
        for guardian in client.guardians.all():
            removal.forget(guardian)
        removal.delete(client)
        return removal


class EndedCarers(RetentionTarget):
    """Deregistered carers (uppdragstagare): 5 years after the last entry, with the research
    exception, together with the approved applicant case they came from."""

    key = "carers.ended"
    label = _("Avregistrerade uppdragstagare")
    model = Carer
    default_months = 60
    default_keep_research_days = True
    legal_note = "Dokumenthanteringsplan; SoL 12 kap. (uppdrag i klientakter)"

    def closed(self, organisation: Organisation) -> Iterator[ClosedRecord]:
        rows = (
            Carer.objects.filter(organisation=organisation, status=CarerStatus.DEREGISTERED)
            .annotate(
                last_status=Max("status_changes__changed_at"),
                last_assignment=Max("assignments__updated_at"),
                last_offer=Max("offers__updated_at"),
            )
            .values_list(
                "pk",
                "birth_date",
                "updated_at",
                "status_changed_at",
                "last_status",
                "last_assignment",
                "last_offer",
            )
            .order_by("pk")
        )
        for pk, birth_date, *moments in rows:
            yield ClosedRecord(pk=pk, last_entry=_day(*moments), birth_date=birth_date)

    def remove(self, pk: int) -> Removal:
        """Kept client files may still name the carer in an assignment (PROTECT): then the
        carer is kept too, and the dry run says so."""
        removal = Removal()
        carer = Carer.objects.select_related("user").get(pk=pk)
        for relation in ("approvals", "checks", "status_changes"):
            removal.count(getattr(carer, relation))
        user = carer.user
        source = carer.source_applicant_ref
        removal.delete(carer)
        if source is not None:
            applicant = (
                Applicant.objects.select_related("user")
                .filter(organisation_id=carer.organisation_id, public_id=source)
                .first()
            )
            if applicant is not None:
                _delete_applicant(applicant, removal)
        anonymise_user(user, removal)
        return removal


# Order matters: payment records go first, so their lines no longer keep reports; then client
# files, so the assignments and reports they held no longer keep carers.
TARGETS: dict[str, RetentionTarget] = {
    target.key: target
    for target in (PaidPaymentRuns(), ClosedApplicants(), EndedClients(), EndedCarers())
}
