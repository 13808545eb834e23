from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Unit
from brygga.catalogue.models import AssignmentType
from brygga.core.widgets import ListSelect, show_values

from .constants import CLOSED_STAGES, ApplicantStage

OPEN_STAGES = [(s.value, s.label) for s in ApplicantStage if s not in CLOSED_STAGES]


class WorklistFilterForm(forms.Form):
    stage = forms.MultipleChoiceField(
        label=_("Steg"), choices=OPEN_STAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    assignment_type = forms.ModelChoiceField(
        label=_("Uppdragstyp"),
        queryset=AssignmentType.objects.filter(active=True),
        to_field_name="code",
        required=False,
        empty_label=_("Alla typer"),
        widget=ListSelect,
    )
    officer = forms.ChoiceField(label=_("Ansvarig"), required=False, widget=ListSelect)
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Alla"),
        widget=ListSelect,
    )
    overdue = forms.BooleanField(label=_("Bara försenade"), required=False)

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = (
            get_user_model()
            .objects.filter(organisation__pk=organisation_id or 0, kind="staff", is_active=True)
            .filter(groups__permissions__codename="change_applicant")
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["officer"].choices = [  # type: ignore[attr-defined]
            ("", _("Alla")),
            ("me", _("Mina")),
            ("none", _("Ingen ansvarig")),
            *[(str(u.public_id), u.get_full_name() or u.email) for u in officers],
        ]
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            organisation__pk=organisation_id or 0
        ).order_by("name")
        show_values(self.fields["unit"], "name")  # type: ignore[arg-type]  # up to ~300 units


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Ansvarig kontaktsekreterare"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Ingen"),
        to_field_name="public_id",
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet"), queryset=Unit.objects.none(), required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(organisation__pk=organisation_id, kind="staff", is_active=True)
            .filter(groups__permissions__codename="change_applicant")
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            organisation__pk=organisation_id
        ).order_by("name")


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=ApplicantStage.choices)
    note = forms.CharField(label=_("Anteckning"), max_length=300, required=False)


class DateInput(forms.DateInput):
    input_type = "date"


class ProposeForm(forms.Form):
    """The recruitment officer's proposal: approve for these types and groups, or reject."""

    approvals = forms.MultipleChoiceField(
        label=_("Föreslå godkännande för"),
        help_text=_("Lämna tomt för att föreslå att ansökan inte godkänns."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(
        label=_("Godkännandet gäller till och med"),
        help_text=_("Lämna tomt om det gäller tills vidare."),
        required=False,
        widget=DateInput,
    )
    note = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={"required": _("Skriv en motivering till förslaget.")},
    )

    def __init__(self, *args: Any, combinations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approvals"].choices = combinations  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("approve", _("Godkänn enligt förslaget")), ("reject", _("Godkänn inte"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj beslut.")},
    )
    reason = forms.CharField(
        label=_("Skäl"),
        help_text=_("Krävs när ansökan inte godkänns. Skälet står i beslutsbrevet."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Skriv skälet till att ansökan inte godkänns."))
        return cleaned
