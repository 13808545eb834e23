from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class DryRunForm(forms.Form):
    """The day to try retention on: today, or a later day to see what is coming."""

    as_of = forms.DateField(label=_("Gallringsdatum"), widget=DateInput)


class RunForm(forms.Form):
    """Retention for real runs only as of today; the confirmation guards against a slip."""

    confirm = forms.BooleanField(
        label=_("Jag har granskat provkörningen och vill gallra nu"),
        error_messages={"required": _("Bekräfta att du har granskat provkörningen.")},
    )
