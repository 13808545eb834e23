"""`ListSelect` writes the same HTML as Django's Select templates."""

from __future__ import annotations

from django import forms

import pytest

from brygga.core.widgets import ListSelect

CHOICES = [("", "Alla"), ("1", 'Enhet <ett> & "två"'), ("2", "Övriga")]
GROUPED = [("", "Alla"), ("Norr", [("3", "Kiruna"), ("4", "Luleå")]), ("5", "Söder")]


class Plain(forms.Form):
    enhet = forms.ChoiceField(choices=CHOICES, required=False)
    krav = forms.ChoiceField(choices=GROUPED)


class Fast(forms.Form):
    enhet = forms.ChoiceField(choices=CHOICES, required=False, widget=ListSelect)
    krav = forms.ChoiceField(choices=GROUPED, widget=ListSelect)


@pytest.mark.django_db
def test_show_values_renders_like_the_model_choices():
    from brygga.accounts.models import Organisation, Unit
    from brygga.core.widgets import show_values

    organisation = Organisation.objects.create(name="Valkommun")
    units = [Unit.objects.create(organisation=organisation, name=n) for n in ("Öst", "Väst")]

    class Units(forms.Form):
        enhet = forms.ModelChoiceField(
            queryset=Unit.objects.filter(organisation=organisation).order_by("name"),
            empty_label="Alla",
            required=False,
            widget=ListSelect,
        )

    plain = Units({"enhet": str(units[1].pk)})
    fast = Units({"enhet": str(units[1].pk)})
    show_values(fast.fields["enhet"], "name")
    assert fast["enhet"].as_widget() == plain["enhet"].as_widget()
    assert fast.is_valid() and fast.cleaned_data["enhet"] == units[1]


@pytest.mark.parametrize("data", [None, {"enhet": "1", "krav": "4"}, {"enhet": "9"}])
@pytest.mark.parametrize("name", ["enhet", "krav"])
def test_list_select_renders_like_django(data, name):
    attrs = {"class": "ds-input", "aria-describedby": "x_help", "aria-invalid": "true"}
    expected = Plain(data)[name].as_widget(attrs=attrs)
    assert Fast(data)[name].as_widget(attrs=attrs) == expected
