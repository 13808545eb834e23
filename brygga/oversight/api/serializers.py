"""The shape of one register entry in the API, for the OpenAPI schema. The values themselves
come from `register.Entry.as_json`, the same dict the management command prints."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from brygga.catalogue.constants import LawArea


class UnimplementedEntrySerializer(serializers.Serializer[Any]):
    decision_id = serializers.UUIDField(help_text="Beslutets public_id")
    client_ref = serializers.CharField(
        help_text="Personnummer, samordningsnummer eller reservnummer (ÅÅÅÅMMDD-T123), aldrig namn"
    )
    law = serializers.ChoiceField(choices=LawArea.choices, help_text="sol eller lss")
    assignment_type = serializers.CharField(help_text="Insatsens kod, t.ex. kontaktperson")
    decision_date = serializers.DateField()
    interruption_date = serializers.DateField(
        allow_null=True, help_text="Avbrottets första dag, null för ett ej verkställt beslut"
    )
    days_waiting = serializers.IntegerField(
        help_text="Dagar från beslutet (eller avbrottet) till as_of"
    )
    reportable_since = serializers.DateField(
        help_text="Dagen då posten blev rapporteringspliktig: beslutet eller avbrottet + 3 månader"
    )
