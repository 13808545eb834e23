"""Sections of "Mina sidor" contributed by the apps that own the data.

The page belongs to accounts (the sign-in), but what a person sees there — their application,
later their assignments and reports — belongs to other apps, which accounts may not import.
Each app registers a section in its AppConfig.ready(); the page renders them in order.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

SectionRenderer = Callable[[HttpRequest], SafeString | None]

_sections: list[tuple[int, SectionRenderer]] = []


def register_section(*, order: int, render: SectionRenderer) -> None:
    if all(existing is not render for _order, existing in _sections):
        _sections.append((order, render))
        _sections.sort(key=lambda item: item[0])


def render_sections(request: HttpRequest) -> list[SafeString]:
    """The HTML of every section that has something to show for this person."""
    rendered = (render(request) for _order, render in _sections)
    return [html for html in rendered if html]
