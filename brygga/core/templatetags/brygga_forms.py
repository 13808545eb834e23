"""Render Django form widgets with Designsystemet classes and accessible error wiring."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _describedby(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def is_choice_list(field: BoundField) -> bool:
    """Checkboxes or radio buttons: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.simple_tag
def ds_widget(field: BoundField) -> SafeString:
    attrs: dict[str, str | bool] = {"class": "ds-input"}
    described = _describedby(field)
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    return SafeString(field.as_widget(attrs=attrs))


@register.simple_tag
def ds_choices(field: BoundField) -> SafeString:
    """Each option of a checkbox or radio list as its own Designsystemet field."""
    invalid = ' aria-invalid="true"' if field.errors else ""
    rows = (
        (
            SafeString(choice.tag().replace("<input ", f'<input class="ds-input"{invalid} ', 1)),
            choice.id_for_label,
            choice.choice_label,
        )
        for choice in field
    )
    return format_html_join(
        "",
        '<div class="ds-field choice-row">{}<label class="ds-label" data-weight="regular" '
        'for="{}">{}</label></div>',
        rows,
    )


@register.simple_tag
def describedby(field: BoundField) -> SafeString:
    value = _describedby(field)
    return format_html(' aria-describedby="{}"', value) if value else SafeString("")
