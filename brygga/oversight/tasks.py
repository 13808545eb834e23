"""Background tasks of oversight (ADR 0006): the weekly digest, enqueued by
`manage.py oversight_digest` from the weekly schedule."""

from __future__ import annotations

from django_tasks import task

from .digest import digest_send


@task()
def send_oversight_digest() -> int:
    """Send the weekly digest of the register to managers and case officers."""
    return digest_send()
