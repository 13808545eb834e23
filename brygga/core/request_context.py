"""The id of the request being served, for audit rows and log lines.

A context variable rather than a thread local, so it is right under ASGI too.
"""

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("brygga_request_id", default=None)


def get_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None) -> object:
    return _request_id.set(value)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]
