from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
