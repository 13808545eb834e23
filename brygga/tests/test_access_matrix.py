"""The access matrix: every URL that takes an object id, tried by every role, by staff of
another unit, by another carer, by another applicant and anonymously.

`MATRIX` names, per URL, how to find an object in the demo municipality and who may reach it.
Everyone else must be refused (403, 404, 401, 405, or a redirect to a login page) on GET and on
POST, and nothing may answer with a server error. `test_every_url_with_an_id_is_in_the_matrix`
fails when a new URL with a path parameter appears without a row here: whoever adds a URL
decides, in this file, who may use it.

Every request runs in a transaction that is rolled back, so a POST that is let through changes
nothing for the next actor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from brygga.accounts.models import User
from brygga.accounts.tests.helpers import login_staff

# Staff of the demo municipality. The decision and client rows below are in "Barn och unga":
# the case officer of that unit handles them, the one of Vuxenenheten/LSS is "another unit".
RECRUITER = "kontaktsekreterare@ekby.example"
OFFICER = "handlaggare@ekby.example"
OFFICER_OTHER_UNIT = "handlaggare.vuxen@ekby.example"
FINANCE = "ekonomi@ekby.example"
MANAGER = "chef@ekby.example"
ADMIN = "admin@ekby.example"
STAFF = (RECRUITER, OFFICER, OFFICER_OTHER_UNIT, FINANCE, MANAGER, ADMIN)
# Public accounts: the owner of the object (found per row), another applicant, another carer.
OWNER = "owner"
APPLICANT_OTHER = "annan.sokande@test.example"
CARER_OTHER = "uppdragstagare@ekby.example"
ANONYMOUS = "anonymous"
EVERYONE = frozenset({*STAFF, OWNER, APPLICANT_OTHER, CARER_OTHER, ANONYMOUS})
PUBLIC = EVERYONE  # public pages: everyone may read them

# Marks every row as a database test, so the test database exists for the module's `world`;
# each row then runs in a savepoint inside the world's transaction.
pytestmark = pytest.mark.django_db

DENIED_STATUS = {401, 403, 404, 405}
LOGIN_PATHS = ("/personal/logga-in/", "/logga-in/")


@dataclass
class Target:
    kwargs: dict[str, Any]
    owner: User | None = None
    data: dict[str, str] = field(default_factory=dict)  # added to the row's POST data


@dataclass(frozen=True)
class Row:
    find: Callable[[World], Target]
    allowed: frozenset[str]
    note: str = ""
    # What a POST sends: valid enough that an allowed actor's request reaches the service.
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    """Lookups in the demo municipality, plus the few owners the demo does not have."""

    users: dict[str, User] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    documents: Path = field(default_factory=Path)

    def user(self, email: str) -> User:
        if email not in self.users:
            self.users[email] = User.objects.get(email=email)
        return self.users[email]

    def public_owner(self, email: str) -> User:
        from brygga.accounts.tests.factories import UserFactory

        organisation = self.user(MANAGER).organisation
        user = User.objects.filter(email=email).first() or UserFactory(
            public=True, organisation=organisation, email=email
        )
        return user


def _m(*allowed: str) -> frozenset[str]:
    return frozenset(allowed)


# --- finders -------------------------------------------------------------------------------


def _unit_decision(world: World) -> Any:
    from brygga.clients.models import Decision

    return (
        Decision.objects.filter(client__unit__name="Barn och unga", status="active")
        .select_related("client")
        .order_by("pk")
        .first()
    )


def _decision(world: World) -> Target:
    return Target({"public_id": _unit_decision(world).public_id})


def _client(world: World) -> Target:
    return Target({"public_id": _unit_decision(world).client.public_id})


def _guardian(world: World) -> Target:
    from brygga.clients.models import Guardian

    guardian = Guardian.objects.filter(client__unit__name="Barn och unga").first()
    assert guardian is not None
    return Target({"public_id": guardian.client.public_id, "guardian_id": guardian.public_id})


def _assignment_in_unit(world: World) -> Any:
    from brygga.assignments.models import Assignment

    assignment = (
        Assignment.objects.filter(decision__client__unit__name="Barn och unga")
        .select_related("decision", "carer")
        .order_by("pk")
        .first()
    )
    assert assignment is not None, "the demo has an assignment in Barn och unga"
    return assignment


def _assignment(world: World) -> Target:
    assignment = _assignment_in_unit(world)
    return Target(
        {"public_id": assignment.decision.public_id, "assignment_id": assignment.public_id}
    )


def _carer_with_user(carer: Any, world: World, email: str) -> User:
    if carer.user_id is None:
        carer.user = world.public_owner(email)
        carer.save(update_fields=["user"])
    return carer.user


def _offer_for_carer(world: World) -> Target:
    from brygga.assignments.models import Offer

    offer = Offer.objects.filter(status="pending").select_related("carer").first()
    assert offer is not None
    owner = _carer_with_user(offer.carer, world, "erbjuden.uppdragstagare@test.example")
    return Target({"offer_id": offer.public_id}, owner=owner)


def _assignment_for_carer(world: World) -> Target:
    from brygga.assignments.models import Assignment

    # The carer confirms a planned assignment; the demo's are under way, so one is set back.
    assignment = _assignment_in_unit(world)
    Assignment.objects.filter(pk=assignment.pk).update(status="planned")
    owner = _carer_with_user(assignment.carer, world, "uppdragets.uppdragstagare@test.example")
    return Target({"assignment_id": assignment.public_id}, owner=owner)


def _offer_carer(world: World) -> Target:
    from brygga.assignments.selectors import decision_candidates
    from brygga.clients.models import Decision

    for decision in Decision.objects.filter(
        client__unit__name="Barn och unga", status="active"
    ).order_by("pk"):
        candidates = decision_candidates(decision=decision).candidates
        if candidates:
            carer_id = candidates[0].candidate.carer_id
            return Target({"public_id": decision.public_id, "carer_id": carer_id})
    raise AssertionError("the demo has a decision in Barn och unga with a candidate")


def _carer(world: World) -> Target:
    from brygga.carers.models import Carer

    carer = Carer.objects.exclude(user__email=CARER_OTHER).order_by("pk").first()
    assert carer is not None
    return Target({"public_id": carer.public_id})


def _training(world: World) -> Target:
    from django.utils import timezone

    from brygga.carers.models import TrainingSession

    session = (
        TrainingSession.objects.filter(starts_at__gt=timezone.now(), published=True)
        .order_by("pk")
        .first()
    )
    assert session is not None, "the demo has an upcoming training session"
    return Target({"public_id": session.public_id})


def _own_applicant(world: World) -> Any:
    from brygga.applicants.models import Applicant

    return Applicant.objects.get(user__email="sokande@ekby.example")


def _applicant_page(world: World) -> Target:
    applicant = _own_applicant(world)
    return Target({"public_id": applicant.public_id}, owner=applicant.user)


def _applicant_document(world: World) -> Target:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from brygga.applicants.services import applicant_document_upload

    applicant = _own_applicant(world)
    document = applicant.documents.first() or applicant_document_upload(
        applicant=applicant,
        upload=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 fiktiv cv", "application/pdf"),
        kind="cv",
        actor=applicant.user,
    )
    return Target(
        {"public_id": applicant.public_id, "document_id": document.public_id},
        owner=applicant.user,
    )


def _applicant_decision_letter(world: World) -> Target:
    from brygga.applicants.models import ApprovalDecision

    decision = (
        ApprovalDecision.objects.filter(decided_at__isnull=False)
        .exclude(outcome="proposed")
        .select_related("applicant")
        .order_by("pk")
        .first()
    )
    assert decision is not None
    applicant = decision.applicant
    if applicant.user_id is None:
        applicant.user = world.public_owner("beslutad.sokande@test.example")
        applicant.save(update_fields=["user"])
    return Target(
        {"public_id": applicant.public_id, "decision_id": decision.public_id},
        owner=applicant.user,
    )


def _staff_applicant(world: World) -> Target:
    return Target({"public_id": _own_applicant(world).public_id})


def _applicant_with_proposal(world: World) -> Target:
    from brygga.applicants.models import Applicant

    applicant = Applicant.objects.filter(decisions__outcome="proposed").first()
    assert applicant is not None, "the demo has a proposal waiting for a decision"
    return Target({"public_id": applicant.public_id})


def _staff_applicant_document(world: World) -> Target:
    target = _applicant_document(world)
    target.owner = None
    return target


def _investigation(related: str) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        from brygga.applicants.models import Applicant

        applicant = Applicant.objects.filter(**{f"{related}__isnull": False}).order_by("pk").first()
        assert applicant is not None, f"the demo has an applicant with {related}"
        item = getattr(applicant, related).order_by("pk").first()
        return Target({"public_id": applicant.public_id, "pk": item.pk})

    return find


def _assessment(world: World) -> Target:
    return Target({"public_id": _own_applicant(world).public_id, "type_code": "kontaktperson"})


def _eligibility_rule(world: World) -> Target:
    from brygga.applicants.models import EligibilityRule

    rule = EligibilityRule.objects.filter(organisation__isnull=False).order_by("pk").first()
    assert rule is not None
    return Target({"pk": rule.pk})


def _staff_user(world: World) -> Target:
    return Target({"public_id": world.user(OFFICER).public_id})


def _content(model_path: str, **filters: Any) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        from django.apps import apps

        model = apps.get_model(model_path)
        obj = model.objects.filter(**filters).order_by("pk").first()
        assert obj is not None, f"the demo has a {model_path}"
        return Target({"public_id": obj.public_id})

    return find


def _slug(model_path: str, **filters: Any) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        from django.apps import apps

        obj = apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()
        assert obj is not None
        return Target({"slug": obj.slug})

    return find


def _fixed(**kwargs: Any) -> Callable[[World], Target]:
    return lambda world: Target(kwargs)


def _own_rate(world: World) -> Target:
    """A municipality's own rate: a copy of a national one from a later date."""
    from datetime import date

    from brygga.compensation.models import Rate
    from brygga.compensation.services import RATE_FIELDS, rate_override_create

    national = Rate.objects.filter(organisation__isnull=True).order_by("pk").first()
    assert national is not None
    fields = {name: getattr(national, name) for name in RATE_FIELDS}
    fields["valid_from"] = date(2026, 7, 1)
    fields.pop("valid_to", None)
    own = rate_override_create(
        organisation=world.user(FINANCE).organisation, actor=world.user(FINANCE), **fields
    )
    return Target({"public_id": own.public_id})


