"""`manage.py unimplemented_decisions --as-of YYYY-MM-DD --json [--organisation ID]`: the
register of unimplemented decisions on a date, the same entries as
`GET /api/v1/oversight/unimplemented/?as_of=YYYY-MM-DD`. Each run is logged."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brygga.accounts.models import Organisation
from brygga.oversight import selectors
from brygga.oversight.permissions import register_record_view
from brygga.oversight.register import ENTRY_KEYS, parse_iso_date

PURPOSE_COMMAND = "Registret över ej verkställda beslut via kommandot unimplemented_decisions"


def _as_of(raw: str | None) -> date:
    if raw is None:
        return timezone.localdate()
    try:
        return parse_iso_date(raw)
    except ValueError:
        raise CommandError(
            f"Ogiltigt datum {raw!r}: skriv --as-of som ÅÅÅÅ-MM-DD, till exempel 2026-04-01."
        ) from None


def _organisation(raw: int | None) -> Organisation:
    if raw is not None:
        found = Organisation.objects.filter(pk=raw).first()
        if found is None:
            raise CommandError(f"Organisationen {raw} finns inte.")
        return found
    organisations = list(Organisation.objects.order_by("pk")[:2])
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise CommandError("Det finns ingen organisation.")
    choices = ", ".join(
        f"{o.pk} ({o.name})" for o in Organisation.objects.order_by("pk").only("pk", "name")
    )
    raise CommandError(f"Det finns flera organisationer: välj en med --organisation ({choices}).")


class Command(BaseCommand):
    help = (
        "Ej verkställda beslut och avbrott som är öppna på ett datum (SoL och LSS): "
        "beslut som inte verkställts tre månader efter beslutsdatumet och avbrott som inte "
        "återupptagits inom tre månader."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="Datumet som ÅÅÅÅ-MM-DD (i dag)")
        parser.add_argument("--json", action="store_true", help="Svara med en JSON-lista")
        parser.add_argument(
            "--organisation",
            type=int,
            help="Organisationens id; krävs om det finns fler än en organisation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _as_of(options["as_of"])
        organisation = _organisation(options["organisation"])
        entries = selectors.unimplemented_open_on(as_of=as_of, organisation=organisation)
        register_record_view(
            actor=None,
            organisation=organisation,
            as_of=as_of,
            entries=len(entries),
            purpose=PURPOSE_COMMAND,
        )
        rows = [entry.as_json(as_of) for entry in entries]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write("\t".join(ENTRY_KEYS))
        for row in rows:
            self.stdout.write("\t".join("" if row[k] is None else str(row[k]) for k in ENTRY_KEYS))
        self.stdout.write(f"{len(rows)} öppna poster {as_of.isoformat()}")
