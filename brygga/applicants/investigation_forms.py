"""Forms for the investigation pages and the recruitment configuration. They parse; the
services in `investigation_services` decide, and their objections are shown on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.models import AssignmentType, TargetGroup

from .constants import EXTRACT_KINDS, CheckOutcome, MeetingKind, RegisterCheckKind
from .models import Applicant, EligibilityRule
from .rules import Question, adult_household_members, member_label

DATE_ERRORS = {
    "required": _("Skriv ett datum."),
    "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
}


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _notes_field(label: Any, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Skriv anteckningar.")},
    )


APPLICANT = "applicant"


class RegisterCheckRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Register"),
        choices=RegisterCheckKind.choices,
        error_messages={"required": _("Välj ett register.")},
    )
    person = forms.ChoiceField(label=_("Gäller"))
    requested_on = _date_field(_("Begärd"))

    def __init__(self, *args: Any, applicant: Applicant, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("requested_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.applicant = applicant
        today = timezone.localdate()
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (APPLICANT, _("%(name)s (sökande)") % {"name": applicant.full_name}),
            *[(str(m.pk), member_label(m)) for m in adult_household_members(applicant, today)],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = data.get("person")
        data["household_member"] = (
            None
            if person in (None, APPLICANT)
            else next(
                (m for m in self.applicant.household_members.all() if str(m.pk) == person), None
            )
        )
        return data


class RegisterCheckRecordForm(forms.Form):
    answered_on = _date_field(_("Svar"), help_text=_("Dagen svaret kom eller utdraget visades."))
    extract_date = _date_field(
        _("Utdragets datum"),
        required=False,
        help_text=_("Datumet som står på utdraget. Utdraget sparas inte."),
    )
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        choices=[c for c in CheckOutcome.choices if c[0] != CheckOutcome.PENDING],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad kontrollen visade.")},
    )
    assessment = forms.CharField(
        label=_("Bedömning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Krävs vid förekomst: vad den gäller och varför den är eller inte är ett hinder."
        ),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("answered_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if kind not in EXTRACT_KINDS:
            del self.fields["extract_date"]


class ReferenceAddForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=150, error_messages={"required": _("Skriv referensens namn.")}
    )
    relation = forms.CharField(label=_("Relation till den sökande"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        error_messages={"required": _("Skriv ett telefonnummer.")},
    )


class ReferenceContactForm(forms.Form):
    contacted_on = _date_field(_("Kontaktad"))
    notes = _notes_field(_("Vad berättade referensen?"), rows=6)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("contacted_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class MeetingBookForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ av möte"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vilken sorts möte det är.")},
    )
    booked_for = forms.DateTimeField(
        label=_("Datum och tid"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Skriv datum och tid."),
            "invalid": _("Skriv datum och tid som ÅÅÅÅ-MM-DD TT:MM."),
        },
    )
    participants = forms.CharField(
        label=_("Deltagare"),
        max_length=300,
        required=False,
        help_text=_("Till exempel handläggare och vilka i hushållet som är med."),
    )


class MeetingRecordForm(forms.Form):
    held_on = _date_field(_("Genomfört"))
    notes = _notes_field(_("Anteckningar"), rows=8)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)


def question_field_name(question: Question) -> str:
    return f"q_{question.key}"


class AssessmentForm(forms.Form):
    """The rule's questions for one assignment type, then experience and a summary."""

    def __init__(self, *args: Any, questions: tuple[Question, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field: forms.Field
            if question.kind == "number":
                field = forms.DecimalField(
                    label=question.label,
                    required=False,
                    min_value=0,
                    max_value=80,
                    decimal_places=1,
                    error_messages={"invalid": _("Skriv ett tal, till exempel 2 eller 1,5.")},
                )
            elif question.kind == "yes_no":
                field = forms.ChoiceField(
                    label=question.label,
                    required=False,
                    choices=[("yes", _("Ja")), ("no", _("Nej"))],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=question.label,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[question_field_name(question)] = field
        self.fields["experience_documented"] = forms.BooleanField(
            label=_("Erfarenhet eller utbildning är dokumenterad"),
            required=False,
            help_text=_("Till exempel intyg, betyg eller arbetsgivarintyg som du har sett."),
        )
        self.fields["summary"] = forms.CharField(
            label=_("Sammanfattande bedömning"),
            required=False,
            max_length=10000,
            widget=forms.Textarea(attrs={"rows": 5}),
        )

    def answers(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if value in (None, ""):
                continue
            result[question.key] = float(value) if question.kind == "number" else value
        return result


class EligibilityRuleForm(forms.Form):
    assignment_type = forms.ModelChoiceField(
        label=_("Uppdragstyp"),
        queryset=AssignmentType.objects.filter(active=True),
        error_messages={"required": _("Välj en uppdragstyp.")},
    )
    target_group = forms.ModelChoiceField(
        label=_("Målgrupp"),
        queryset=TargetGroup.objects.filter(active=True),
        required=False,
        empty_label=_("Alla målgrupper"),
        help_text=_("Krav för en målgrupp gäller före kraven för hela uppdragstypen."),
    )
    minimum_age = forms.IntegerField(
        label=_("Lägsta ålder"),
        min_value=16,
        max_value=99,
        error_messages={"required": _("Skriv en ålder."), "invalid": _("Skriv en ålder i år.")},
    )
    required_checks = forms.MultipleChoiceField(
        label=_("Krävda registerkontroller"),
        choices=RegisterCheckKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en registerkontroll.")},
    )
    extract_max_age_days = forms.IntegerField(
        label=_("Högsta ålder på utdrag (dagar)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("365 för arbete med barn (lag 2013:852 och lag 2010:479)."),
    )
    minimum_references = forms.IntegerField(label=_("Antal referenser"), min_value=0, max_value=10)
    requires_interview = forms.BooleanField(label=_("Kräver utredningssamtal"), required=False)
    requires_home_visit = forms.BooleanField(label=_("Kräver hembesök"), required=False)
    requires_experience = forms.BooleanField(
        label=_("Kräver dokumenterad erfarenhet eller utbildning"), required=False
    )
    requires_training = forms.BooleanField(
        label=_("Kräver introduktionsutbildning"), required=False
    )
    assessment_questions = forms.CharField(
        label=_("Bedömningsfrågor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En fråga per rad. Tomt: Bryggas förslag för uppdragstypen."),
    )

    @staticmethod
    def initial_for(rule: EligibilityRule) -> dict[str, Any]:
        questions = [
            q if isinstance(q, str) else str(q.get("label", "")) for q in rule.assessment_questions
        ]
        return {
            "assignment_type": rule.assignment_type_id,
            "target_group": rule.target_group_id,
            "minimum_age": rule.minimum_age,
            "required_checks": list(rule.required_checks),
            "extract_max_age_days": rule.extract_max_age_days,
            "minimum_references": rule.minimum_references,
            "requires_interview": rule.requires_interview,
            "requires_home_visit": rule.requires_home_visit,
            "requires_experience": rule.requires_experience,
            "requires_training": rule.requires_training,
            "assessment_questions": "\n".join(q for q in questions if q),
        }

    def clean_assessment_questions(self) -> list[str]:
        text: str = self.cleaned_data.get("assessment_questions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class RecruitmentSettingsForm(forms.Form):
    callback_days = forms.IntegerField(
        label=_("Dagar till återkoppling"),
        min_value=1,
        max_value=365,
        help_text=_("Sökande ska ha kontaktats inom så här många dagar från anmälan."),
    )
    investigation_warning_days = forms.IntegerField(
        label=_("Dagar innan utredningen flaggas som gammal"), min_value=1, max_value=730
    )
