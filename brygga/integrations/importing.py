"""What each kind of import reads, how a row is checked, and how it is created (ADR 0027).

A row becomes records through the owning apps' services (carers, clients, assignments), so the
same invariants and audit events hold as when staff register them by hand. The dry run does
exactly what the import would do for each row, inside a transaction that is rolled back, and
collects the problems; the import then does it for real, for the rows without problems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brygga.accounts.models import Organisation, Unit, User
from brygga.accounts.services import AccountKindConflictError, user_get_or_create_public
from brygga.assignments.services import assignment_register_running
from brygga.carers.models import Carer
from brygga.carers.services import ApprovalSpec, CarerPerson, carer_create_from_investigation
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.clients.constants import Consent, DecisionStatus, ScopeUnit
from brygga.clients.identity import InvalidClientIdentifierError, parse_client_identifier
from brygga.clients.models import Client, Decision, LegalBasis
from brygga.clients.services import client_register, decision_register
from brygga.core.personnummer import InvalidIdentityNumberError, parse_identity_number
from brygga.core.validators import clean_phone, clean_postal_code

from .constants import ImportKind


@dataclass(frozen=True)
class Column:
    key: str
    header: str | Promise
    required: bool
    example: str
    aliases: tuple[str, ...] = ()


@dataclass
class RowProblem:
    row: int  # the spreadsheet's row number: the header is row 1
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class RowInvalidError(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("row invalid")
        self.errors = errors  # column key → Swedish message ("" key: the row as a whole)


@dataclass
class ImportContext:
    organisation: Organisation
    actor: User
    unit: Unit | None
    assignment_types: dict[str, AssignmentType] = field(default_factory=dict)
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)
    legal_bases: dict[str, LegalBasis] = field(default_factory=dict)
    # Clients created earlier in this import run, by identifier (a client with two decisions).
    clients: dict[str, Client] = field(default_factory=dict)

    @classmethod
    def load(cls, *, organisation: Organisation, actor: User, unit: Unit | None) -> ImportContext:
        return cls(
            organisation=organisation,
            actor=actor,
            unit=unit,
            assignment_types={t.code: t for t in AssignmentType.objects.all()},
            target_groups={g.code: g for g in TargetGroup.objects.all()},
            legal_bases={b.code: b for b in LegalBasis.objects.all()},
        )


def normalise(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]", "", text)


# --- Columns per kind --------------------------------------------------------------------------

CARER_COLUMNS = (
    Column("personnummer", gettext_lazy("Personnummer"), True, "19800101-9804", ("pnr",)),
    Column("first_name", gettext_lazy("Förnamn"), True, "Testa"),
    Column("last_name", gettext_lazy("Efternamn"), True, "Testsson"),
    Column("street_address", gettext_lazy("Gatuadress"), True, "Exempelgatan 1", ("adress",)),
    Column("postal_code", gettext_lazy("Postnummer"), True, "123 45"),
    Column("city", gettext_lazy("Ort"), True, "Ekby", ("postort",)),
    Column("phone", gettext_lazy("Telefon"), True, "070-123 45 67", ("mobil",)),
    Column("email", gettext_lazy("E-post"), True, "testa@example.invalid", ("epost", "mejl")),
    Column(
        "assignment_types",
        gettext_lazy("Uppdragstyper"),
        True,
        "kontaktperson, kontaktfamilj",
        ("uppdragstyp", "godkandfor"),
    ),
    Column("valid_until", gettext_lazy("Godkänd till och med"), False, "", ("godkandtill",)),
    Column("languages", gettext_lazy("Språk"), False, "svenska, engelska"),
)

CLIENT_COLUMNS = (
    Column(
        "personnummer",
        gettext_lazy("Personnummer"),
        True,
        "20150101-9812",
        ("pnr", "samordningsnummer", "reservnummer"),
    ),
    Column("first_name", gettext_lazy("Förnamn"), True, "Testa"),
    Column("last_name", gettext_lazy("Efternamn"), True, "Testsson"),
    Column("assignment_type", gettext_lazy("Insats"), True, "kontaktperson", ("uppdragstyp",)),
    Column("target_group", gettext_lazy("Målgrupp"), False, "barn-och-unga"),
    Column(
        "legal_basis",
        gettext_lazy("Lagrum"),
        True,
        "sol-2025-kontaktperson",
        ("lagrumskod",),
    ),
    Column("decision_date", gettext_lazy("Beslutsdatum"), True, "2026-01-15", ("beslutad",)),
    Column("scope_quantity", gettext_lazy("Omfattning"), True, "4", ("antal",)),
    Column(
        "scope_unit",
        gettext_lazy("Omfattningsenhet"),
        True,
        "meetings_per_month",
        ("enhetforomfattning",),
    ),
    Column("period_from", gettext_lazy("Gäller från"), False, "2026-01-15", ("fran",)),
    Column("period_to", gettext_lazy("Gäller till"), False, "", ("till",)),
    Column("consent", gettext_lazy("Samtycke"), True, "guardians"),
    Column(
        "consent_recorded_on",
        gettext_lazy("Samtycke dokumenterat"),
        False,
        "2026-01-10",
        ("samtyckesdatum",),
    ),
)

ASSIGNMENT_COLUMNS = (
    Column(
        "client",
        gettext_lazy("Klientens personnummer"),
        True,
        "20150101-9812",
        ("klient", "personnummer"),
    ),
    Column("assignment_type", gettext_lazy("Insats"), True, "kontaktperson", ("uppdragstyp",)),
    Column(
        "carer",
        gettext_lazy("Uppdragstagarens personnummer"),
        True,
        "19800101-9804",
        ("uppdragstagare",),
    ),
    Column("started_on", gettext_lazy("Startdatum"), True, "2026-02-01", ("start", "startade")),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.CARERS: CARER_COLUMNS,
    ImportKind.CLIENTS: CLIENT_COLUMNS,
    ImportKind.ASSIGNMENTS: ASSIGNMENT_COLUMNS,
}


def auto_map(kind: str, headers: list[str]) -> dict[str, int | None]:
    """Column key → index of the file's column with a matching header (or None)."""
    found = {normalise(header): index for index, header in enumerate(headers)}
    mapping: dict[str, int | None] = {}
    for column in COLUMNS[kind]:
        names = [normalise(str(column.header)), normalise(column.key), *column.aliases]
        mapping[column.key] = next((found[name] for name in names if name in found), None)
    return mapping


