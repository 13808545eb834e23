from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .constants import UserKind
from .models import User


class StaffLoginForm(forms.Form):
    username = forms.EmailField(
        label=_("E-postadress"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Fel e-postadress eller lösenord. Kontrollera stavningen och försök igen."
        ),
        "not_staff": _("Det här kontot kan inte logga in här. Använd Mina sidor."),
    }

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        username = cleaned.get("username")
        password = cleaned.get("password")
        if username and password:
            user = authenticate(self.request, username=username.lower(), password=password)
            if user is None:
                raise forms.ValidationError(self.error_messages["invalid_login"])
            if getattr(user, "kind", None) != "staff":
                raise forms.ValidationError(self.error_messages["not_staff"])
            self.user = user
        return cleaned


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Engångskod"),
        help_text=_("Sex siffror från appen, eller en av dina reservkoder."),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        # People type codes with spaces, and recovery codes in capitals.
        code = "".join(self.cleaned_data["code"].split()).lower()
        if not code:
            raise forms.ValidationError(_("Skriv koden."))
        return code


class TotpConfirmForm(forms.Form):
    code = forms.RegexField(
        label=_("Kod från appen"),
        regex=r"^\s*\d{3}\s*\d{3}\s*$",
        error_messages={"invalid": _("Koden är sex siffror, till exempel 123 456.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class LoginLinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-postadress"),
        help_text=_("Samma adress som du angav i din intresseanmälan."),
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv e-postadressen i formatet namn@exempel.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök namn eller e-post"), required=False)
    kind = forms.ChoiceField(
        label=_("Typ av konto"),
        required=False,
        choices=[("", _("Alla")), *UserKind.choices],
    )