def _partial(world: World) -> Target:
    """A decision in Barn och unga marked as partly implemented (by the demo, or here)."""
    from datetime import timedelta

    from django.utils import timezone

    from brygga.oversight.models import PartialImplementation
    from brygga.oversight.services import partial_mark

    partial = PartialImplementation.objects.filter(
        decision__client__unit__name="Barn och unga"
    ).first()
    if partial is None:
        assignment = _assignment_in_unit(world)
        partial = partial_mark(
            decision=assignment.decision,
            since=timezone.localdate() - timedelta(days=10),
            not_implemented="Två av fyra träffar i månaden",
            actor=world.user(MANAGER),
        )
    return Target({"public_id": partial.decision.public_id, "partial_id": partial.public_id})


def _register_entry(world: World) -> Target:
    """A decision in Barn och unga with an entry in the register, and the entry's key."""
    from brygga.clients.models import Decision
    from brygga.oversight.selectors import entries_of_decision

    for decision in Decision.objects.filter(client__unit__name="Barn och unga").order_by("pk"):
        entries = entries_of_decision(decision)
        if entries:
            return Target({"public_id": decision.public_id}, data={"entry": entries[0].key})
    raise AssertionError("the demo has a register entry in Barn och unga")


def _quarter(world: World) -> Target:
    return Target({"year": 2026, "number": 3})


