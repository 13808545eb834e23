"""The server-rendered SVG: one bar per value, every text escaped, no script or style."""

from __future__ import annotations

from brygga.oversight.charts import ChartData, Series, _nice_max, bar_chart_svg


def test_the_svg_has_a_bar_per_value_and_escapes_its_text():
    data = ChartData(
        category_label="Insats",
        categories=("Kontaktperson", "<script>"),
        series=(Series("Väntar", (3.0, 1.0)), Series("Tillgängliga", (2.0, None))),
        value_label="antal",
    )
    svg = str(bar_chart_svg(data, title='Väntar "nu"', described_by="table-x"))
    assert svg.count("<rect ") == 4
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="Väntar &quot;nu&quot;"' in svg
    assert 'aria-describedby="table-x"' in svg
    assert "style=" not in svg
    assert data.rows == [("Kontaktperson", [3.0, 2.0]), ("<script>", [1.0, None])]


def test_the_axis_ends_on_four_whole_steps():
    assert [_nice_max(v) for v in (0, 3, 5, 11, 145)] == [4, 4, 8, 20, 200]
