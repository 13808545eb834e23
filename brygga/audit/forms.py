from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .constants import AuditEventType


class DateInput(forms.DateInput):
    input_type = "date"


class AuditLogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Utförd av"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Alla användare"),
    )
    person = forms.CharField(
        label=_("Person (referens)"),
        required=False,
        help_text=_("Fylls i när du kommer från en persons sida."),
    )
    event_type = forms.MultipleChoiceField(
        label=_("Händelser"),
        choices=AuditEventType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date_from = forms.DateField(label=_("Från och med"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Till och med"), required=False, widget=DateInput)
    unusual = forms.BooleanField(
        label=_("Bara läsningar utanför egen enhet eller av skyddade personuppgifter"),
        required=False,
    )

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(organisation__pk=organisation_id or 0, kind="staff")
            .order_by("last_name", "first_name")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return cleaned


class ReadSummaryForm(forms.Form):
    """The period of a read summary; both ends are needed, at most a year apart."""

    date_from = forms.DateField(label=_("Från och med"), widget=DateInput)
    date_to = forms.DateField(label=_("Till och med"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        elif start and end and (end - start).days > 366:
            self.add_error("date_to", _("Välj en period på högst ett år."))
        return cleaned