# --- contracts and payments: the carer who owns a contract or report is never the demo's
# uppdragstagare@ (who plays "another carer").


def _not_other_carer(queryset: Any, carer_path: str) -> Any:
    return queryset.exclude(**{f"{carer_path}__user__email": CARER_OTHER})


def _contract_version(world: World, **filters: Any) -> Any:
    from brygga.contracts.models import ContractVersion

    versions = ContractVersion.objects.filter(
        contract__assignment__decision__client__unit__name="Barn och unga", **filters
    ).select_related("contract__assignment__decision", "contract__assignment__carer")
    version = _not_other_carer(versions, "contract__assignment__carer").order_by("pk").first()
    assert version is not None, f"the demo has a contract version {filters}"
    return version


def _contract_staff(world: World) -> Target:
    assignment = _contract_version(world).contract.assignment
    return Target(
        {"public_id": assignment.decision.public_id, "assignment_id": assignment.public_id}
    )


def _contract_staff_version(status: str | None = None) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        version = _contract_version(world, **({"status": status} if status else {}))
        assignment = version.contract.assignment
        return Target(
            {
                "public_id": assignment.decision.public_id,
                "assignment_id": assignment.public_id,
                "version_id": version.public_id,
            }
        )

    return find


def _contract_carer(world: World) -> Target:
    version = _contract_version(world)
    owner = _carer_with_user(version.contract.assignment.carer, world, "avtalets@test.example")
    return Target({"version_id": version.public_id}, owner=owner)


