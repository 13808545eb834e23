"""Server-rendered SVG bar charts: no script, no inline style, no CDN (CSP-safe).

Colours come from CSS classes (`chart-series-N` in brygga.css); the numbers are always also
in an accessible table under the chart, so the SVG is one labelled image.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 72


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """Categories along the x axis, one bar per series in each; `value_label` names the unit
    of the y axis (antal, dagar)."""

    category_label: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str

    @property
    def rows(self) -> list[tuple[str, list[float | None]]]:
        return [
            (category, [s.values[index] for s in self.series])
            for index, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)


TICKS = 4


def _nice_max(value: float) -> float:
    """The top of the axis: four equal steps of 1, 2 or 5 times a power of ten (at least 1),
    so the gridlines fall on whole numbers for counts and days."""
    if value <= 0:
        return TICKS
    power = 1.0
    while power * 10 <= value / TICKS:
        power *= 10
    for factor in (1, 2, 5, 10):
        if power * factor * TICKS >= value:
            return power * factor * TICKS
    return power * 10 * TICKS


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def bar_chart_svg(data: ChartData, *, title: str, described_by: str) -> SafeString:
    """A grouped bar chart. `described_by` is the id of the table with the same numbers."""
    top_value = _nice_max(max((v or 0 for s in data.series for v in s.values), default=0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" aria-describedby="{escape(described_by)}" '
        'xmlns="http://www.w3.org/2000/svg" focusable="false">',
    ]
    for tick in range(TICKS + 1):
        value = top_value * tick / TICKS
        y = TOP + plot_h - plot_h * tick / TICKS
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
            f'y2="{y:.1f}"/>'
            f'<text class="chart-tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_number(round(value, 1))}</text>"
        )
    count = max(len(data.categories), 1)
    group_w = plot_w / count
    bars = max(len(data.series), 1)
    bar_w = max(min(group_w * 0.8 / bars, 40), 1)
    for index, category in enumerate(data.categories):
        x0 = LEFT + group_w * index + (group_w - bar_w * bars) / 2
        for number, series in enumerate(data.series):
            value = series.values[index] or 0
            height = plot_h * value / top_value
            x = x0 + bar_w * number
            y = TOP + plot_h - height
            parts.append(
                f'<rect class="chart-series-{number % 6}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar_w:.1f}" height="{height:.1f}"/>'
            )
        label_x = LEFT + group_w * index + group_w / 2
        label = category if len(category) <= 16 else category[:15] + "…"
        parts.append(
            f'<text class="chart-label" x="{label_x:.1f}" y="{TOP + plot_h + 14}" '
            f'text-anchor="end" transform="rotate(-35 {label_x:.1f} {TOP + plot_h + 14})">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<line class="chart-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
