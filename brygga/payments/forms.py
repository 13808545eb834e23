from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_ERRORS = {"invalid": _("Ange datum som ÅÅÅÅ-MM-DD.")}


class DateInput(forms.DateInput):
    input_type = "date"


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Datum"), required=False, widget=DateInput, error_messages=DATE_ERRORS
    )
    hours = forms.DecimalField(
        label=_("Timmar"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=24,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "invalid": _("Ange timmar som ett tal, till exempel 2,5."),
            "max_value": _("Högst 24 timmar en dag."),
            "min_value": _("Timmarna kan inte vara negativa."),
        },
    )

    def __init__(
        self, *args: Any, period: tuple[datetime.date, datetime.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, hours = data.get("date"), data.get("hours")
        if day and hours is None and "hours" not in self.errors:
            self.add_error("hours", _("Ange hur många timmar."))
        if hours and not day and "date" not in self.errors:
            self.add_error("date", _("Ange datum för träffen."))
        if day and not (self.period[0] <= day <= self.period[1]):
            self.add_error("date", _("Datumet ligger utanför perioden."))
        return data


class StayForm(forms.Form):
    arrival = forms.DateField(
        label=_("Ankomst"), required=False, widget=DateInput, error_messages=DATE_ERRORS
    )
    departure = forms.DateField(
        label=_("Avresa"), required=False, widget=DateInput, error_messages=DATE_ERRORS
    )

    def __init__(
        self, *args: Any, period: tuple[datetime.date, datetime.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        arrival, departure = data.get("arrival"), data.get("departure")
        if arrival and not departure and "departure" not in self.errors:
            self.add_error("departure", _("Ange avresedag."))
        if departure and not arrival and "arrival" not in self.errors:
            self.add_error("arrival", _("Ange ankomstdag."))
        if arrival and departure and departure <= arrival:
            self.add_error("departure", _("Avresan måste vara efter ankomsten."))
        if arrival and not (self.period[0] <= arrival <= self.period[1]):
            self.add_error("arrival", _("Ankomsten ligger utanför perioden."))
        return data


class BaseRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(
        self, *args: Any, period: tuple[datetime.date, datetime.date], **kwargs: Any
    ) -> None:
        self.period = period
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"period": self.period}


MeetingFormSet = forms.formset_factory(MeetingForm, formset=BaseRowFormSet, extra=2, max_num=62)
StayFormSet = forms.formset_factory(StayForm, formset=BaseRowFormSet, extra=1, max_num=31)


class ReportForm(forms.Form):
    kilometres = forms.DecimalField(
        label=_("Kilometer med egen bil"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
        help_text=_("Resor i uppdraget, sammanlagt för perioden."),
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Ange kilometer som ett tal."),
            "min_value": _("Kilometer kan inte vara negativa."),
        },
    )
    note = forms.CharField(
        label=_("Något mer handläggaren behöver veta?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExpenseForm(forms.Form):
    spent_on = forms.DateField(
        label=_("Datum för utlägget"),
        widget=DateInput,
        error_messages={"required": _("Ange datum."), **DATE_ERRORS},
    )
    description = forms.CharField(
        label=_("Vad gällde utlägget?"),
        max_length=200,
        error_messages={"required": _("Skriv vad utlägget gällde.")},
    )
    amount = forms.DecimalField(
        label=_("Belopp i kronor"),
        min_value=0.01,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        error_messages={
            "required": _("Ange beloppet."),
            "invalid": _("Ange beloppet som ett tal, till exempel 125,50."),
            "min_value": _("Beloppet måste vara större än noll."),
        },
    )
    receipt = forms.FileField(
        label=_("Kvitto"),
        help_text=_("Foto eller PDF, högst 10 MB."),
        error_messages={"required": _("Ladda upp kvittot.")},
    )

    def __init__(
        self, *args: Any, period: tuple[datetime.date, datetime.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_spent_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["spent_on"]
        if not (self.period[0] <= day <= self.period[1]):
            raise forms.ValidationError(_("Datumet ligger utanför perioden."))
        return day


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad behöver rättas?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv vad uppdragstagaren behöver rätta.")},
    )


class RunForm(forms.Form):
    month = forms.DateField(
        label=_("Månad"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"required": _("Välj månad."), "invalid": _("Ange månad som ÅÅÅÅ-MM.")},
    )


class AdjustmentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Belopp att lägga till (minus för avdrag)"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Ange beloppet."),
            "invalid": _("Ange beloppet som ett tal."),
        },
    )
    reason = forms.CharField(
        label=_("Skäl"), max_length=300, error_messages={"required": _("Skriv skälet.")}
    )