def _contract_to_report(world: World) -> Target:
    version = _contract_version(world, status="signed")
    owner = _carer_with_user(version.contract.assignment.carer, world, "avtalets@test.example")
    return Target({"contract_id": version.contract.public_id}, owner=owner)


def _report(world: World, **filters: Any) -> Any:
    from brygga.payments.models import Report

    reports = Report.objects.filter(
        contract__assignment__decision__client__unit__name="Barn och unga", **filters
    ).select_related("carer")
    report = _not_other_carer(reports, "carer").order_by("pk").first()
    assert report is not None, f"the demo has a report {filters}"
    return report


def _own_report(status: str) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        report = _report(world, status=status)
        owner = _carer_with_user(report.carer, world, "redovisande@test.example")
        return Target({"report_id": report.public_id}, owner=owner)

    return find


def _own_expense(receipt: bool) -> Callable[[World], Target]:
    def find(world: World) -> Target:
        from brygga.payments.models import Expense

        expenses = Expense.objects.exclude(stored_name="").select_related("report__carer")
        if receipt:
            # Staff read it too: in the unit of the case officer who approves.
            expenses = expenses.filter(
                report__contract__assignment__decision__client__unit__name="Barn och unga"
            )
        else:
            expenses = expenses.filter(report__status__in=["draft", "returned"])
        expense = _not_other_carer(expenses, "report__carer").order_by("pk").first()
        if expense is None and not receipt:
            expense = _expense_on_a_draft(world)
        assert expense is not None, "the demo has an expense"
        owner = _carer_with_user(expense.report.carer, world, "utlaggets@test.example")
        return Target(
            {"report_id": expense.report.public_id, "expense_id": expense.pk}, owner=owner
        )

    return find


def _expense_on_a_draft(world: World) -> Any:
    """The demo's drafts have no outlays yet: the carer adds one, as on Mina sidor."""
    import io
    from datetime import timedelta
    from decimal import Decimal

    from brygga.payments.services import expense_add

    report = _report(world, status="draft")
    receipt = b"%PDF-1.4 fiktivt kvitto"
    owner = _carer_with_user(report.carer, world, "utlaggets@test.example")
    return expense_add(
        report=report,
        upload=io.BytesIO(receipt),
        size=len(receipt),
        name="kvitto.pdf",
        spent_on=report.period_start + timedelta(days=1),
        description="Biobiljetter",
        amount=Decimal("240.00"),
        actor=owner,
    )


