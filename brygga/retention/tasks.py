"""The scheduled retention run (django-tasks). Takes ids; running it twice removes nothing
more the second time."""

from __future__ import annotations

from django.utils import timezone

from django_tasks import task

from brygga.accounts.models import Organisation

from .constants import RunTrigger
from .services import retention_run


@task()
def run_retention(organisation_id: int, as_of: str | None = None) -> int:
    """Run retention for one organisation on `as_of` (ISO date, default today); returns the
    id of the run."""
    from datetime import date

    organisation = Organisation.objects.get(pk=organisation_id)
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    run = retention_run(organisation=organisation, as_of=day, actor=None, trigger=RunTrigger.TASK)
    return run.pk
