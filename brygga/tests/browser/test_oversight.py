"""The huvudrapportör opens the oversight dashboard, the statistics (each chart with its
table) and the latest quarter's report in the seeded demo municipality, and marks it as
reported. Every page is checked with axe-core and without CSP violations."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.utils import timezone

import pytest

from brygga.oversight import statistics
from brygga.oversight.quarters import latest_ended

from .conftest import axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _ekby(settings):
    settings.DEMO_MODE = True  # staff sign in with the password alone, as in the demo
    call_command("seed_demo_data")


def test_dashboard_statistics_and_quarter_report(live_server, page, csp_violations):
    sign_in_demo_staff(page, live_server.url, "chef@ekby.example")
    page.get_by_role("link", name="Tillsyn", exact=True).click()
    page.wait_for_url(re.compile("/personal/tillsyn/$"))
    assert page.get_by_role("heading", name="Tillsyn och statistik").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Statistik", exact=True).first.click()
    page.wait_for_url(re.compile("/personal/tillsyn/statistik/"))
    charts = page.locator("svg.chart")
    assert charts.count() == len(statistics.CHARTS)
    for chart in statistics.CHARTS:
        svg = page.locator(f'svg[aria-describedby="table-{chart.slug}"]')
        assert svg.count() == 1
        table = page.locator(f"#table-{chart.slug}")
        assert table.locator("caption").inner_text()
        assert table.locator("tbody tr").count() >= 1
    axe_check(page)

    page.get_by_role("link", name="Ej verkställda beslut", exact=True).click()
    page.wait_for_url(re.compile("/personal/tillsyn/register/"))
    axe_check(page)
    page.locator("table a.ds-link").first.click()
    page.wait_for_url(re.compile("/personal/tillsyn/register/[0-9a-f-]+/$"))
    axe_check(page)

    quarter = latest_ended(timezone.localdate())
    page.goto(f"{live_server.url}/personal/tillsyn/kvartal/")
    axe_check(page)
    page.get_by_role("link", name=quarter.label).click()
    page.wait_for_url(re.compile(f"/personal/tillsyn/kvartal/{quarter.year}/{quarter.number}/$"))
    assert page.get_by_role("heading", name=f"Rapport till IVO {quarter.label}").is_visible()
    assert page.get_by_role("cell", name="Återrapport").count() >= 1
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=f"Markera {quarter.label} som rapporterat").click()
    assert page.get_by_text("Kvartalet är markerat som rapporterat till IVO.").is_visible()
    axe_check(page)
    assert csp_violations == []