def _submitted_report(world: World) -> Target:
    return Target({"report_id": _report(world, status="submitted").public_id})


def _staff_receipt(world: World) -> Target:
    target = _own_expense(receipt=True)(world)
    target.owner = None
    return target


def _run(world: World) -> Target:
    from brygga.payments.models import PaymentRun

    run = PaymentRun.objects.filter(status="exported").order_by("pk").first()
    assert run is not None, "the demo has an exported payment run"
    return Target({"run_id": run.public_id})


def _run_export(world: World) -> Target:
    target = _run(world)
    target.kwargs["file_format"] = "csv"
    return target


def _run_line(world: World) -> Target:
    from brygga.payments.models import PaymentLine

    target = _run(world)
    line = PaymentLine.objects.filter(run__public_id=target.kwargs["run_id"]).order_by("pk").first()
    assert line is not None
    target.kwargs["line_id"] = line.pk
    return target


def _run_api(world: World) -> Target:
    return Target({"public_id": _run(world).kwargs["run_id"]})


def _import_run(world: World) -> Target:
    from brygga.integrations.services import import_upload

    run = import_upload(
        organisation=world.user(ADMIN).organisation,
        kind="carers",
        data="förnamn;efternamn;personnummer\nTesta;Testsson;19121212-1212\n".encode(),
        unit=None,
        actor=world.user(ADMIN),
    )
    return Target({"public_id": run.public_id})


def _api_token(world: World) -> Target:
    from brygga.accounts.api_tokens import api_token_create

    token, _raw = api_token_create(
        organisation=world.user(ADMIN).organisation,
        name="Lönesystemet",
        scopes=["read:carers"],
        all_units=True,
        actor=world.user(ADMIN),
    )
    return Target({"public_id": token.public_id})


def _open_assignment_published(world: World) -> Target:
    return _content("website.OpenAssignment", published_at__isnull=False)(world)


# --- the matrix ----------------------------------------------------------------------------

_CONTENT_EDITORS = _m(RECRUITER, MANAGER, ADMIN)
_OPEN_ASSIGNMENT_EDITORS = _m(RECRUITER, OFFICER, OFFICER_OTHER_UNIT, MANAGER)
_RECRUITMENT = _m(RECRUITER, MANAGER)
_CARER_READERS = _m(RECRUITER, OFFICER, OFFICER_OTHER_UNIT, MANAGER, ADMIN)
_CLIENT_READERS = _m(OFFICER, MANAGER, ADMIN)
_CLIENT_HANDLERS = _m(OFFICER)
_ASSIGNMENT_HANDLERS = _m(OFFICER)

