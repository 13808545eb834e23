"""`manage.py compensation_quote --type TYPE --law sol|lss [...] [--json]`: what will it cost?

The same inputs and answer as `POST /api/v1/compensation/quote/`. Impossible input exits
non-zero with the Swedish message on stderr (and {"errors": {field: [message]}} on stdout with
--json). Without --organisation the national rates are used.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from brygga.accounts.models import Organisation
from brygga.compensation.calculations import Quote
from brygga.compensation.constants import QUOTE_TYPES
from brygga.compensation.inputs import QuoteInputError, quote_from_input
from brygga.compensation.quoting import quote_as_json

KIND_LABELS = {
    "fee": "Arvode",
    "expense_allowance": "Omkostnad",
    "travel": "Resa",
}
# Option → input name (the API's names).
OPTIONS = {
    "type": "type",
    "law": "law",
    "month": "month",
    "fee_level": "fee_level",
    "fee_percent": "fee_percent",
    "expense_level": "expense_level",
    "expense_percent": "expense_percent",
    "birth_date": "birth_date",
    "stay": "stays",
    "hours": "hours",
    "hours_date": "hours_date",
    "kilometres": "kilometres",
    "carer_birth_date": "carer_birth_date",
    "fee_paid_this_year": "fee_paid_this_year",
}


def _kr(value: str) -> str:
    whole, _dot, decimals = value.partition(".")
    groups = f"{int(whole):,}".replace(",", " ")
    return f"{groups},{decimals} kr"


def _table(result: Quote) -> list[str]:
    data = quote_as_json(result)
    rows = [("Datum/månad", "Del", "Antal", "Pris", "Belopp", "Regel")]
    for line in data["lines"]:
        rows.append(
            (
                line.get("date") or line.get("month") or "",
                KIND_LABELS.get(line["kind"], line["kind"]),
                line["quantity"].replace(".", ","),
                _kr(line["rate"]),
                _kr(line["amount"]),
                line["rule"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    out = [
        "  ".join(
            [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
            + [row[i].rjust(widths[i]) for i in (2, 3, 4)]
            + [row[5]]
        )
        for row in rows
    ]
    out.append("")
    out.append(f"Arvode (skattepliktigt):        {_kr(data['fee'])}")
    out.append(f"Omkostnadsersättning:           {_kr(data['expense_allowance'])}")
    out.append(f"Reseersättning (skattefri):     {_kr(data['travel'])}")
    out.append(f"Arbetsgivaravgifter på arvodet: {_kr(data['employer_contributions'])}")
    return out


class Command(BaseCommand):
    help = (
        "Beräkna arvode, omkostnadsersättning och arbetsgivaravgifter för ett uppdrag enligt "
        "ersättningstabellerna (samma svar som POST /api/v1/compensation/quote/)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--type", required=True, help=f"Uppdragstyp: {', '.join(QUOTE_TYPES)}")
        parser.add_argument("--law", required=True, help="sol eller lss")
        parser.add_argument("--month", help="Månaden som ÅÅÅÅ-MM (månadsersättning; i dag)")
        parser.add_argument("--fee-level", dest="fee_level", help="Kategori eller arvodesnivå")
        parser.add_argument("--fee-percent", dest="fee_percent", help="Arvode i procent av pbb")
        parser.add_argument("--expense-level", dest="expense_level", help="Omkostnadsnivå")
        parser.add_argument(
            "--expense-percent", dest="expense_percent", help="Omkostnad i procent av pbb"
        )
        parser.add_argument("--birth-date", dest="birth_date", help="Klientens födelsedatum")
        parser.add_argument(
            "--stay",
            action="append",
            default=[],
            help="Vistelse som ÅÅÅÅ-MM-DD/ÅÅÅÅ-MM-DD (ankomst/avresa); kan upprepas",
        )
        parser.add_argument("--hours", help="Antal timmar (timersättning)")
        parser.add_argument("--hours-date", dest="hours_date", help="Datum för timmarna")
        parser.add_argument("--kilometres", help="Körda kilometer med egen bil")
        parser.add_argument(
            "--carer-birth-date", dest="carer_birth_date", help="Uppdragstagarens födelsedatum"
        )
        parser.add_argument(
            "--fee-paid-this-year", dest="fee_paid_this_year", help="Arvode utbetalt i år (kr)"
        )
        parser.add_argument("--organisation", type=int, help="Kommunens id (egna nivåer)")
        parser.add_argument("--json", action="store_true", help="Svara med JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Organisationen {options['organisation']} finns inte.")
        data = {name: options[option] for option, name in OPTIONS.items()}
        try:
            result = quote_from_input(data, organisation=organisation)
        except QuoteInputError as error:
            if options["json"]:
                self.stdout.write(json.dumps({"errors": error.errors}, ensure_ascii=False))
            options_by_name = {name: option for option, name in OPTIONS.items()}
            messages = [
                f"--{options_by_name.get(name, name).replace('_', '-')}: {message}"
                for name, items in error.errors.items()
                for message in items
            ]
            raise CommandError("\n".join(messages), returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(quote_as_json(result), ensure_ascii=False, indent=2))
            return
        for row in _table(result):
            self.stdout.write(row)
