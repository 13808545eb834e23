"""Request, response and error bodies of `POST /api/v1/compensation/quote/`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from ..constants import LINE_KIND_CHOICES, QUOTE_TYPE_CHOICES, Law


class QuoteRequestSerializer(serializers.Serializer[Any]):
    type = serializers.ChoiceField(
        choices=QUOTE_TYPE_CHOICES, help_text="Uppdragstyp (katalogens kod)"
    )
    law = serializers.ChoiceField(choices=Law.choices, help_text="sol eller lss")
    month = serializers.RegexField(
        r"^\d{4}-\d{2}$",
        required=False,
        allow_blank=True,
        help_text="Månaden som ÅÅÅÅ-MM för månadsersättning (kontaktperson); i dag om tom",
    )
    fee_level = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=(
            "Kontaktperson: kategori_1, kategori_2 eller kategori_3. "
            "Kontaktfamilj/stödfamilj: grund (standard), hojd_1, hojd_2 eller hojd_3"
        ),
    )
    fee_percent = serializers.DecimalField(
        max_digits=8,
        decimal_places=4,
        required=False,
        allow_null=True,
        help_text="Kontaktperson: överenskommet arvode i procent av prisbasbeloppet per år",
    )
    expense_level = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Kontaktperson: 10, 25 eller 40. Kontaktfamilj/stödfamilj: grund eller tillagg",
    )
    expense_percent = serializers.DecimalField(
        max_digits=8,
        decimal_places=4,
        required=False,
        allow_null=True,
        help_text="Kontaktperson: omkostnad i procent av prisbasbeloppet per år",
    )
    birth_date = serializers.DateField(
        required=False, allow_null=True, help_text="Klientens födelsedatum (åldersgrupp per dag)"
    )
    stays = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text='Vistelser som "ÅÅÅÅ-MM-DD/ÅÅÅÅ-MM-DD" (ankomst/avresa)',
    )
    hours = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True, help_text="Timmar"
    )
    hours_date = serializers.DateField(
        required=False, allow_null=True, help_text="Datum för timmarna (vilket års timersättning)"
    )
    kilometres = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Körda kilometer med egen bil (skattefri milersättning)",
    )
    carer_birth_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Uppdragstagarens födelsedatum (arbetsgivaravgiftens nivå); full nivå om tom",
    )
    fee_paid_this_year = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Arvode som redan betalats ut i år (gränsen 1 000 kr för arbetsgivaravgifter)",
    )


class QuoteLineSerializer(serializers.Serializer[Any]):
    date = serializers.DateField(required=False, help_text="Dagen (per dygn och timme)")
    month = serializers.CharField(required=False, help_text="Månaden ÅÅÅÅ-MM (per månad)")
    kind = serializers.ChoiceField(choices=LINE_KIND_CHOICES)
    quantity = serializers.CharField(help_text="Månader, dygn (kan vara 0.5), timmar eller km")
    rate = serializers.CharField(help_text="Kronor per enhet, två decimaler")
    amount = serializers.CharField(help_text="Belopp, två decimaler")
    rule = serializers.CharField(help_text="Regelns kod och en förklaring på svenska")


class QuoteResponseSerializer(serializers.Serializer[Any]):
    fee = serializers.CharField(help_text="Arvode (skattepliktigt), två decimaler")
    expense_allowance = serializers.CharField(help_text="Omkostnadsersättning, två decimaler")
    employer_contributions = serializers.CharField(
        help_text="Arbetsgivaravgifter på arvodet, två decimaler"
    )
    travel = serializers.CharField(help_text="Reseersättning (skattefri), två decimaler")
    lines = QuoteLineSerializer(many=True)


# The error body {"errors": {field: [message]}}: `errors` is a name Serializer itself uses, so
# the schema's serializer is built with drf-spectacular's inline_serializer.
QuoteErrorSerializer = inline_serializer(
    name="CompensationQuoteError",
    fields={
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Fältets namn → meddelanden på svenska",
        )
    },
)
