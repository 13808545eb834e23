"""Form-level normalisers for Swedish contact details, with messages in plain Swedish."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _


def clean_postal_code(value: str) -> str:
    """`12345` or `123 45` → `123 45`."""
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{5}", digits):
        raise forms.ValidationError(_("Postnumret har fem siffror, till exempel 123 45."))
    return f"{digits[:3]} {digits[3:]}"


def clean_phone(value: str) -> str:
    phone = value.strip()
    if not re.fullmatch(r"[+\d][\d\s-]{5,}", phone) or len(re.sub(r"\D", "", phone)) < 7:
        raise forms.ValidationError(
            _("Skriv telefonnumret med siffror, till exempel 070-123 45 67.")
        )
    return phone
