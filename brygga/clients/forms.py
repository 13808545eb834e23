"""Forms for the client pages. They parse and show errors; the services validate and write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Unit, User
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.catalogue.selectors import assignment_type_list, target_group_list
from brygga.core.widgets import ListSelect, show_values

from .constants import CarerGenderWish, Consent, DecisionStatus, FollowUpOutcome, ScopeUnit
from .models import LegalBasis
from .selectors import ClientFilters, DecisionFilters, legal_basis_list


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={
            "required": _("Skriv ett datum."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )


def _unit_choices(user: User) -> QuerySet[Unit]:
    if user.has_perm("clients.view_all_units"):
        return Unit.objects.filter(organisation=user.organisation).order_by("name")
    return user.units.filter(organisation=user.organisation).order_by("name")


def _officer_choices(user: User) -> QuerySet[User]:
    return User.objects.filter(
        organisation=user.organisation, kind="staff", is_active=True
    ).order_by("last_name", "first_name")


class OfficerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class WorklistFilterForm(forms.Form):
    """The worklist filters as a GET form; short Swedish parameter names in the URL."""

    mina = forms.BooleanField(label=_("Bara mina klienter"), required=False)
    enhet = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Alla"),
        widget=ListSelect,
    )
    typ = forms.ModelChoiceField(
        label=_("Insats"),
        queryset=AssignmentType.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Alla"),
        widget=ListSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Ej verkställda och pågående")), *DecisionStatus.choices],
        required=False,
        widget=ListSelect,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = _unit_choices(user)  # type: ignore[attr-defined]
        self.fields["typ"].queryset = assignment_type_list()  # type: ignore[attr-defined]
        show_values(self.fields["enhet"], "name")  # type: ignore[arg-type]  # up to ~300 units

    def to_filters(self) -> DecisionFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DecisionFilters(
            mine=bool(data.get("mina")),
            unit=str(data["enhet"].pk) if data.get("enhet") else "",
            assignment_type=data["typ"].code if data.get("typ") else "",
            status=data.get("status", ""),
        )


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Namn eller nummer"), required=False, max_length=100)
    mina = forms.BooleanField(label=_("Bara mina klienter"), required=False)

    def to_filters(self) -> ClientFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ClientFilters(search=data.get("q", ""), mine=bool(data.get("mina")))


class LanguagesField(forms.CharField):
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value


class ClientForm(forms.Form):
    """Register or change a client. `contact_hidden` drops the contact fields for a user who
    may not see a protected client's contact details."""

    identifier = forms.CharField(
        label=_("Personnummer, samordningsnummer eller reservnummer"),
        max_length=20,
        help_text=_(
            "ÅÅÅÅMMDD-NNNN, eller ÅÅÅÅMMDD-T123 / ÅÅÅÅMMDD-TF10 för den som saknar personnummer."
        ),
        error_messages={"required": _("Skriv personnummer, samordningsnummer eller reservnummer.")},
    )
    first_name = forms.CharField(
        label=_("Förnamn"), max_length=100, error_messages={"required": _("Skriv förnamnet.")}
    )
    last_name = forms.CharField(
        label=_("Efternamn"), max_length=100, error_messages={"required": _("Skriv efternamnet.")}
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Välj enhet.")},
    )
    responsible_officer = OfficerChoiceField(
        label=_("Ansvarig handläggare"), queryset=User.objects.none(), required=False
    )
    protected_identity = forms.BooleanField(
        label=_("Skyddade personuppgifter"),
        required=False,
        help_text=_(
            "Adress och kontaktuppgifter visas då bara för den som har särskild behörighet."
        ),
    )
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=10, required=False)
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    area = forms.CharField(
        label=_("Område"), max_length=100, required=False, help_text=_("Stadsdel eller kommundel")
    )
    interests = forms.CharField(
        label=_("Intressen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = LanguagesField(
        label=_("Språk"), required=False, help_text=_("Skilj språken åt med kommatecken.")
    )
    carer_gender_wish = forms.ChoiceField(
        label=_("Önskat kön på uppdragstagaren"), choices=CarerGenderWish.choices, required=False
    )
    carer_age_min = forms.IntegerField(
        label=_("Önskad ålder på uppdragstagaren från"), min_value=18, max_value=99, required=False
    )
    carer_age_max = forms.IntegerField(
        label=_("Önskad ålder på uppdragstagaren till"), min_value=18, max_value=99, required=False
    )
    matching_notes = forms.CharField(
        label=_("Att tänka på vid matchning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    CONTACT_FIELDS = ("street_address", "postal_code", "city", "phone", "area")

    def __init__(self, *args: Any, user: User, contact_hidden: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _unit_choices(user)  # type: ignore[attr-defined]
        self.fields["responsible_officer"].queryset = _officer_choices(user)  # type: ignore[attr-defined]
        self.contact_hidden = contact_hidden
        if contact_hidden:
            for name in self.CONTACT_FIELDS:
                del self.fields[name]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("identifier", "unit", "responsible_officer"):
            data.pop(name, None)
        return data


class GuardianForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        error_messages={"required": _("Skriv vårdnadshavarens namn.")},
    )
    relation = forms.CharField(
        label=_("Relation till klienten"),
        max_length=100,
        help_text=_("Till exempel mamma, pappa eller särskilt förordnad vårdnadshavare"),
        error_messages={"required": _("Skriv relationen till klienten, till exempel mamma.")},
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        error_messages={"invalid": _("Skriv en e-postadress som namn@exempel.se.")},
    )
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=10, required=False)
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)

    def __init__(self, *args: Any, contact_hidden: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contact_hidden:
            for name in ("phone", "email", "street_address", "postal_code", "city"):
                del self.fields[name]


class LegalBasisChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        basis: LegalBasis = obj
        until = f" t.o.m. {basis.valid_to.isoformat()}" if basis.valid_to else ""
        return f"{basis.citation} – {basis.label} (från {basis.valid_from.isoformat()}{until})"


class DecisionForm(forms.Form):
    """Register or change a decision. The legal basis must be in force on the decision date;
    the service checks it and the message is shown next to the field."""

    decision_date = _date_field(_("Beslutsdatum"))
    assignment_type = forms.ModelChoiceField(
        label=_("Insats"),
        queryset=AssignmentType.objects.none(),
        to_field_name="code",
        error_messages={"required": _("Välj insats.")},
    )
    target_group = forms.ModelChoiceField(
        label=_("Målgrupp"),
        queryset=TargetGroup.objects.none(),
        to_field_name="code",
        required=False,
    )
    legal_basis = LegalBasisChoiceField(
        label=_("Lagrum"),
        queryset=LegalBasis.objects.none(),
        to_field_name="code",
        help_text=_("Välj ett lagrum som gällde på beslutsdatumet."),
        error_messages={"required": _("Välj lagrum.")},
    )
    scope_quantity = forms.DecimalField(
        label=_("Omfattning"),
        max_digits=6,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Skriv omfattningen som ett tal."),
            "invalid": _("Skriv omfattningen som ett tal."),
        },
    )
    scope_unit = forms.ChoiceField(
        label=_("Per"),
        choices=[("", _("Välj")), *ScopeUnit.choices],
        error_messages={"required": _("Välj enhet för omfattningen.")},
    )
    period_from = _date_field(_("Gäller från och med"))
    period_to = _date_field(
        _("Gäller till och med"),
        required=False,
        help_text=_("Lämna tomt om beslutet gäller tills vidare."),
    )
    goals = forms.CharField(
        label=_("Mål och syfte"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    consent = forms.ChoiceField(
        label=_("Samtycke"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vems samtycke beslutet bygger på.")},
    )
    consent_recorded_on = _date_field(_("Samtycket dokumenterat"), required=False)
    decided_by = OfficerChoiceField(
        label=_("Beslutsfattare"), queryset=User.objects.none(), required=False
    )
    decided_by_title = forms.CharField(
        label=_("Beslutsfattarens titel eller delegationspunkt"), max_length=200, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment_type"].queryset = assignment_type_list()  # type: ignore[attr-defined]
        self.fields["target_group"].queryset = target_group_list()  # type: ignore[attr-defined]
        self.fields["legal_basis"].queryset = legal_basis_list()  # type: ignore[attr-defined]
        self.fields["decided_by"].queryset = _officer_choices(user)  # type: ignore[attr-defined]


class ImplementationPlanForm(forms.Form):
    goals = forms.CharField(
        label=_("Mål och delmål"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv målen för insatsen.")},
    )
    activities = forms.CharField(
        label=_("Planerade aktiviteter"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    client_wishes = forms.CharField(
        label=_("Den enskildes egna önskemål"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    follow_up_interval_months = forms.IntegerField(
        label=_("Uppföljning var (månader)"),
        min_value=1,
        max_value=24,
        error_messages={
            "required": _("Välj ett antal månader mellan 1 och 24."),
            "min_value": _("Välj ett antal månader mellan 1 och 24."),
            "max_value": _("Välj ett antal månader mellan 1 och 24."),
            "invalid": _("Välj ett antal månader mellan 1 och 24."),
        },
    )
    next_follow_up_on = _date_field(
        _("Nästa uppföljning"),
        required=False,
        help_text=_("Lämna tomt så räknas datumet ut från intervallet."),
    )


class FollowUpForm(forms.Form):
    held_on = _date_field(_("Datum för uppföljningen"))
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj resultatet av uppföljningen.")},
    )
    notes = forms.CharField(
        label=_("Anteckningar"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"held_on": date.today()})  # noqa: DTZ011 - a calendar date
        super().__init__(*args, **kwargs)
