"""A client's identifier: personnummer, samordningsnummer or IVO reserve number.

Pure functions, no database. People without a Swedish personnummer are reported to IVO with a
reserve number, the birth date and four characters: `ÅÅÅÅMMDD-T123` or `ÅÅÅÅMMDD-TF10`. The
third character of the four encodes sex, even for a woman and odd for a man (in `T123` that is
`2`, in `TF10` it is `1`), whatever the local numbering (domain.md §0 item 7 and §3.8). In a
personnummer or samordningsnummer the third digit of the birth number (the ninth of the ten
digits) encodes sex the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from brygga.core.personnummer import (
    IdentityKind,
    InvalidIdentityNumberError,
    parse_identity_number,
)

from .constants import IdentifierKind, Sex

_RESERVE = re.compile(r"^(?P<date>\d{8})-?(?P<suffix>T(?:\d{3}|F\d{2}))$")


class InvalidClientIdentifierError(ValueError):
    """Not a valid identifier; `message` is the Swedish reason to show next to the field."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ClientIdentifier:
    value: str  # normalised: YYYYMMDD-NNNN or YYYYMMDD-T123 / YYYYMMDD-TF10
    kind: IdentifierKind
    birth_date: date
    sex: Sex


def _sex_of(digit: str) -> Sex:
    return Sex.MALE if int(digit) % 2 else Sex.FEMALE


def _messages() -> dict[str, str]:
    return {
        "empty": _("Skriv personnummer, samordningsnummer eller reservnummer."),
        "format": _(
            "Skriv numret som ÅÅÅÅMMDD-NNNN, eller ett reservnummer som ÅÅÅÅMMDD-T123 "
            "eller ÅÅÅÅMMDD-TF10."
        ),
        "checksum": _("Kontrollsiffran stämmer inte. Kontrollera numret."),
        "date": _("Datumet i numret finns inte."),
        "future": _("Födelsedatumet ligger i framtiden."),
    }


def _invalid(code: str) -> InvalidClientIdentifierError:
    return InvalidClientIdentifierError(code, _messages()[code])


def _parse_reserve(match: re.Match[str], today: date) -> ClientIdentifier:
    digits, suffix = match["date"], match["suffix"]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise _invalid("date") from None
    if born > today:
        raise _invalid("future")
    return ClientIdentifier(
        value=f"{digits}-{suffix}",
        kind=IdentifierKind.RESERVE,
        birth_date=born,
        sex=_sex_of(suffix[2]),
    )


def parse_client_identifier(raw: str, *, today: date | None = None) -> ClientIdentifier:
    """Parse `raw` or raise InvalidClientIdentifierError with a Swedish reason."""
    today = today or date.today()  # noqa: DTZ011 - a calendar date, not a moment
    cleaned = re.sub(r"\s", "", raw or "").upper()
    if not cleaned:
        raise _invalid("empty")
    reserve = _RESERVE.match(cleaned)
    if reserve:
        return _parse_reserve(reserve, today)
    if "T" in cleaned:
        raise _invalid("format")
    try:
        number = parse_identity_number(cleaned, today=today)
    except InvalidIdentityNumberError as error:
        raise _invalid(error.reason if error.reason in _messages() else "format") from None
    kind = (
        IdentifierKind.SAMORDNINGSNUMMER
        if number.kind is IdentityKind.SAMORDNINGSNUMMER
        else IdentifierKind.PERSONNUMMER
    )
    return ClientIdentifier(
        value=number.formatted,
        kind=kind,
        birth_date=number.birth_date,
        sex=_sex_of(number.digits[10]),
    )


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