MATRIX: dict[str, Row] = {
    # Public site
    "website:assignment-type-detail": Row(_slug("website.AssignmentTypePage"), PUBLIC),
    "website:open-assignment-detail": Row(_open_assignment_published, PUBLIC),
    "website:story-detail": Row(_slug("website.Story"), PUBLIC),
    "interest:step": Row(_fixed(slug="uppdrag"), PUBLIC, "the interest form"),
    "accounts:login-link-confirm": Row(
        _fixed(token="ogiltig-lank"), PUBLIC, "the token is the secret; a wrong one explains"
    ),
    # Site editing
    "website:staff-page-edit": Row(_content("website.AssignmentTypePage"), _CONTENT_EDITORS),
    "website:staff-faq-category-edit": Row(_content("website.FaqCategory"), _CONTENT_EDITORS),
    "website:staff-faq-entry-edit": Row(_content("website.FaqEntry"), _CONTENT_EDITORS),
    "website:staff-story-edit": Row(_content("website.Story"), _CONTENT_EDITORS),
    "website:staff-open-assignment-edit": Row(
        _content("website.OpenAssignment"), _OPEN_ASSIGNMENT_EDITORS
    ),
    "website:staff-open-assignment-publish": Row(
        _content("website.OpenAssignment"), _OPEN_ASSIGNMENT_EDITORS
    ),
    "website:staff-open-assignment-unpublish": Row(
        _content("website.OpenAssignment"), _OPEN_ASSIGNMENT_EDITORS
    ),
    # Users
    "accounts:user-detail": Row(_staff_user, _m(MANAGER, ADMIN)),
    # Applicants on Mina sidor: the owner only
    "applicants:detail": Row(_applicant_page, _m(OWNER)),
    "applicants:document": Row(_applicant_document, _m(OWNER)),
    "applicants:export": Row(_applicant_page, _m(OWNER)),
    "applicants:withdraw": Row(_applicant_page, _m(OWNER)),
    "letters:decision": Row(_applicant_decision_letter, _m(OWNER)),
    # Recruitment
    "applicants:staff-detail": Row(_staff_applicant, _m(RECRUITER, MANAGER, ADMIN)),
    "applicants:staff-move": Row(_staff_applicant, _RECRUITMENT, data={"to_stage": "contacted"}),
    "applicants:staff-assign": Row(_staff_applicant, _RECRUITMENT),
    "applicants:staff-propose": Row(_staff_applicant, _RECRUITMENT),
    "applicants:staff-decide": Row(_applicant_with_proposal, _m(MANAGER)),
    "applicants:staff-document": Row(_staff_applicant_document, _m(RECRUITER, MANAGER, ADMIN)),
    "investigation:rule-edit": Row(_eligibility_rule, _m(MANAGER, ADMIN)),
    "investigation:register-check-new": Row(_staff_applicant, _RECRUITMENT),
    "investigation:register-check-record": Row(_investigation("register_checks"), _RECRUITMENT),
    "investigation:reference-new": Row(_staff_applicant, _RECRUITMENT),
    "investigation:reference-contact": Row(_investigation("references"), _RECRUITMENT),
    "investigation:meeting-new": Row(_staff_applicant, _RECRUITMENT),
    "investigation:meeting-record": Row(_investigation("meetings"), _RECRUITMENT),
    "investigation:assessment": Row(_assessment, _RECRUITMENT),
    # Carers
    "carers:carer-detail": Row(_carer, _CARER_READERS),
    "carers:carer-pause": Row(_carer, _RECRUITMENT),
    "carers:carer-resume": Row(_carer, _RECRUITMENT),
    "carers:carer-deregister": Row(_carer, _RECRUITMENT),
    "carers:training-edit": Row(_training, _RECRUITMENT),
    "carers:training-attendance": Row(_training, _RECRUITMENT),
    # Published sessions are open to every public account of the municipality (applicants
    # often train before approval); the session belongs to no one.
    "carers:training-signup": Row(_training, _m(APPLICANT_OTHER, CARER_OTHER)),
    "carers:training-cancel": Row(_training, _m(APPLICANT_OTHER, CARER_OTHER)),
    # Clients and decisions (unit-scoped)
    "clients:client-detail": Row(_client, _CLIENT_READERS),
    "clients:client-edit": Row(_client, _CLIENT_HANDLERS),
    "clients:guardian-create": Row(_client, _CLIENT_HANDLERS),
    "clients:guardian-edit": Row(_guardian, _CLIENT_HANDLERS),
    "clients:decision-create": Row(_client, _CLIENT_HANDLERS),
    "clients:decision-detail": Row(_decision, _CLIENT_READERS),
    "clients:decision-edit": Row(_decision, _CLIENT_HANDLERS),
    "clients:plan-save": Row(_decision, _CLIENT_HANDLERS),
    "clients:follow-up-create": Row(_decision, _CLIENT_HANDLERS),
    # Matching and assignments
    "assignments:candidates": Row(_decision, _ASSIGNMENT_HANDLERS),
    "assignments:offer-create": Row(_offer_carer, _ASSIGNMENT_HANDLERS),
    "assignments:decision": Row(_decision, _m(OFFICER, MANAGER)),
    "assignments:publish": Row(_decision, _ASSIGNMENT_HANDLERS),
    "assignments:first-meeting": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:confirm-client": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:start": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:pause": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:interrupt": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:resume": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:end": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:rematch": Row(_assignment, _ASSIGNMENT_HANDLERS),
    "assignments:offer-respond": Row(_offer_for_carer, _m(OWNER)),
    "assignments:carer-confirm": Row(_assignment_for_carer, _m(OWNER)),
    # Compensation: the estimate reads the decision through its gatekeeper; a municipality's
    # own rates are changed by finance and administrators.
    "compensation:decision-estimate": Row(_decision, _CLIENT_READERS),
    "compensation:rate-edit": Row(_own_rate, _m(FINANCE, ADMIN)),
    # Oversight: the register (managers in their units, administrators everywhere), IVO's
    # free text and partial implementation (managers), the quarter report (the huvudrapportör,
    # a permission the demo gives the manager personally), statistics.
    "oversight:entry": Row(_decision, _m(MANAGER, ADMIN)),
    "oversight:entry-note": Row(_register_entry, _m(MANAGER)),
    "oversight:partial-mark": Row(_decision, _m(MANAGER)),
    "oversight:partial-close": Row(_partial, _m(MANAGER)),
    "oversight:quarter": Row(_quarter, _m(MANAGER)),
    "oversight:quarter-csv": Row(_quarter, _m(MANAGER)),
    "oversight:quarter-pdf": Row(_quarter, _m(MANAGER)),
    "oversight:statistics-csv": Row(_fixed(slug="rekrytering"), _m(MANAGER, ADMIN)),
    # Contracts: the case officer of the unit handles and signs; the carer reads and accepts
    # their own.
    "contracts:staff-detail": Row(_contract_staff, _ASSIGNMENT_HANDLERS),
    "contracts:staff-pdf": Row(_contract_staff_version(), _ASSIGNMENT_HANDLERS),
    "contracts:sign": Row(_contract_staff_version("accepted"), _ASSIGNMENT_HANDLERS),
    "contracts:carer-detail": Row(_contract_carer, _m(OWNER)),
    "contracts:carer-pdf": Row(_contract_carer, _m(OWNER)),
    # Reports: the carer writes their own; the unit's case officer approves; finance pays.
    "payments:report-open": Row(_contract_to_report, _m(OWNER)),
    "payments:report-edit": Row(_own_report("draft"), _m(OWNER)),
    "payments:expense-add": Row(_own_report("draft"), _m(OWNER)),
    "payments:expense-remove": Row(_own_expense(receipt=False), _m(OWNER)),
    "payments:receipt-own": Row(_own_expense(receipt=True), _m(OWNER)),
    "payments:approval-detail": Row(_submitted_report, _ASSIGNMENT_HANDLERS),
    "payments:approval-decide": Row(_submitted_report, _ASSIGNMENT_HANDLERS),
    "payments:receipt-staff": Row(_staff_receipt, _ASSIGNMENT_HANDLERS),
    "payments:run-detail": Row(_run, _m(FINANCE)),
    "payments:run-export": Row(_run_export, _m(FINANCE)),
    "payments:line-adjust": Row(_run_line, _m(FINANCE)),
    "payments-api:run-detail": Row(_run_api, _m(FINANCE)),
    # Integrations: administrators only.
    "integrations:import-detail": Row(_import_run, _m(ADMIN)),
    "integrations:import-confirm": Row(_import_run, _m(ADMIN)),
    "integrations:import-template": Row(_fixed(kind="carers", file_format="csv"), _m(ADMIN)),
    "integrations:token-revoke": Row(_api_token, _m(ADMIN)),
    # API
    "carers-api:carer-detail": Row(_carer, _CARER_READERS),
    "clients-api:client-detail": Row(_client, _CLIENT_READERS),
    "clients-api:decision-detail": Row(_decision, _CLIENT_READERS),
    "applicants-api:applicant-detail": Row(_staff_applicant, _m(RECRUITER, MANAGER, ADMIN)),
    "applicants-api:applicant-stage": Row(_staff_applicant, _RECRUITMENT),
    "assignments-api:candidates": Row(_decision, _ASSIGNMENT_HANDLERS),
    "assignments-api:offers": Row(_decision, _ASSIGNMENT_HANDLERS),
    "assignments-api:assignments": Row(_decision, _ASSIGNMENT_HANDLERS),
}


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield prefix + str(pattern.pattern), name


