"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer): parse, validate, normalise to 12 digits.

Pure functions with no database access. IVO reserve numbers (ÅÅÅÅMMDD-T123) belong to the
clients app and are not accepted here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

_PATTERN = re.compile(r"^(?P<century>\d{2})?(?P<yymmdd>\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})$")


class IdentityKind(Enum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"


class InvalidIdentityNumberError(ValueError):
    """The number is not a valid personnummer or samordningsnummer; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IdentityNumber:
    digits: str  # 12 digits, YYYYMMDDNNNN
    kind: IdentityKind
    birth_date: date

    @property
    def formatted(self) -> str:
        """YYYYMMDD-NNNN, the form Skatteverket and most case systems print."""
        return f"{self.digits[:8]}-{self.digits[8:]}"

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def luhn_ok(ten_digits: str) -> bool:
    total = 0
    for index, char in enumerate(ten_digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def parse_identity_number(raw: str, *, today: date | None = None) -> IdentityNumber:
    """Parse `raw` (with or without century, dash or plus) or raise InvalidIdentityNumberError.

    A 10-digit number takes the latest century that does not put the birth in the future;
    a plus sign means the person is 100 or older (Skatteverket's rule).
    """
    today = today or date.today()  # noqa: DTZ011 - a calendar date, not a moment
    cleaned = re.sub(r"\s", "", raw or "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise InvalidIdentityNumberError("format")
    yymmdd, serial = match["yymmdd"], match["serial"]
    if not luhn_ok(yymmdd + serial):
        raise InvalidIdentityNumberError("checksum")

    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = IdentityKind.PERSONNUMMER
    if day > 60:
        kind, day = IdentityKind.SAMORDNINGSNUMMER, day - 60

    if match["century"]:
        year = int(match["century"] + yymmdd[:2])
    else:
        yy = int(yymmdd[:2])
        year = (today.year // 100) * 100 + yy
        if year > today.year:
            year -= 100
        if match["sep"] == "+":
            year -= 100
    try:
        born = date(year, month, day)
    except ValueError as error:
        raise InvalidIdentityNumberError("date") from error
    if born > today:
        raise InvalidIdentityNumberError("future")
    return IdentityNumber(digits=f"{year:04d}{yymmdd[2:]}{serial}", kind=kind, birth_date=born)
