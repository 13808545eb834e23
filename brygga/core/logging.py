import logging

from .request_context import get_request_id


class RequestIdFilter(logging.Filter):
    """Adds the current request id to every log record (or "-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id() or "-"
        return True
