"""Forms for the compensation pages: the estimate, an own rate (override) and the settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.models import AssignmentType

from .constants import QUOTE_TYPES, Law, Level
from .inputs import FIELDS, stays_from_text
from .models import CompensationSettings, Rate

TYPE_LABELS = {
    "kontaktperson": _("Kontaktperson (per månad)"),
    "kontaktfamilj": _("Kontaktfamilj (per dygn)"),
    "stodfamilj": _("Stödfamilj (per dygn)"),
    "ledsagare": _("Ledsagare (per timme)"),
    "avlosare": _("Avlösare (per timme)"),
    "umgangesstod": _("Umgängesstöd (per timme)"),
    "skkp": _("Särskilt kvalificerad kontaktperson (per timme)"),
}
FEE_LEVELS = [
    ("", _("Standard (kategori 1 eller grund)")),
    *[
        (code, label)
        for code, label in Level.choices
        if code.startswith(("kategori", "grund", "hojd"))
    ],
]
EXPENSE_LEVELS = [
    # xgettext:no-python-format
    ("", _("Standard (10 % eller grund)")),
    *[
        (code, label)
        for code, label in Level.choices
        if code in ("10", "25", "40", "grund", "tillagg")
    ],
]


def _text(label: Any, help_text: Any = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class EstimateForm(forms.Form):
    """The quote's inputs as text; `inputs.parse_quote_input` gives the messages per field."""

    type = forms.ChoiceField(
        label=_("Uppdragstyp"), choices=[(code, TYPE_LABELS[code]) for code in QUOTE_TYPES]
    )
    law = forms.ChoiceField(label=_("Lag"), choices=Law.choices)
    month = _text(
        _("Månad"),
        _("ÅÅÅÅ-MM, för kontaktperson. Tomt: denna månad."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    fee_level = forms.ChoiceField(label=_("Arvodesnivå"), choices=FEE_LEVELS, required=False)
    fee_percent = _text(
        _("Överenskommet arvode (% av prisbasbeloppet)"),
        _("Kontaktperson: inom kategorins intervall."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    expense_level = forms.ChoiceField(
        label=_("Omkostnadsnivå"), choices=EXPENSE_LEVELS, required=False
    )
    expense_percent = _text(
        _("Överenskommen omkostnad (% av prisbasbeloppet)"),
        _("Kontaktperson: högst den högsta nivån."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    birth_date = _text(
        _("Klientens födelsedatum"),
        _("Kontaktfamilj och stödfamilj: åldersgruppen avgör nivån varje dag."),
        widget=DateInput(),
    )
    stays = _text(
        _("Vistelser"),
        _("En per rad som ankomst/avresa, till exempel 2026-03-13/2026-03-15."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours = _text(
        _("Timmar"),
        _("Ledsagare, avlösare, umgängesstöd och SKKP."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    hours_date = _text(
        _("Datum för timmarna"), _("Avgör vilket års timersättning."), widget=DateInput()
    )
    kilometres = _text(
        _("Kilometer med egen bil"), widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    carer_birth_date = _text(
        _("Uppdragstagarens födelsedatum"),
        _("Avgör arbetsgivaravgiften. Tomt: full avgift."),
        widget=DateInput(),
    )
    fee_paid_this_year = _text(
        _("Arvode utbetalt tidigare i år (kr)"),
        _("Under 1 000 kr per år betalas inga arbetsgivaravgifter."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def quote_data(self) -> dict[str, Any]:
        """The submitted text per input name (stays as a list), for the shared parser."""
        data = {name: self.data.get(name, "") for name in FIELDS}
        data["stays"] = stays_from_text(str(data.get("stays") or ""))
        return data

    def add_quote_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class RateOverrideForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Rate
        fields = [
            "assignment_type",
            "law",
            "component",
            "band",
            "level",
            "basis",
            "value",
            "range_min",
            "range_max",
            "rounding",
            "valid_from",
            "valid_to",
            "status",
            "source",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment_type"].queryset = AssignmentType.objects.filter(  # type: ignore[attr-defined]
            code__in=QUOTE_TYPES
        )
        for name in ("valid_from", "valid_to"):
            self.fields[name].error_messages["invalid"] = _("Skriv datumet som ÅÅÅÅ-MM-DD.")


class CompensationSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CompensationSettings
        fields = ["double_half_arrival_day", "eves_are_holidays", "friday_arrival_fraction"]
