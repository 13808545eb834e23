from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.accounts.api_scopes import SCOPE_CHOICES
from brygga.accounts.models import Unit
from brygga.core.uploads import MAX_UPLOAD_BYTES

from .constants import ImportKind
from .importing import COLUMNS


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Integration"),
        max_length=100,
        help_text=_("Vilket system nyckeln är till, till exempel Lönesystemet."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Behörigheter"), choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    all_units = forms.BooleanField(label=_("Alla enheter i organisationen"), required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Enheter"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nyckeln når bara klienter i de här enheterna."),
    )
    expires_on = forms.DateField(
        label=_("Gäller till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = self.fields["units"]
        assert isinstance(units, forms.ModelMultipleChoiceField)  # noqa: S101
        units.queryset = Unit.objects.filter(organisation=organisation).order_by("name")


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad vill du importera?"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Fil"), help_text=_("CSV (semikolon eller komma) eller Excel (XLSX), högst 10 MB.")
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet för nya klienter"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Behövs när du importerar klienter."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)  # noqa: S101
        unit.queryset = Unit.objects.filter(organisation=organisation).order_by("name")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är för stor. Den får vara högst 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == ImportKind.CLIENTS and not cleaned.get("unit"):
            self.add_error("unit", _("Välj enhet för de nya klienterna."))
        return cleaned


class ImportMappingForm(forms.Form):
    """One select per column Brygga reads: which of the file's columns holds it."""

    def __init__(self, *args: Any, run: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(ingen kolumn)"))] + [
            (str(index), header or _("Kolumn %(n)s") % {"n": index + 1})
            for index, header in enumerate(run.headers)
        ]
        for column in COLUMNS[run.kind]:
            current = run.mapping.get(column.key)
            self.fields[column.key] = forms.ChoiceField(
                label=str(column.header),
                choices=choices,
                required=column.required,
                initial="" if current is None else str(current),
                error_messages={"required": _("Välj vilken kolumn som innehåller det här.")},
            )

    def mapping(self) -> dict[str, int | None]:
        return {
            key: (int(value) if value not in ("", None) else None)
            for key, value in self.cleaned_data.items()
        }
