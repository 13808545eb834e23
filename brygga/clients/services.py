"""Every write about clients and decisions. Each service validates, writes in one transaction
and records its audit event in the same transaction.

Validation errors are `ValidationError({field: message})` with Swedish messages, so a form can
show each next to its field. Permission checks are the caller's (views check the permission
and reach the record through the gatekeeper); `decision_mark_implemented` and
`decision_mark_ended` are called by the assignments app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.accounts.models import Organisation, Unit, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.catalogue.constants import LawArea
from brygga.core.validators import clean_phone, clean_postal_code

from .constants import Consent, DecisionStatus, FollowUpOutcome, IdentifierKind
from .deadlines import add_months
from .identity import InvalidClientIdentifierError, age_on, parse_client_identifier
from .models import Client, Decision, FollowUp, Guardian, ImplementationPlan
from .permissions import may_see_contact
from .querysets import sees_all_units

# Fields a form may set on a client. `identifier` is parsed; kind, birth date and sex follow.
CLIENT_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "protected_identity",
        "street_address",
        "postal_code",
        "city",
        "phone",
        "area",
        "interests",
        "languages",
        "carer_gender_wish",
        "carer_age_min",
        "carer_age_max",
        "matching_notes",
    }
)
# Hidden under protected identity: a user who may not see them may not change them either.
CLIENT_CONTACT_FIELDS = frozenset({"street_address", "postal_code", "city", "phone", "area"})
GUARDIAN_FIELDS = frozenset(
    {"name", "relation", "phone", "email", "street_address", "postal_code", "city"}
)
DECISION_FIELDS = frozenset(
    {
        "assignment_type",
        "target_group",
        "legal_basis",
        "scope_quantity",
        "scope_unit",
        "period_from",
        "period_to",
        "decision_date",
        "decided_by",
        "decided_by_title",
        "goals",
        "consent",
        "consent_recorded_on",
    }
)


class DecisionStateError(Exception):
    """The decision's status does not allow the change."""


def _today() -> date:
    return timezone.localdate()


def _primitive(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, date | Decimal):
        return str(value)
    if hasattr(value, "public_id"):
        return str(value.public_id)
    if hasattr(value, "code"):
        return str(value.code)
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, list | tuple):
        return [_primitive(item) for item in value]
    return str(value)


