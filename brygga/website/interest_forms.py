"""The interest form (intresseanmälan), one topic per step (GOV.UK's pattern)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.applicants.constants import (
    CONSENT_KINDS,
    Availability,
    Commitment,
    Frequency,
    RegisterCheckKind,
)
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.personnummer import InvalidIdentityNumberError, parse_identity_number
from brygga.core.validators import clean_phone, clean_postal_code

MINIMUM_AGE = 18
REQUIRED_CONSENTS = [
    RegisterCheckKind.CRIMINAL_RECORD,
    RegisterCheckKind.SUSPICION_REGISTER,
    RegisterCheckKind.SOCIAL_SERVICES,
    RegisterCheckKind.ENFORCEMENT_AUTHORITY,
]
YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]

PNR_MESSAGES = {
    "format": _("Skriv personnumret med 12 siffror, till exempel 19850101-1234."),
    "checksum": _("Personnumret stämmer inte. Kontrollera att siffrorna är rätt."),
    "date": _("Personnumret innehåller ett datum som inte finns."),
    "future": _("Personnumret innehåller ett datum i framtiden."),
}


def required(message: Any) -> dict[str, Any]:
    return {"required": message}


class AssignmentChoiceForm(forms.Form):
    assignment_types = forms.ModelMultipleChoiceField(
        label=_("Vilka uppdrag är du intresserad av?"),
        help_text=_("Välj ett eller flera. Du kan läsa om varje uppdrag innan du väljer."),
        queryset=AssignmentType.objects.filter(active=True).order_by("order"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages=required(_("Välj minst ett uppdrag.")),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Vem vill du helst stödja?"),
        queryset=TargetGroup.objects.filter(active=True).order_by("order"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PersonForm(forms.Form):
    first_name = forms.CharField(
        label=_("Förnamn"),
        max_length=100,
        error_messages=required(_("Skriv ditt förnamn.")),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Efternamn"),
        max_length=100,
        error_messages=required(_("Skriv ditt efternamn.")),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    personal_identity_number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"),
        help_text=_(
            "12 siffror, till exempel 19850101-1234. Vi behöver det för registerkontrollerna."
        ),
        max_length=20,
        error_messages=required(_("Skriv ditt personnummer.")),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    street_address = forms.CharField(
        label=_("Gatuadress"),
        max_length=200,
        error_messages=required(_("Skriv din gatuadress.")),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postnummer"),
        max_length=10,
        error_messages=required(_("Skriv ditt postnummer.")),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("Ort"),
        max_length=100,
        error_messages=required(_("Skriv din ort.")),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    phone = forms.CharField(
        label=_("Telefonnummer"),
        help_text=_("Vi ringer dig inom ungefär två veckor."),
        max_length=40,
        error_messages=required(_("Skriv ditt telefonnummer.")),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Vi skickar en bekräftelse hit, och du loggar in på Mina sidor med den."),
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv e-postadressen i formatet namn@exempel.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_personal_identity_number(self) -> str:
        raw = self.cleaned_data["personal_identity_number"]
        try:
            number = parse_identity_number(raw)
        except InvalidIdentityNumberError as error:
            raise forms.ValidationError(PNR_MESSAGES[error.reason]) from error
        if number.age_on(date.today()) < MINIMUM_AGE:  # noqa: DTZ011
            raise forms.ValidationError(
                _("Du behöver vara minst %(age)s år för att bli uppdragstagare."),
                params={"age": MINIMUM_AGE},
            )
        return number.digits

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])


class AvailabilityForm(forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("När har du tid?"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=required(_("Välj minst ett alternativ.")),
    )
    frequency = forms.ChoiceField(
        label=_("Hur ofta kan du?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Välj hur ofta du kan.")),
    )
    commitment = forms.ChoiceField(
        label=_("Hur länge kan du ha ett uppdrag?"),
        help_text=_("Ett uppdrag pågår ofta i flera år. Det är viktigt för den du stödjer."),
        choices=Commitment.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Välj hur länge du kan.")),
    )


class HouseholdMemberForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=100, required=False)
    birth_year = forms.IntegerField(
        label=_("Födelseår"),
        required=False,
        min_value=1900,
        max_value=date.today().year,  # noqa: DTZ011
        error_messages={
            "min_value": _("Skriv ett födelseår med fyra siffror."),
            "max_value": _("Födelseåret kan inte vara i framtiden."),
            "invalid": _("Skriv ett födelseår med fyra siffror."),
        },
    )
    relation = forms.CharField(
        label=_("Relation till dig"),
        help_text=_("Till exempel sambo, barn eller förälder."),
        max_length=60,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = [cleaned.get(name) for name in ("first_name", "birth_year", "relation")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _("Fyll i förnamn, födelseår och relation för varje person, eller lämna raden tom.")
            )
        return cleaned


HouseholdFormSet = forms.formset_factory(HouseholdMemberForm, extra=0, max_num=8, min_num=4)


class ExperienceForm(forms.Form):
    occupation = forms.CharField(
        label=_("Vad arbetar eller studerar du med?"), max_length=200, required=False
    )
    experience = forms.CharField(
        label=_("Erfarenhet av barn, unga eller personer som behöver stöd"),
        help_text=_("Till exempel arbete, utbildning, ideellt engagemang eller egna barn."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    education = forms.CharField(
        label=_("Utbildning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    languages = forms.CharField(
        label=_("Vilka språk talar du?"),
        help_text=_("Till exempel svenska, arabiska, engelska."),
        max_length=200,
        error_messages=required(_("Skriv vilka språk du talar.")),
    )
    driving_licence = forms.ChoiceField(
        label=_("Har du körkort?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=required(_("Svara ja eller nej.")),
    )
    has_car = forms.ChoiceField(
        label=_("Har du tillgång till bil?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=required(_("Svara ja eller nej.")),
    )
    interests = forms.CharField(
        label=_("Intressen och fritid"),
        help_text=_("Det hjälper oss att hitta någon som passar dig."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    motivation = forms.CharField(
        label=_("Varför vill du göra en insats?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages=required(_("Berätta kort varför du vill bli uppdragstagare.")),
    )

    def __init__(self, *args: Any, requires_experience: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requires_experience = requires_experience
        if requires_experience:
            field = self.fields["experience"]
            field.required = True
            field.help_text = _(
                "Krävs för särskilt kvalificerad kontaktperson och umgängesstödjare: beskriv "
                "utbildning eller minst ett års erfarenhet av arbete med barn och unga."
            )
            field.error_messages["required"] = _("Beskriv din erfarenhet av barn och unga.")


class ReferencesForm(forms.Form):
    first_name = forms.CharField(
        label=_("Namn"), max_length=150, error_messages=required(_("Skriv referensens namn."))
    )
    first_relation = forms.CharField(
        label=_("Hur känner ni varandra?"),
        max_length=150,
        error_messages=required(_("Skriv hur ni känner varandra.")),
    )
    first_phone = forms.CharField(
        label=_("Telefonnummer"),
        max_length=40,
        error_messages=required(_("Skriv referensens telefonnummer.")),
    )
    second_name = forms.CharField(
        label=_("Namn"), max_length=150, error_messages=required(_("Skriv referensens namn."))
    )
    second_relation = forms.CharField(
        label=_("Hur känner ni varandra?"),
        max_length=150,
        error_messages=required(_("Skriv hur ni känner varandra.")),
    )
    second_phone = forms.CharField(
        label=_("Telefonnummer"),
        max_length=40,
        error_messages=required(_("Skriv referensens telefonnummer.")),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("first_phone"), cleaned.get("second_phone")
        if first and second and re.sub(r"\D", "", first) == re.sub(r"\D", "", second):
            self.add_error("second_phone", _("Ange två olika referenser."))
        return cleaned


class ConsentForm(forms.Form):
    consents = forms.MultipleChoiceField(
        label=_("Medgivande till registerkontroller"),
        help_text=_(
            "Vi kontrollerar alla som får uppdrag hos oss. Vi sparar aldrig själva utdragen, "
            "bara att vi har sett dem och vad kontrollen visade."
        ),
        choices=[(kind.value, kind.label) for kind in CONSENT_KINDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages=required(_("Kryssa i de kontroller du ger ditt medgivande till.")),
    )
    privacy_notice_acknowledged = forms.BooleanField(
        label=_("Jag har läst hur mina personuppgifter behandlas."),
        error_messages=required(_("Bekräfta att du har läst informationen om personuppgifter.")),
    )

    def clean_consents(self) -> list[str]:
        consents: list[str] = self.cleaned_data["consents"]
        missing = [kind.label for kind in REQUIRED_CONSENTS if kind.value not in consents]
        if missing:
            raise forms.ValidationError(
                _("Vi behöver ditt medgivande till %(missing)s för att kunna utreda dig."),
                params={"missing": ", ".join(str(m) for m in missing)},
            )
        return consents
