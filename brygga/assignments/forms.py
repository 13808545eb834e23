from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.website.constants import AgeBand, CarerGender

from .constants import EndReason


class DateInput(forms.DateInput):
    input_type = "date"


class OfferForm(forms.Form):
    brief = forms.CharField(
        label=_("Beskrivning till uppdragstagaren"),
        help_text=_(
            "Det här ser uppdragstagaren innan hen svarar. Skriv inga namn, personnummer, "
            "adresser eller skolor."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        error_messages={"required": _("Skriv en kort, anonym beskrivning av uppdraget.")},
    )
    outside_ranking_reason = forms.CharField(
        label=_("Varför väljer du den här uppdragstagaren?"),
        help_text=_("Krävs när du väljer någon annan än den högst rankade."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, rank: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rank = rank
        if rank == 1:
            del self.fields["outside_ranking_reason"]


class OfferResponseForm(forms.Form):
    note = forms.CharField(
        label=_("Vill du skriva något till handläggaren?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class StepForm(forms.Form):
    """A dated step in the assignment's life (first meeting, start, pause, ...)."""

    on = forms.DateField(
        label=_("Datum"),
        widget=DateInput,
        error_messages={"required": _("Ange datum."), "invalid": _("Ange datum som ÅÅÅÅ-MM-DD.")},
    )
    note = forms.CharField(label=_("Anteckning"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)


class InterruptForm(StepForm):
    cause = forms.CharField(
        label=_("Orsak till avbrottet"),
        max_length=300,
        error_messages={"required": _("Skriv orsaken till avbrottet.")},
    )


class EndForm(StepForm):
    reason = forms.ChoiceField(
        label=_("Anledning"),
        choices=[c for c in EndReason.choices if c[0] != EndReason.REMATCH],
        error_messages={"required": _("Välj anledning.")},
    )


class PublishForm(forms.Form):
    """What becomes public about a decision waiting for a carer: anonymous by construction
    (the open assignment has no field for a name, number, address or contact)."""

    title = forms.CharField(
        label=_("Rubrik"),
        max_length=150,
        help_text=_("Till exempel ”Kontaktperson till en fotbollsintresserad tonåring”."),
        error_messages={"required": _("Skriv en rubrik.")},
    )
    age_band = forms.ChoiceField(label=_("Ålder"), choices=AgeBand.choices)
    carer_gender = forms.ChoiceField(
        label=_("Önskat kön hos uppdragstagaren"), choices=CarerGender.choices
    )
    area = forms.CharField(
        label=_("Område"),
        max_length=80,
        help_text=_("En stadsdel eller ort, aldrig en adress."),
        error_messages={"required": _("Skriv ett område.")},
    )
    interests = forms.CharField(
        label=_("Intressen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    scope = forms.CharField(label=_("Omfattning"), max_length=150)
    start_wish = forms.CharField(label=_("Önskad start"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Beskrivning"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Skriv inget som kan peka ut personen: inga namn, skolor, diagnoser."),
        error_messages={"required": _("Skriv en beskrivning.")},
    )


def age_band_for(age: int) -> str:
    for band, low, high in (
        (AgeBand.AGE_0_6, 0, 6),
        (AgeBand.AGE_7_12, 7, 12),
        (AgeBand.AGE_13_17, 13, 17),
        (AgeBand.AGE_18_25, 18, 25),
        (AgeBand.AGE_26_64, 26, 64),
    ):
        if low <= age <= high:
            return band.value
    return AgeBand.AGE_65_PLUS.value