def _unknown(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    extra = set(fields) - allowed
    if extra:
        raise TypeError(f"unknown fields: {sorted(extra)}")


# --- Clients ----------------------------------------------------------------------------------


def _clean_client_fields(fields: Mapping[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    cleaned = dict(fields)
    for name in ("first_name", "last_name"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            if not cleaned[name]:
                errors[name] = (
                    _("Skriv förnamnet.") if name == "first_name" else _("Skriv efternamnet.")
                )
    if cleaned.get("postal_code"):
        try:
            cleaned["postal_code"] = clean_postal_code(cleaned["postal_code"])
        except ValidationError:
            errors["postal_code"] = _("Skriv postnumret med fem siffror, till exempel 123 45.")
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = clean_phone(cleaned["phone"])
        except ValidationError:
            errors["phone"] = _("Skriv ett telefonnummer med siffror, till exempel 070-123 45 67.")
    low, high = cleaned.get("carer_age_min"), cleaned.get("carer_age_max")
    if low is not None and high is not None and high < low:
        errors["carer_age_max"] = _("Den högsta åldern kan inte vara lägre än den lägsta.")
    if "languages" in cleaned:
        cleaned["languages"] = [lang.strip() for lang in cleaned["languages"] or [] if lang.strip()]
    return cleaned


def _check_unit(*, unit: Unit, organisation: Organisation, actor: User) -> None:
    if unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Enheten finns inte i organisationen.")})
    if not sees_all_units(actor) and not actor.units.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Du kan bara registrera klienter i dina egna enheter.")})


def _check_officer(officer: User | None, organisation: Organisation) -> None:
    if officer is not None and officer.organisation_id != organisation.pk:
        raise ValidationError(
            {"responsible_officer": _("Handläggaren finns inte i organisationen.")}
        )


def _identifier_fields(
    raw: str, *, organisation: Organisation, exclude: Client | None = None
) -> dict[str, Any]:
    try:
        parsed = parse_client_identifier(raw, today=_today())
    except InvalidClientIdentifierError as error:
        raise ValidationError({"identifier": error.message}) from None
    duplicates = Client.objects.filter(organisation=organisation, identifier=parsed.value)
    if exclude is not None:
        duplicates = duplicates.exclude(pk=exclude.pk)
    if duplicates.exists():
        raise ValidationError(
            {"identifier": _("Det finns redan en klient med det numret i organisationen.")}
        )
    return {
        "identifier": parsed.value,
        "identifier_kind": parsed.kind,
        "birth_date": parsed.birth_date,
        "sex": parsed.sex,
    }


@transaction.atomic
def client_register(
    *,
    organisation: Organisation,
    unit: Unit,
    identifier: str,
    fields: Mapping[str, Any],
    responsible_officer: User | None = None,
    guardians: Sequence[Mapping[str, Any]] | None = None,
    actor: User,
) -> Client:
    """Register a client in `unit`. The identifier decides kind, birth date and sex."""
    _unknown(fields, CLIENT_FIELDS)
    errors: dict[str, str] = {}
    cleaned = _clean_client_fields(fields, errors)
    for name in ("first_name", "last_name"):
        if not cleaned.get(name) and name not in errors:
            errors[name] = (
                _("Skriv förnamnet.") if name == "first_name" else _("Skriv efternamnet.")
            )
    try:
        identity = _identifier_fields(identifier, organisation=organisation)
    except ValidationError as error:
        errors.update({key: value[0] for key, value in error.message_dict.items()})
        identity = {}
    if errors:
        raise ValidationError(errors)
    _check_unit(unit=unit, organisation=organisation, actor=actor)
    _check_officer(responsible_officer, organisation)
    client = Client.objects.create(
        organisation=organisation,
        unit=unit,
        responsible_officer=responsible_officer,
        **identity,
        **cleaned,
    )
    for guardian in guardians or []:
        _guardian_create(client=client, fields=guardian)
    audit_record(
        actor=actor,
        event=AuditEventType.CLIENT_REGISTERED,
        subject=client,
        person=client,
        changes={
            "unit": unit.name,
            "identifier_kind": str(client.identifier_kind),
            "protected_identity": client.protected_identity,
            "guardians": len(guardians or []),
        },
    )
    return client


@transaction.atomic
def client_update(
    *,
    client: Client,
    fields: Mapping[str, Any],
    identifier: str | None = None,
    unit: Unit | None = None,
    responsible_officer: User | None = None,
    actor: User,
) -> Client:
    """Change a client. A user who may not see a protected client's contact details cannot
    change them either: those fields are left as they are. The audit event names the changed
    fields, never their values."""
    _unknown(fields, CLIENT_FIELDS)
    errors: dict[str, str] = {}
    cleaned = _clean_client_fields(fields, errors)
    if not may_see_contact(actor, client):
        cleaned = {k: v for k, v in cleaned.items() if k not in CLIENT_CONTACT_FIELDS}
    identity: dict[str, Any] = {}
    if identifier is not None and identifier.strip():
        try:
            identity = _identifier_fields(
                identifier, organisation=client.organisation, exclude=client
            )
        except ValidationError as error:
            errors.update({key: value[0] for key, value in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    changes: dict[str, Any] = {}
    if unit is not None and unit.pk != client.unit_id:
        _check_unit(unit=unit, organisation=client.organisation, actor=actor)
        changes["unit"] = [client.unit.name, unit.name]
        client.unit = unit
    if responsible_officer != client.responsible_officer:
        _check_officer(responsible_officer, client.organisation)
        changes["responsible_officer"] = "changed"
        client.responsible_officer = responsible_officer
    for name, value in {**identity, **cleaned}.items():
        if getattr(client, name) != value:
            changes[name] = "changed"
            setattr(client, name, value)
    if not changes:
        return client
    client.save()
    audit_record(
        actor=actor,
        event=AuditEventType.CLIENT_UPDATED,
        subject=client,
        person=client,
        changes={
            "fields": sorted(changes),
            **({"unit": changes["unit"]} if "unit" in changes else {}),
        },
    )
    return client


def _clean_guardian_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    _unknown(fields, GUARDIAN_FIELDS)
    cleaned = {key: (value or "").strip() for key, value in fields.items()}
    errors: dict[str, str] = {}
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = _("Skriv vårdnadshavarens namn.")
    if "relation" in cleaned and not cleaned["relation"]:
        errors["relation"] = _("Skriv relationen till klienten, till exempel mamma.")
    if cleaned.get("postal_code"):
        try:
            cleaned["postal_code"] = clean_postal_code(cleaned["postal_code"])
        except ValidationError:
            errors["postal_code"] = _("Skriv postnumret med fem siffror, till exempel 123 45.")
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = clean_phone(cleaned["phone"])
        except ValidationError:
            errors["phone"] = _("Skriv ett telefonnummer med siffror, till exempel 070-123 45 67.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _guardian_create(*, client: Client, fields: Mapping[str, Any]) -> Guardian:
    cleaned = _clean_guardian_fields({"name": "", "relation": "", **fields})
    return Guardian.objects.create(client=client, **cleaned)


@transaction.atomic
def guardian_add(*, client: Client, fields: Mapping[str, Any], actor: User) -> Guardian:
    guardian = _guardian_create(client=client, fields=fields)
    audit_record(
        actor=actor,
        event=AuditEventType.CLIENT_GUARDIAN_ADDED,
        subject=client,
        person=client,
        changes={"guardian": str(guardian.public_id), "relation": guardian.relation},
    )
    return guardian


@transaction.atomic
def guardian_update(*, guardian: Guardian, fields: Mapping[str, Any], actor: User) -> Guardian:
    """Change a guardian; contact details of a protected client's guardian only by a user who
    may see them."""
    cleaned = _clean_guardian_fields(fields)
    client = guardian.client
    if not may_see_contact(actor, client):
        cleaned = {k: v for k, v in cleaned.items() if k in {"name", "relation"}}
    changed = sorted(name for name, value in cleaned.items() if getattr(guardian, name) != value)
    if not changed:
        return guardian
    for name in changed:
        setattr(guardian, name, cleaned[name])
    guardian.save()
    audit_record(
        actor=actor,
        event=AuditEventType.CLIENT_GUARDIAN_UPDATED,
        subject=client,
        person=client,
        changes={"guardian": str(guardian.public_id), "fields": changed},
    )
    return guardian


# --- Decisions --------------------------------------------------------------------------------


def _validate_decision(client: Client, data: Mapping[str, Any]) -> None:
    """Raise ValidationError({field: Swedish message}) for everything wrong at once."""
    errors: dict[str, str] = {}
    today = _today()
    decided = data.get("decision_date")
    basis = data.get("legal_basis")
    for name, message in (
        ("assignment_type", _("Välj insats.")),
        ("legal_basis", _("Välj lagrum.")),
        ("scope_unit", _("Välj enhet för omfattningen.")),
        ("period_from", _("Skriv från vilket datum beslutet gäller.")),
        ("decision_date", _("Skriv beslutsdatumet.")),
        ("consent", _("Välj vems samtycke beslutet bygger på.")),
    ):
        if not data.get(name):
            errors[name] = message
    if decided and decided > today:
        errors["decision_date"] = _("Beslutsdatumet kan inte ligga i framtiden.")
    if basis and decided and not basis.is_valid_on(decided):
        errors["legal_basis"] = _(
            "%(basis)s gällde inte på beslutsdatumet %(date)s. Välj ett lagrum som gällde då."
        ) % {"basis": basis.citation, "date": decided.isoformat()}
    quantity = data.get("scope_quantity")
    if quantity is None:
        errors["scope_quantity"] = _("Skriv omfattningen som ett tal.")
    elif quantity <= 0:
        errors["scope_quantity"] = _("Omfattningen måste vara större än noll.")
    start, end = data.get("period_from"), data.get("period_to")
    if start and end and end < start:
        errors["period_to"] = _("Perioden kan inte sluta innan den börjar.")
    if start and decided and start < decided:
        errors["period_from"] = _("Beslutet kan inte gälla från ett datum före beslutsdatumet.")
    consent = data.get("consent")
    if consent == Consent.NOT_REQUIRED_LVU and basis and basis.law_area != LawArea.LVU:
        errors["consent"] = _("Beslut utan samtycke kan bara fattas enligt 22 § LVU.")
    elif consent == Consent.CHILD_12_PLUS and decided and age_on(client.birth_date, decided) < 12:
        errors["consent"] = _("Barnet var yngre än 12 år på beslutsdatumet.")
    elif consent and consent != Consent.NOT_REQUIRED_LVU and not data.get("consent_recorded_on"):
        errors["consent_recorded_on"] = _("Skriv när samtycket dokumenterades.")
    recorded = data.get("consent_recorded_on")
    if recorded and recorded > today:
        errors["consent_recorded_on"] = _("Datumet kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)


def _decision_data(fields: Mapping[str, Any]) -> dict[str, Any]:
    _unknown(fields, DECISION_FIELDS)
    data = dict(fields)
    data["decided_by_title"] = (data.get("decided_by_title") or "").strip()
    data["goals"] = (data.get("goals") or "").strip()
    if data.get("consent") == Consent.NOT_REQUIRED_LVU:
        data["consent_recorded_on"] = None
    return data


@transaction.atomic
def decision_register(*, client: Client, fields: Mapping[str, Any], actor: User) -> Decision:
    """Register a decision about `client`. The legal basis must be in force on the decision
    date; the period may not start before the decision or end before it starts."""
    data = _decision_data(fields)
    _validate_decision(client, data)
    decision = Decision.objects.create(
        organisation=client.organisation, client=client, status=DecisionStatus.ACTIVE, **data
    )
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_REGISTERED,
        subject=decision,
        person=client,
        organisation=client.organisation,
        changes={
            "assignment_type": decision.assignment_type.code,
            "legal_basis": decision.legal_basis.code,
            "decision_date": decision.decision_date.isoformat(),
            "scope": [str(decision.scope_quantity), decision.scope_unit],
        },
    )
    return decision


def _locked(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("client").get(pk=decision.pk)


@transaction.atomic
def decision_update(*, decision: Decision, fields: Mapping[str, Any], actor: User) -> Decision:
    """Change a decision that is not yet implemented (or ended)."""
    current = _locked(decision)
    if current.status != DecisionStatus.ACTIVE:
        raise DecisionStateError(_("Beslutet är verkställt eller avslutat och kan inte ändras."))
    data = _decision_data(fields)
    merged = {name: getattr(current, name) for name in DECISION_FIELDS} | data
    _validate_decision(current.client, merged)
    changes: dict[str, Any] = {
        name: [_primitive(getattr(current, name)), _primitive(value)]
        for name, value in data.items()
        if getattr(current, name) != value and name != "goals"
    }
    if data.get("goals", current.goals) != current.goals:
        changes["goals"] = "changed"
    if not changes:
        return current
    for name, value in data.items():
        setattr(current, name, value)
    current.save()
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_UPDATED,
        subject=current,
        person=current.client,
        organisation=current.organisation,
        changes=changes,
    )
    return current


@transaction.atomic
def decision_mark_implemented(*, decision: Decision, implemented_on: date, actor: User) -> Decision:
    """The insats has started (the first actual meeting or stay): stops the IVO clock.

    Called by the assignments app. Only a decision not yet implemented (`active`); the date may
    be neither before the decision date nor in the future. Raises DecisionStateError or
    ValidationError({"implemented_on": ...}).
    """
    current = _locked(decision)
    if current.status != DecisionStatus.ACTIVE:
        raise DecisionStateError(_("Beslutet är redan verkställt eller avslutat."))
    if implemented_on < current.decision_date:
        raise ValidationError(
            {"implemented_on": _("Beslutet kan inte verkställas före beslutsdatumet.")}
        )
    if implemented_on > _today():
        raise ValidationError({"implemented_on": _("Datumet kan inte ligga i framtiden.")})
    current.status = DecisionStatus.IMPLEMENTED
    current.implemented_on = implemented_on
    current.save(update_fields=["status", "implemented_on", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_IMPLEMENTED,
        subject=current,
        person=current.client,
        organisation=current.organisation,
        changes={
            "implemented_on": implemented_on.isoformat(),
            "waiting_days": (implemented_on - current.decision_date).days,
        },
    )
    decision.status, decision.implemented_on = current.status, current.implemented_on
    return current


@transaction.atomic
def decision_mark_ended(
    *,
    decision: Decision,
    ended_on: date,
    reason: str,
    actor: User,
    withdrawn: bool = False,
) -> Decision:
    """End an open decision (behov upphört, beslutet löper ut, flytt, ...): status `ended`.

    `withdrawn=True` records that the application was withdrawn before the insats started
    (status `withdrawn`), which closes an IVO report without implementation; it is refused for
    an implemented decision. Raises DecisionStateError or ValidationError.
    """
    current = _locked(decision)
    if current.status not in (DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED):
        raise DecisionStateError(_("Beslutet är redan avslutat."))
    if withdrawn and current.status == DecisionStatus.IMPLEMENTED:
        raise DecisionStateError(_("Ett verkställt beslut kan inte återtas, bara avslutas."))
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Skriv varför beslutet avslutas.")
    if ended_on < (current.implemented_on or current.decision_date):
        errors["ended_on"] = _(
            "Beslutet kan inte avslutas före beslutsdatumet eller verkställigheten."
        )
    if errors:
        raise ValidationError(errors)
    old = current.status
    current.status = DecisionStatus.WITHDRAWN if withdrawn else DecisionStatus.ENDED
    current.ended_on = ended_on
    current.end_reason = reason.strip()
    current.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_ENDED,
        subject=current,
        person=current.client,
        organisation=current.organisation,
        changes={"status": [old, current.status], "ended_on": ended_on.isoformat()},
    )
    decision.status, decision.ended_on, decision.end_reason = (
        current.status,
        current.ended_on,
        current.end_reason,
    )
    return current


# --- Implementation plan and follow-ups -------------------------------------------------------


@transaction.atomic
def implementation_plan_save(
    *,
    decision: Decision,
    goals: str,
    activities: str = "",
    client_wishes: str = "",
    follow_up_interval_months: int,
    next_follow_up_on: date | None = None,
    actor: User,
) -> ImplementationPlan:
    """Create or change the decision's genomförandeplan. Without a next follow-up date, the
    first one is set `follow_up_interval_months` from today."""
    errors: dict[str, str] = {}
    if not goals.strip():
        errors["goals"] = _("Skriv målen för insatsen.")
    if not 1 <= follow_up_interval_months <= 24:
        errors["follow_up_interval_months"] = _("Välj ett antal månader mellan 1 och 24.")
    if next_follow_up_on is not None and next_follow_up_on < decision.decision_date:
        errors["next_follow_up_on"] = _("Uppföljningen kan inte ligga före beslutsdatumet.")
    if errors:
        raise ValidationError(errors)
    plan = ImplementationPlan.objects.filter(decision=decision).first()
    created = plan is None
    if plan is None:
        plan = ImplementationPlan(decision=decision)
    if next_follow_up_on is None:
        next_follow_up_on = plan.next_follow_up_on or add_months(
            _today(), follow_up_interval_months
        )
    plan.goals = goals.strip()
    plan.activities = activities.strip()
    plan.client_wishes = client_wishes.strip()
    plan.follow_up_interval_months = follow_up_interval_months
    plan.next_follow_up_on = next_follow_up_on
    plan.updated_by = actor
    plan.save()
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_PLAN_SAVED,
        subject=decision,
        person=decision.client,
        organisation=decision.organisation,
        changes={
            "created": created,
            "next_follow_up_on": next_follow_up_on.isoformat(),
            "interval_months": follow_up_interval_months,
        },
    )
    return plan


@transaction.atomic
def follow_up_record(
    *,
    decision: Decision,
    held_on: date,
    outcome: FollowUpOutcome | str,
    notes: str = "",
    actor: User,
) -> FollowUp:
    """Record a follow-up and set the plan's next one `follow_up_interval_months` after it
    (none when the outcome is that the insats should end). Needs a genomförandeplan."""
    plan = ImplementationPlan.objects.filter(decision=decision).first()
    errors: dict[str, str] = {}
    if plan is None:
        errors["held_on"] = _("Gör en genomförandeplan innan du registrerar en uppföljning.")
    if held_on > _today():
        errors["held_on"] = _("Uppföljningen kan inte ligga i framtiden.")
    elif held_on < decision.decision_date:
        errors["held_on"] = _("Uppföljningen kan inte ligga före beslutsdatumet.")
    if outcome not in FollowUpOutcome.values:
        errors["outcome"] = _("Välj resultatet av uppföljningen.")
    if decision.status not in (DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED):
        errors["held_on"] = _("Beslutet är avslutat.")
    if errors:
        raise ValidationError(errors)
    assert plan is not None  # noqa: S101 - checked above
    follow_up = FollowUp.objects.create(
        decision=decision, held_on=held_on, outcome=outcome, notes=notes.strip(), recorded_by=actor
    )
    plan.next_follow_up_on = (
        None
        if outcome == FollowUpOutcome.END
        else add_months(held_on, plan.follow_up_interval_months)
    )
    plan.updated_by = actor
    plan.save(update_fields=["next_follow_up_on", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.DECISION_FOLLOW_UP_RECORDED,
        subject=decision,
        person=decision.client,
        organisation=decision.organisation,
        changes={
            "held_on": held_on.isoformat(),
            "outcome": str(outcome),
            "next_follow_up_on": plan.next_follow_up_on.isoformat()
            if plan.next_follow_up_on
            else None,
        },
    )
    return follow_up


__all__ = [
    "CLIENT_FIELDS",
    "DECISION_FIELDS",
    "GUARDIAN_FIELDS",
    "DecisionStateError",
    "IdentifierKind",
    "client_register",
    "client_update",
    "decision_mark_ended",
    "decision_mark_implemented",
    "decision_register",
    "decision_update",
    "follow_up_record",
    "guardian_add",
    "guardian_update",
    "implementation_plan_save",
]
