from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.catalogue.selectors import assignment_type_list, target_group_list
from brygga.core.widgets import ListSelect

from .constants import CarerOrdering, CarerStatus, TrainingKind
from .models import TrainingSession
from .selectors import CarerFilters

YES_NO = [("", _("Alla")), ("ja", _("Ja")), ("nej", _("Nej"))]


class CarerFilterForm(forms.Form):
    """The pool search as a GET form; short Swedish parameter names in the URL."""

    typ = forms.ModelChoiceField(
        label=_("Uppdragstyp"),
        queryset=AssignmentType.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Alla"),
        widget=ListSelect,
    )
    malgrupp = forms.ModelChoiceField(
        label=_("Målgrupp"),
        queryset=TargetGroup.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Alla"),
        widget=ListSelect,
    )
    omrade = forms.CharField(
        label=_("Område"),
        required=False,
        max_length=100,
        help_text=_("Ort, stadsdel eller början av postnumret"),
    )
    sprak = forms.CharField(label=_("Språk"), required=False, max_length=50)
    bil = forms.ChoiceField(label=_("Har bil"), choices=YES_NO, required=False, widget=ListSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alla utom avregistrerade")), *CarerStatus.choices],
        required=False,
        widget=ListSelect,
    )
    upphor = forms.BooleanField(label=_("Bara de där något upphör snart"), required=False)
    ordning = forms.ChoiceField(
        label=_("Sortera efter"), choices=CarerOrdering.choices, required=False, widget=ListSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["typ"].queryset = assignment_type_list()  # type: ignore[attr-defined]
        self.fields["malgrupp"].queryset = target_group_list()  # type: ignore[attr-defined]

    def to_filters(self, *, expiry_days: int) -> CarerFilters:
        data = self.cleaned_data if self.is_valid() else {}
        car = data.get("bil", "")
        return CarerFilters(
            assignment_type=data["typ"].code if data.get("typ") else "",
            target_group=data["malgrupp"].code if data.get("malgrupp") else "",
            area=data.get("omrade", ""),
            language=data.get("sprak", ""),
            has_car=True if car == "ja" else False if car == "nej" else None,
            status=data.get("status", ""),
            expiring=bool(data.get("upphor")),
            expiry_days=expiry_days,
            ordering=data.get("ordning") or CarerOrdering.NAME,
        )


class StatusReasonForm(forms.Form):
    reason = forms.CharField(label=_("Anledning till paus"), max_length=300, required=False)


class DeregisterForm(forms.Form):
    reason = forms.CharField(
        label=_("Anledning till avregistrering"),
        max_length=300,
        error_messages={"required": _("Skriv varför uppdragstagaren avregistreras.")},
    )


class TrainingSessionForm(forms.ModelForm[TrainingSession]):
    starts_at = forms.DateTimeField(
        label=_("Börjar"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Slutar"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    kind = forms.ChoiceField(
        label=_("Typ av utbildning"), choices=TrainingKind.choices, widget=forms.RadioSelect
    )
    link_url = forms.URLField(
        label=_("Länk till digitalt möte"), required=False, assume_scheme="https"
    )
    assignment_types = forms.ModelMultipleChoiceField(
        label=_("För uppdragstyper"),
        queryset=AssignmentType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lämna tomt om utbildningen gäller alla."),
    )

    class Meta:
        model = TrainingSession
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "link_url",
            "capacity",
            "assignment_types",
            "description",
            "published",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment_types"].queryset = assignment_type_list()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Utbildningen måste sluta efter att den börjar."))
        if not (data.get("location") or data.get("link_url")):
            self.add_error("location", _("Skriv var utbildningen hålls eller en länk till mötet."))
        return data

    def _post_clean(self) -> None:
        # The service writes; the model's own validation is not needed here.
        pass
