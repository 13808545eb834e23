"""`manage.py retention_run [--dry-run] [--as-of YYYY-MM-DD] [--organisation ID]`: retention
(gallring) by the organisation's rules. The dry run lists counts and internal ids only."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brygga.accounts.models import Organisation
from brygga.retention.constants import RunTrigger
from brygga.retention.services import retention_dry_run, retention_run


def _as_of(raw: str | None) -> date:
    if raw is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(
            f"Ogiltigt datum {raw!r}: skriv --as-of som ÅÅÅÅ-MM-DD, till exempel 2026-04-01."
        ) from None


def _organisations(raw: int | None) -> list[Organisation]:
    if raw is None:
        return list(Organisation.objects.order_by("pk"))
    found = Organisation.objects.filter(pk=raw).first()
    if found is None:
        raise CommandError(f"Organisationen {raw} finns inte.")
    return [found]


class Command(BaseCommand):
    help = (
        "Gallrar handlingar vars bevarandetid har gått ut enligt organisationens "
        "gallringsregler. Med --dry-run visas bara vad som skulle gallras."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa utan att gallra")
        parser.add_argument("--as-of", dest="as_of", help="Gallringsdatum ÅÅÅÅ-MM-DD (i dag)")
        parser.add_argument("--organisation", type=int, help="Organisationens id (alla)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _as_of(options["as_of"])
        for organisation in _organisations(options["organisation"]):
            if options["dry_run"]:
                sweep = retention_dry_run(organisation=organisation, as_of=as_of)
                self.stdout.write(f"Provkörning {as_of} – organisation {organisation.pk}")
                for plan in sweep.rules:
                    ids = ", ".join(str(r.pk) for r in plan.removed) or "–"
                    self.stdout.write(
                        f"  {plan.target.key}: {len(plan.removed)} gallras (id {ids}), "
                        f"{len(plan.kept)} sparas"
                    )
                    for kept in plan.kept:
                        self.stdout.write(f"    sparas id {kept.pk}: {kept.kept_label}")
            else:
                run = retention_run(
                    organisation=organisation,
                    as_of=as_of,
                    actor=None,
                    trigger=RunTrigger.COMMAND,
                )
                self.stdout.write(
                    f"Gallring {as_of} – organisation {organisation.pk}: "
                    f"{run.removed} gallrade, {run.audit_events_scrubbed} logghändelser rensade, "
                    f"{run.files_removed} filer borttagna (körning {run.pk})."
                )
