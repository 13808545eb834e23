"""Form widgets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _attrs(attrs: Mapping[str, Any]) -> SafeString:
    """Like django/forms/widgets/attrs.html: False leaves an attribute out, True writes only
    its name."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def show_values(field: forms.ModelChoiceField[Any], label: str) -> None:
    """Let `field`'s drop-down list its queryset's primary key (or `to_field_name`) and `label`
    columns read as values, rather than one model instance per option; validation still goes
    through the queryset. For long lists whose label is a column."""
    key = field.to_field_name or "pk"
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = [*empty, *field.queryset.values_list(key, label)]  # type: ignore[union-attr]


class ListSelect(forms.Select):
    """A drop-down written in Python, with the same HTML as Django's templates.

    Django renders a template per option; a filter over a national service's ~300 units spent
    more time on that than on its query. Use it for long choice lists. The whitespace is
    Django's too (each included option template ends in a newline).
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[SafeString] = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        option["value"],
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append(SafeString("\n  </optgroup>"))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            SafeString("".join(parts)),
        )
