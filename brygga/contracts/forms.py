from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.constants import CompensationModel
from brygga.compensation.constants import PER_DAY_EXPENSE_LEVELS, PER_DAY_FEE_LEVELS

from .constants import ReportingFrequency


class DateInput(forms.DateInput):
    input_type = "date"


class ContractVersionForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Gäller från"),
        widget=DateInput,
        error_messages={"required": _("Ange datum."), "invalid": _("Ange datum som ÅÅÅÅ-MM-DD.")},
    )
    fee_percent = forms.DecimalField(
        label=_("Arvode, procent av prisbasbeloppet per år"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Inom kategorins intervall. Tomt: kategori 1 enligt SKR."),
    )
    expense_percent = forms.DecimalField(
        label=_("Omkostnadsersättning, procent av prisbasbeloppet per år"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Till exempel 10, 25 eller 40. Tomt: 10 procent."),
    )
    fee_level = forms.ChoiceField(
        label=_("Arvodesnivå"), choices=[(level.value, level.label) for level in PER_DAY_FEE_LEVELS]
    )
    expense_level = forms.ChoiceField(
        label=_("Omkostnadsnivå"),
        choices=[(level.value, level.label) for level in PER_DAY_EXPENSE_LEVELS],
    )
    reporting_frequency = forms.ChoiceField(
        label=_("Redovisning"), choices=ReportingFrequency.choices
    )
    notice_months = forms.IntegerField(
        label=_("Uppsägningstid i månader"),
        min_value=1,
        max_value=12,
        initial=1,
        error_messages={"required": _("Ange uppsägningstiden.")},
    )
    change_note = forms.CharField(label=_("Vad har ändrats?"), max_length=300, required=False)

    def __init__(self, *args: Any, compensation_model: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if compensation_model != CompensationModel.MONTHLY:
            del self.fields["fee_percent"]
            del self.fields["expense_percent"]
        if compensation_model != CompensationModel.PER_DAY:
            del self.fields["fee_level"]
            del self.fields["expense_level"]


class AcceptForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Jag har läst avtalet och förbinder mig att hålla tystnadsplikt om det jag får veta "
            "i uppdraget, också när uppdraget har slutat."
        ),
        error_messages={"required": _("Kryssa i rutan för att acceptera avtalet.")},
    )