def urls_with_an_id() -> dict[str, str]:
    """Every named URL of Brygga's own apps with a path parameter, by name."""
    found = {}
    for route, name in _walk(get_resolver().url_patterns):
        if "<" not in route or route.startswith(("admin/", "i18n/")):
            continue
        if route.startswith("api/v1/") and "schema" in route:
            continue
        found[name] = route
    return found


def test_every_url_with_an_id_is_in_the_matrix():
    urls = urls_with_an_id()
    missing = sorted(set(urls) - set(MATRIX))
    assert not missing, (
        "New URLs take an object id but have no row in MATRIX (who may use them?): "
        + ", ".join(f"{name} ({urls[name]})" for name in missing)
    )
    stale = sorted(set(MATRIX) - set(urls))
    assert not stale, f"MATRIX rows for URLs that no longer exist: {stale}"


def _is_denied(response: Any) -> bool:
    if response.status_code in DENIED_STATUS:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and any(p in location for p in LOGIN_PATHS)


def _request(client: Client, method: str, url: str, data: dict[str, str]) -> Any:
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return response


def _client_for(actor: str, owner: User | None, world: World) -> Client | None:
    """Signed-in clients of the fixed accounts are made once with the world (signing in is the
    slow part); the owner differs per row and signs in for it."""
    if actor != OWNER:
        return world.clients[actor]
    if owner is None:
        return None
    client = Client()
    client.force_login(owner)
    return client


