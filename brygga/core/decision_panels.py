"""Panels on a decision's page contributed by apps above the one that owns the page.

The decision page belongs to clients, but what else is known about a decision — its cost
estimate from the rate tables, later its contract — belongs to apps that clients may not
import. Each app registers a panel in its AppConfig.ready(); the page renders them in order.
A panel receives the request and the decision the page has already fetched through its
gatekeeper (`access_decision`), and returns HTML or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

PanelRenderer = Callable[[HttpRequest, Any], SafeString | None]

_panels: list[tuple[int, PanelRenderer]] = []


def register_panel(*, order: int, render: PanelRenderer) -> None:
    if all(existing is not render for _order, existing in _panels):
        _panels.append((order, render))
        _panels.sort(key=lambda item: item[0])


def render_panels(request: HttpRequest, decision: Any) -> list[SafeString]:
    """The HTML of every panel that has something to show for this decision and user."""
    rendered = (render(request, decision) for _order, render in _panels)
    return [html for html in rendered if html]
