"""Reads that may come from a read replica: statistics and exports, never a case officer's work.

A replica lags the primary by a moment, so only code that tolerates a slightly old answer asks
for it, explicitly, with `with replica_reads():` (ADR 0031). Everything else, and every write,
goes to the primary. Without a replica configured (`DATABASE_REPLICA_URL`), or with
`REPLICA_READS` off, the block changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings

REPLICA = "replica"

_replica_reads: ContextVar[bool] = ContextVar("brygga_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Send the reads inside the block to the replica, when one is configured."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_in_use() -> bool:
    return bool(getattr(settings, "REPLICA_READS", False)) and REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _replica_reads.get() and replica_in_use():
            return REPLICA
        return None  # the primary

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None  # always the primary

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # the replica follows the primary's schema by replication
