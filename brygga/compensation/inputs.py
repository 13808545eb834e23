"""Reading a quote's inputs from text (the command, the API, the estimate form).

One parser, so `compensation_quote`, `POST /api/v1/compensation/quote/` and the estimate page
accept the same inputs and answer with the same Swedish messages per field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .calculations import Quote
from .constants import QUOTE_TYPES, Law
from .quoting import QuoteError, QuoteRequest, quote

if TYPE_CHECKING:
    from brygga.accounts.models import Organisation

# The input names, as the API and the form call them (the command uses --dashed-names).
FIELDS = (
    "type",
    "law",
    "month",
    "fee_level",
    "fee_percent",
    "expense_level",
    "expense_percent",
    "birth_date",
    "stays",
    "hours",
    "hours_date",
    "kilometres",
    "carer_birth_date",
    "fee_paid_this_year",
)
# QuoteError.field → input name (the request calls the type `assignment_type`).
FIELD_NAMES = {"assignment_type": "type"}

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE_HELP = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-14."


class QuoteInputError(ValueError):
    """Field errors: {input name: [Swedish messages]}."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


def field_name(error: QuoteError) -> str:
    return FIELD_NAMES.get(error.field, error.field)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(_DATE_HELP) from None


def _decimal(value: Any) -> Decimal:
    text = str(value).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError("Skriv ett tal, till exempel 12,5.") from None
    if not number.is_finite():
        raise ValueError("Skriv ett tal, till exempel 12,5.")
    if number < 0:
        raise ValueError("Värdet kan inte vara negativt.")
    if number > Decimal("1000000"):
        raise ValueError("Värdet är för stort.")
    return number


def _month(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    match = _MONTH.match(str(value).strip())
    if not match:
        raise ValueError("Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-03.")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1900:
        raise ValueError("Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-03.")
    return datetime.date(year, month, 1)


def _stay(value: Any) -> tuple[datetime.date, datetime.date]:
    parts: list[Any]
    if isinstance(value, Mapping):
        parts = [value.get("arrival"), value.get("departure")]
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        parts = str(value).strip().split("/")
    if len(parts) != 2 or any(_blank(part) for part in parts):
        raise ValueError("Skriv vistelsen som ankomst/avresa, till exempel 2026-03-13/2026-03-15.")
    try:
        return _date(parts[0]), _date(parts[1])
    except ValueError:
        raise ValueError(
            "Skriv vistelsen som ankomst/avresa, till exempel 2026-03-13/2026-03-15."
        ) from None


def stays_from_text(text: str) -> list[str]:
    """One stay per line or separated by commas or spaces (the form's text area)."""
    return [part for part in re.split(r"[\s,;]+", text.strip()) if part]


def _stays(value: Any) -> tuple[tuple[datetime.date, datetime.date], ...]:
    if _blank(value):
        return ()
    items: Iterable[Any] = stays_from_text(value) if isinstance(value, str) else value
    return tuple(_stay(item) for item in items)


def parse_quote_input(data: Mapping[str, Any]) -> QuoteRequest:
    """A QuoteRequest from text values, or QuoteInputError with every field's message."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    def read(name: str, parse: Any) -> None:
        raw = data.get(name)
        if _blank(raw):
            return
        try:
            values[name] = parse(raw)
        except ValueError as error:
            errors.setdefault(name, []).append(str(error))

    kind = str(data.get("type") or "").strip()
    if not kind:
        errors["type"] = ["Ange uppdragstyp."]
    elif kind not in QUOTE_TYPES:
        errors["type"] = [f"Okänd uppdragstyp. Välj en av: {', '.join(QUOTE_TYPES)}."]
    law = str(data.get("law") or "").strip().lower()
    if not law:
        errors["law"] = ["Ange lag: sol eller lss."]
    elif law not in Law.values:
        errors["law"] = ["Okänd lag. Välj sol eller lss."]
    read("month", _month)
    for name in ("fee_percent", "expense_percent", "hours", "kilometres", "fee_paid_this_year"):
        read(name, _decimal)
    for name in ("birth_date", "hours_date", "carer_birth_date"):
        read(name, _date)
    for name in ("fee_level", "expense_level"):
        read(name, lambda raw: str(raw).strip())
    try:
        values["stays"] = _stays(data.get("stays"))
    except ValueError as error:
        errors.setdefault("stays", []).append(str(error))
    if errors:
        raise QuoteInputError(errors)
    return QuoteRequest(
        assignment_type=kind,
        law=law,
        month=values.get("month"),
        fee_percent=values.get("fee_percent"),
        expense_percent=values.get("expense_percent"),
        fee_level=values.get("fee_level"),
        expense_level=values.get("expense_level"),
        birth_date=values.get("birth_date"),
        stays=values.get("stays", ()),
        hours=values.get("hours"),
        hours_date=values.get("hours_date"),
        kilometres=values.get("kilometres"),
        carer_birth_date=values.get("carer_birth_date"),
        fee_paid_this_year=values.get("fee_paid_this_year", Decimal("0")),
    )


def quote_from_input(data: Mapping[str, Any], *, organisation: Organisation | None = None) -> Quote:
    """Parse and quote; every impossible input becomes a QuoteInputError per field."""
    request = parse_quote_input(data)
    try:
        return quote(request, organisation=organisation)
    except QuoteError as error:
        raise QuoteInputError({field_name(error): [error.message]}) from None
