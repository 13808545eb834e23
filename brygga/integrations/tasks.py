"""Background tasks for large imports (ADR 0006, 0027). They take ids and call the services."""

from __future__ import annotations

import logging

from django_tasks import task

from brygga.accounts.models import User

from . import services
from .models import ImportRun

logger = logging.getLogger(__name__)


@task()
def import_check_task(run_id: int, actor_id: int) -> None:
    run = ImportRun.objects.select_related("organisation", "unit").get(pk=run_id)
    try:
        services.import_check(run=run, actor=User.objects.get(pk=actor_id))
    except Exception:
        logger.exception("Import %s: the check failed", run_id)
        services.import_mark_failed(run_id=run_id, reason="check")
        raise


@task()
def import_apply_task(run_id: int, actor_id: int) -> None:
    run = ImportRun.objects.select_related("organisation", "unit").get(pk=run_id)
    try:
        services.import_apply(run=run, actor=User.objects.get(pk=actor_id))
    except Exception:
        logger.exception("Import %s: the import failed", run_id)
        services.import_mark_failed(run_id=run_id, reason="import")
        raise