def _sign_in_everyone(world: World) -> None:
    for actor in sorted(EVERYONE - {OWNER}):
        client = Client()
        if actor != ANONYMOUS:
            user = world.user(actor)
            if user.is_staff_member:
                login_staff(client, user)
            else:
                client.force_login(user)
        world.clients[actor] = client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The demo municipality, loaded once for all rows and rolled back after them."""
    documents = tmp_path_factory.mktemp("documents")
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=documents),
        transaction.atomic(),
    ):
        call_command("seed_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        world = World(documents=documents)
        # "Another applicant": a public account with an application of its own.
        from brygga.applicants.tests.factories import submit_registration

        other = world.public_owner(APPLICANT_OTHER)
        world.users[APPLICANT_OTHER] = other
        registration = submit_registration(
            world.user(MANAGER).organisation,
            personal_identity_number="195001019808",
            email=APPLICANT_OTHER,
        )
        registration.applicant.user = other
        registration.applicant.save(update_fields=["user"])
        _sign_in_everyone(world)
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_matrix_holds_for_every_actor(name: str, world: World):
    row = MATRIX[name]
    problems: list[str] = []
    with override_settings(PRIVATE_MEDIA_ROOT=world.documents):
        target = row.find(world)
        url = reverse(name, kwargs=target.kwargs)
        for actor in sorted(EVERYONE):
            client = _client_for(actor, target.owner, world)
            if client is None:
                continue
            data = {**row.data, **target.data}
            responses = {m: _request(client, m, url, data) for m in ("GET", "POST")}
            for method, response in responses.items():
                if response.status_code >= 500:
                    problems.append(f"{method} by {actor}: server error")
            through = [m for m, r in responses.items() if not _is_denied(r)]
            if actor in row.allowed and not through:
                codes = {m: r.status_code for m, r in responses.items()}
                problems.append(f"refused {actor}, who may use it: {codes}")
            if actor not in row.allowed and through:
                codes = {m: responses[m].status_code for m in through}
                problems.append(f"let {actor} through: {codes}")
    assert not problems, f"{name} ({url}):\n" + "\n".join(problems)
