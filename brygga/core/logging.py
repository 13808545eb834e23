"""Log filters: the request id on every record, and no personal data in any line.

Server logs are not under the secrecy controls of the database (they go to journald, log
shippers, error mails). Code must not log personal data in the first place; the redacting filter
is the second line, for what a library or a careless message lets through: personnummer and
samordningsnummer, IVO reserve numbers and e-mail addresses become `[borttaget]`."""

from __future__ import annotations

import logging
import re

from .request_context import get_request_id

REDACTED = "[borttaget]"
_PERSONAL = re.compile(
    r"""
    (?<![\w@.])(?:19|20)?\d{6}[-+]?\d{4}(?!\d)       # personnummer, samordningsnummer
    | (?<!\d)\d{8}-?T(?:\d{3}|F\d{2})(?!\w)          # IVO reserve number
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                   # e-mail address
    """,
    re.VERBOSE,
)


def redact(text: str) -> str:
    return _PERSONAL.sub(REDACTED, text)


class RequestIdFilter(logging.Filter):
    """Adds the current request id to every log record (or "-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id() or "-"
        return True


class RedactPersonalDataFilter(logging.Filter):
    """Replaces identity numbers and e-mail addresses in the message and in any traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
