"""Forms for the public site (filters, page feedback) and its staff editing pages.

Staff forms are ModelForms used for validation and rendering only: views pass
`form.cleaned_data` to a service, which does the write.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Organisation, Unit
from brygga.catalogue.models import AssignmentType, TargetGroup

from .constants import FEEDBACK_COMMENT_MAX_LENGTH
from .models import AssignmentTypePage, FaqCategory, FaqEntry, OpenAssignment, Story

# --- Public ---------------------------------------------------------------------------------


class OpenAssignmentFilterForm(forms.Form):
    typ = forms.ChoiceField(label=_("Typ av uppdrag"), required=False)
    malgrupp = forms.ChoiceField(label=_("Målgrupp"), required=False)
    omrade = forms.ChoiceField(label=_("Område"), required=False)

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        all_label = _("Alla")
        choices: dict[str, list[tuple[str, str]]] = {
            "typ": [(t.code, t.name) for t in AssignmentType.objects.filter(active=True)],
            "malgrupp": [(g.code, g.name) for g in TargetGroup.objects.filter(active=True)],
            "omrade": [(a, a) for a in areas],
        }
        for name, options in choices.items():
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", all_label), *options]


class PageFeedbackForm(forms.Form):
    """ "Hjälpte informationen dig?": yes or no, an optional comment, and a honeypot field
    (`webbplats`) that people never see and robots fill in."""

    helpful = forms.TypedChoiceField(
        label=_("Hjälpte informationen dig?"),
        choices=[("ja", _("Ja")), ("nej", _("Nej"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Svara ja eller nej.")},
    )
    comment = forms.CharField(
        label=_("Vad kan vi göra bättre?"),
        help_text=_("Skriv inga personuppgifter. Vi svarar inte på kommentarer här."),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    page = forms.CharField(widget=forms.HiddenInput, max_length=200)
    webbplats = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


# --- Staff ----------------------------------------------------------------------------------


class _OrganisationScopedForm(forms.ModelForm):  # type: ignore[type-arg]
    """Limits unit choices to the editor's organisation and checks slugs are unique in it."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if "responsible_unit" in self.fields:
            field = self.fields["responsible_unit"]
            field.queryset = Unit.objects.filter(organisation=organisation).order_by("name")  # type: ignore[attr-defined]
        for name in ("assignment_type", "target_group"):
            if name in self.fields:
                model = AssignmentType if name == "assignment_type" else TargetGroup
                self.fields[name].queryset = model.objects.filter(active=True)  # type: ignore[attr-defined]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        model = self._meta.model
        clash = model._default_manager.filter(organisation=self.organisation, slug=slug)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Adressen används redan av en annan sida. Välj en annan.")
            )
        return slug


_TEXTAREA = forms.Textarea(attrs={"rows": 6})
_SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AssignmentTypePageForm(_OrganisationScopedForm):
    class Meta:
        model = AssignmentTypePage
        fields = [
            "title",
            "slug",
            "assignment_type",
            "target_group",
            "intro",
            "body",
            "suited_for",
            "time_commitment",
            "minimum_age",
            "requirements",
            "registers_checked",
            "pay_text",
            "responsible_unit",
            "order",
            "published",
        ]
        widgets = {
            "intro": _SHORT_TEXTAREA,
            "body": _TEXTAREA,
            "suited_for": _SHORT_TEXTAREA,
            "time_commitment": _SHORT_TEXTAREA,
            "requirements": _SHORT_TEXTAREA,
            "registers_checked": _SHORT_TEXTAREA,
            "pay_text": _SHORT_TEXTAREA,
        }


class FaqCategoryForm(_OrganisationScopedForm):
    class Meta:
        model = FaqCategory
        fields = ["title", "responsible_unit", "order", "published"]


class FaqEntryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = FaqEntry
        fields = ["category", "question", "answer", "order", "published"]
        widgets = {"answer": _TEXTAREA}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = FaqCategory.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("order", "title")


class StoryForm(_OrganisationScopedForm):
    class Meta:
        model = Story
        fields = [
            "title",
            "slug",
            "byline",
            "assignment_type",
            "intro",
            "body",
            "responsible_unit",
            "order",
            "published",
        ]
        widgets = {"intro": _SHORT_TEXTAREA, "body": _TEXTAREA}


class OpenAssignmentForm(_OrganisationScopedForm):
    class Meta:
        model = OpenAssignment
        fields = [
            "title",
            "assignment_type",
            "target_group",
            "age_band",
            "carer_gender",
            "area",
            "interests",
            "scope",
            "start_wish",
            "description",
            "responsible_unit",
            "client_has_protected_identity",
        ]
        widgets = {"interests": _SHORT_TEXTAREA, "description": _TEXTAREA}
