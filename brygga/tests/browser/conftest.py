"""Browser journeys in Debian's Chromium through Playwright, with an axe-core check.

Every page a journey opens goes through `open_page`/`axe_check`, which fail on any WCAG 2.1 A
or AA violation.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread; the database calls made by
# the test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Chromium is missing: sudo apt-get install chromium (make test does this).")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # CI runs two test workers beside Chromium on two cores: a page can take a while.
    page.set_default_navigation_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A 320 px wide phone: pages must reflow without horizontal scrolling."""
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    # CI runs two test workers beside Chromium on two cores: a page can take a while.
    page.set_default_navigation_timeout(30_000)
    yield page
    context.close()


_axe = Axe()


def axe_check(page: Page) -> None:
    """Fail on any WCAG 2.1 A/AA violation on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]][:5]
            lines.append(f"- {violation['id']}: {violation['help']} {targets}")
        pytest.fail("\n".join(lines))


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px"


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """Console messages about Content-Security-Policy violations; a journey asserts none."""
    found: list[str] = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


@pytest.fixture(autouse=True)
def _reference_data(reference_data: None) -> None:
    """Browser tests run against a live server, so each test's data is flushed afterwards,
    including the rows data migrations seed; `reference_data` seeds them again."""


def sign_in_demo_staff(page: Page, url: str, email: str) -> None:
    """Sign a demo staff member in with the password alone (settings.DEMO_MODE on)."""
    from brygga.accounts.demo import DEMO_PASSWORD

    page.goto(url + "/personal/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile("/personal/$"))