# --- Cell parsers -----------------------------------------------------------------------------


def _date(raw: str, message: str) -> date:
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        raise ValueError(message) from None


def _optional_date(raw: str) -> date | None:
    return _date(raw, _("Skriv datumet som ÅÅÅÅ-MM-DD.")) if raw.strip() else None


def _codes(raw: str) -> list[str]:
    return [part.strip().lower() for part in re.split(r"[,;]", raw) if part.strip()]


def _choice(raw: str, choices: Any) -> str | None:
    wanted = normalise(raw)
    for value, label in choices.choices:
        if wanted in {normalise(str(value)), normalise(str(label))}:
            return str(value)
    return None


# --- Carers -----------------------------------------------------------------------------------


def carer_key(values: dict[str, str]) -> str:
    try:
        return parse_identity_number(values["personnummer"]).digits
    except InvalidIdentityNumberError:
        return ""


def _carer_parse(values: dict[str, str], ctx: ImportContext) -> dict[str, Any]:
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    try:
        number = parse_identity_number(values["personnummer"])
        parsed["pnr"], parsed["birth_date"] = number.digits, number.birth_date
    except InvalidIdentityNumberError:
        errors["personnummer"] = _("Personnumret är inte giltigt.")
    for key in ("first_name", "last_name", "street_address", "city"):
        parsed[key] = values[key].strip()
    try:
        parsed["postal_code"] = clean_postal_code(values["postal_code"])
    except ValidationError:
        errors["postal_code"] = _("Skriv postnumret med fem siffror, till exempel 123 45.")
    try:
        parsed["phone"] = clean_phone(values["phone"])
    except ValidationError:
        errors["phone"] = _("Skriv ett telefonnummer med siffror, till exempel 070-123 45 67.")
    try:
        validate_email(values["email"].strip())
        parsed["email"] = values["email"].strip().lower()
    except ValidationError:
        errors["email"] = _("Skriv en giltig e-postadress.")
    codes = _codes(values["assignment_types"])
    unknown = [code for code in codes if code not in ctx.assignment_types]
    if unknown:
        errors["assignment_types"] = _("Okänd uppdragstyp: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    parsed["types"] = [ctx.assignment_types[code] for code in codes if not unknown]
    try:
        parsed["valid_until"] = _optional_date(values.get("valid_until", ""))
    except ValueError as error:
        errors["valid_until"] = str(error)
    parsed["languages"] = [lang.strip() for lang in values.get("languages", "").split(",")]
    if (
        "pnr" in parsed
        and Carer.objects.filter(
            organisation=ctx.organisation, personal_identity_number=parsed["pnr"]
        ).exists()
    ):
        errors["personnummer"] = _("Personen finns redan som uppdragstagare.")
    if errors:
        raise RowInvalidError(errors)
    return parsed


def _carer_create(parsed: dict[str, Any], ctx: ImportContext) -> int:
    try:
        user = user_get_or_create_public(
            organisation=ctx.organisation,
            email=parsed["email"],
            first_name=parsed["first_name"],
            last_name=parsed["last_name"],
            actor=ctx.actor,
        )
    except AccountKindConflictError:
        raise RowInvalidError(
            {"email": _("E-postadressen används redan av ett personalkonto.")}
        ) from None
    if Carer.objects.filter(user=user).exists():
        raise RowInvalidError({"email": _("E-postadressen används redan av en uppdragstagare.")})
    carer_create_from_investigation(
        organisation=ctx.organisation,
        user=user,
        person=CarerPerson(
            personal_identity_number=parsed["pnr"],
            first_name=parsed["first_name"],
            last_name=parsed["last_name"],
            birth_date=parsed["birth_date"],
            street_address=parsed["street_address"],
            postal_code=parsed["postal_code"],
            city=parsed["city"],
            phone=parsed["phone"],
            email=parsed["email"],
            languages=[lang for lang in parsed["languages"] if lang],
        ),
        approvals=[
            ApprovalSpec(assignment_type=kind, valid_until=parsed["valid_until"])
            for kind in parsed["types"]
        ],
        checks=[],
        decision_reference=_("Import"),
        source_applicant_ref=None,
        actor=ctx.actor,
    )
    return 1


# --- Clients with decisions -------------------------------------------------------------------


def client_key(values: dict[str, str]) -> str:
    try:
        number = parse_client_identifier(values["personnummer"]).value
    except InvalidClientIdentifierError:
        return ""
    return "|".join(
        [number, values["assignment_type"].strip().lower(), values["decision_date"].strip()]
    )


def _client_parse(values: dict[str, str], ctx: ImportContext) -> dict[str, Any]:
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    try:
        parsed["identifier"] = parse_client_identifier(values["personnummer"]).value
    except InvalidClientIdentifierError as error:
        errors["personnummer"] = str(error.message)
    type_code = values["assignment_type"].strip().lower()
    if type_code not in ctx.assignment_types:
        errors["assignment_type"] = _("Okänd insats: %(code)s.") % {"code": type_code}
    group_code = values.get("target_group", "").strip().lower()
    if group_code and group_code not in ctx.target_groups:
        errors["target_group"] = _("Okänd målgrupp: %(code)s.") % {"code": group_code}
    basis_code = values["legal_basis"].strip().lower()
    if basis_code not in ctx.legal_bases:
        errors["legal_basis"] = _("Okänt lagrum: %(code)s.") % {"code": basis_code}
    if not values["decision_date"].strip():
        errors["decision_date"] = _("Beslutsdatum saknas.")
    else:
        try:
            parsed["decision_date"] = _date(
                values["decision_date"], _("Skriv beslutsdatumet som ÅÅÅÅ-MM-DD.")
            )
        except ValueError as error:
            errors["decision_date"] = str(error)
    try:
        parsed["scope_quantity"] = Decimal(values["scope_quantity"].replace(",", ".").strip())
    except InvalidOperation:
        errors["scope_quantity"] = _("Skriv omfattningen som ett tal.")
    parsed["scope_unit"] = _choice(values["scope_unit"], ScopeUnit)
    if parsed["scope_unit"] is None:
        errors["scope_unit"] = _("Okänd enhet för omfattningen.")
    parsed["consent"] = _choice(values["consent"], Consent)
    if parsed["consent"] is None:
        errors["consent"] = _("Okänt samtycke.")
    for key in ("period_from", "period_to", "consent_recorded_on"):
        try:
            parsed[key] = _optional_date(values.get(key, ""))
        except ValueError as error:
            errors[key] = str(error)
    if ctx.unit is None:
        errors[""] = _("Välj enhet för de nya klienterna.")
    if errors:
        raise RowInvalidError(errors)
    parsed["first_name"], parsed["last_name"] = values["first_name"], values["last_name"]
    parsed["assignment_type"] = ctx.assignment_types[type_code]
    parsed["target_group"] = ctx.target_groups.get(group_code)
    parsed["legal_basis"] = ctx.legal_bases[basis_code]
    if (
        parsed["identifier"] not in ctx.clients
        and Client.objects.filter(
            organisation=ctx.organisation, identifier=parsed["identifier"]
        ).exists()
    ):
        raise RowInvalidError(
            {"personnummer": _("Det finns redan en klient med det numret i organisationen.")}
        )
    return parsed


def _client_create(parsed: dict[str, Any], ctx: ImportContext) -> int:
    created = 0
    client = ctx.clients.get(parsed["identifier"])
    if client is None:
        assert ctx.unit is not None  # noqa: S101 - _client_parse refused rows without a unit
        client = client_register(
            organisation=ctx.organisation,
            unit=ctx.unit,
            identifier=parsed["identifier"],
            fields={"first_name": parsed["first_name"], "last_name": parsed["last_name"]},
            actor=ctx.actor,
        )
        ctx.clients[parsed["identifier"]] = client
        created += 1
    decision_register(
        client=client,
        fields={
            "assignment_type": parsed["assignment_type"],
            "target_group": parsed["target_group"],
            "legal_basis": parsed["legal_basis"],
            "scope_quantity": parsed["scope_quantity"],
            "scope_unit": parsed["scope_unit"],
            "period_from": parsed["period_from"] or parsed["decision_date"],
            "period_to": parsed["period_to"],
            "decision_date": parsed["decision_date"],
            "consent": parsed["consent"],
            "consent_recorded_on": parsed["consent_recorded_on"],
        },
        actor=ctx.actor,
    )
    return created + 1


# --- Running assignments ----------------------------------------------------------------------


def assignment_key(values: dict[str, str]) -> str:
    try:
        number = parse_client_identifier(values["client"]).value
    except InvalidClientIdentifierError:
        return ""
    return f"{number}|{values['assignment_type'].strip().lower()}"


def _assignment_parse(values: dict[str, str], ctx: ImportContext) -> dict[str, Any]:
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    client = None
    try:
        identifier = parse_client_identifier(values["client"]).value
        client = Client.objects.filter(organisation=ctx.organisation, identifier=identifier).first()
        if client is None:
            errors["client"] = _("Det finns ingen klient med det numret. Importera klienten först.")
    except InvalidClientIdentifierError:
        errors["client"] = _("Personnumret är inte giltigt.")
    type_code = values["assignment_type"].strip().lower()
    if type_code not in ctx.assignment_types:
        errors["assignment_type"] = _("Okänd insats: %(code)s.") % {"code": type_code}
    elif client is not None:
        parsed["decision"] = (
            Decision.objects.filter(
                client=client,
                assignment_type__code=type_code,
                status__in=(DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED),
            )
            .order_by("-decision_date", "-id")
            .first()
        )
        if parsed["decision"] is None:
            errors["assignment_type"] = _("Klienten har inget gällande beslut om den insatsen.")
    try:
        pnr = parse_identity_number(values["carer"]).digits
        parsed["carer"] = Carer.objects.filter(
            organisation=ctx.organisation, personal_identity_number=pnr
        ).first()
        if parsed["carer"] is None:
            errors["carer"] = _(
                "Det finns ingen uppdragstagare med det numret. Importera uppdragstagaren först."
            )
    except InvalidIdentityNumberError:
        errors["carer"] = _("Personnumret är inte giltigt.")
    if not values["started_on"].strip():
        errors["started_on"] = _("Startdatum saknas.")
    else:
        try:
            parsed["started_on"] = _date(
                values["started_on"], _("Skriv startdatumet som ÅÅÅÅ-MM-DD.")
            )
        except ValueError as error:
            errors["started_on"] = str(error)
    if errors:
        raise RowInvalidError(errors)
    return parsed


def _assignment_create(parsed: dict[str, Any], ctx: ImportContext) -> int:
    assignment_register_running(
        decision=parsed["decision"],
        carer=parsed["carer"],
        started_on=parsed["started_on"],
        actor=ctx.actor,
    )
    return 1


@dataclass(frozen=True)
class KindHandler:
    parse: Callable[[dict[str, str], ImportContext], dict[str, Any]]
    create: Callable[[dict[str, Any], ImportContext], int]
    duplicate_key: Callable[[dict[str, str]], str]
    duplicate_column: str
    # Service field names → column keys, for the services' ValidationErrors.
    fields: dict[str, str]


HANDLERS: dict[str, KindHandler] = {
    ImportKind.CARERS: KindHandler(
        _carer_parse, _carer_create, carer_key, "personnummer", {"email": "email"}
    ),
    ImportKind.CLIENTS: KindHandler(
        _client_parse,
        _client_create,
        client_key,
        "personnummer",
        {
            "identifier": "personnummer",
            "first_name": "first_name",
            "last_name": "last_name",
            "unit": "",
            "assignment_type": "assignment_type",
            "legal_basis": "legal_basis",
            "decision_date": "decision_date",
            "scope_quantity": "scope_quantity",
            "scope_unit": "scope_unit",
            "period_from": "period_from",
            "period_to": "period_to",
            "consent": "consent",
            "consent_recorded_on": "consent_recorded_on",
        },
    ),
    ImportKind.ASSIGNMENTS: KindHandler(
        _assignment_parse,
        _assignment_create,
        assignment_key,
        "assignment_type",
        {
            "decision": "assignment_type",
            "carer": "carer",
            "started_on": "started_on",
            "implemented_on": "started_on",
        },
    ),
}


# --- Checking and importing rows ---------------------------------------------------------------


class _DryRunRollbackError(Exception):
    pass


def _errors_of(error: ValidationError, fields: dict[str, str]) -> dict[str, str]:
    if hasattr(error, "error_dict"):
        return {
            fields.get(name, ""): " ".join(str(m) for m in messages)
            for name, messages in error.message_dict.items()
        }
    return {"": " ".join(str(m) for m in error.messages)}


def row_values(kind: str, row: list[str], mapping: dict[str, int | None]) -> dict[str, str]:
    values: dict[str, str] = {}
    for column in COLUMNS[kind]:
        index = mapping.get(column.key)
        values[column.key] = row[index].strip() if index is not None and index < len(row) else ""
    return values


def _missing(kind: str, values: dict[str, str]) -> dict[str, str]:
    return {
        column.key: _("%(column)s saknas.") % {"column": column.header}
        for column in COLUMNS[kind]
        if column.required and not values[column.key]
    }


def process_row(
    *, kind: str, values: dict[str, str], ctx: ImportContext, seen: dict[str, int], dry_run: bool
) -> tuple[dict[str, str], int]:
    """(problems by column key, records created). In a dry run nothing is kept."""
    handler = HANDLERS[kind]
    errors = _missing(kind, values)
    key = handler.duplicate_key(values)
    if key and key in seen:
        errors.setdefault(
            handler.duplicate_column,
            _("Samma uppgifter finns redan på rad %(row)s i filen.") % {"row": seen[key]},
        )
    if errors:
        return errors, 0
    clients_before = dict(ctx.clients)
    try:
        with transaction.atomic():
            parsed = handler.parse(values, ctx)
            created = handler.create(parsed, ctx)
            if dry_run:
                raise _DryRunRollbackError
    except _DryRunRollbackError:
        ctx.clients = clients_before  # what the rolled-back row created is gone
        return {}, created
    except RowInvalidError as error:
        return error.errors, 0
    except ValidationError as error:
        return _errors_of(error, handler.fields), 0
    return {}, created
