"""Forms for the oversight pages. They parse and show errors; the services validate."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Unit

from .constants import PartialClosedReason


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={
            "required": _("Skriv ett datum."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )


class RegisterDateForm(forms.Form):
    datum = _date_field(_("Registret på dagen"), required=False)


class PartialForm(forms.Form):
    since = _date_field(
        _("Delvis verkställt från och med"),
        help_text=_("Startdatumet om insatsen aldrig getts i sin helhet."),
    )
    not_implemented = forms.CharField(
        label=_("Det som inte verkställts"),
        max_length=300,
        help_text=_("Till exempel: 2 av 4 beviljade träffar per månad."),
        error_messages={"required": _("Skriv vad som inte verkställts.")},
    )


class PartialCloseForm(forms.Form):
    closed_on = _date_field(_("Avslutat den"))
    reason = forms.ChoiceField(
        label=_("Anledning"),
        choices=PartialClosedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj varför posten avslutas.")},
    )


class EntryNoteForm(forms.Form):
    entry_key = forms.CharField(widget=forms.HiddenInput, max_length=120)
    delay_reason = forms.CharField(
        label=_("Skäl till dröjsmålet"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consequences = forms.CharField(
        label=_("Konsekvenser för den enskilde"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    interim_support = forms.CharField(
        label=_("Stöd i väntan på insatsen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class StatisticsFilterForm(forms.Form):
    enhet = forms.ModelChoiceField(
        label=_("Enhet"), queryset=Unit.objects.none(), required=False, empty_label=_("Alla")
    )
    fran = forms.DateField(
        label=_("Från och med månad"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m"],
        error_messages={"invalid": _("Skriv månaden som ÅÅÅÅ-MM.")},
    )
    till = forms.DateField(
        label=_("Till och med månad"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m"],
        error_messages={"invalid": _("Skriv månaden som ÅÅÅÅ-MM.")},
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("fran")
        end: date | None = data.get("till")
        if start and end and start > end:
            self.add_error("till", _("Slutmånaden kan inte vara före startmånaden."))
        return data
