"""Background work for payments (ADR 0006: django-tasks with the database queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_payment_run(run_id: int) -> str:
    from .services import payment_run_build

    return payment_run_build(run_id).status
