"""Settings safety and the plain-Swedish error pages."""

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG_SECRET = "x" * 64


def _import_production(**env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BRYGGA_DEMO_MODE"}}
    env.pop("SECRET_KEY", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import brygga.conf.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_load_with_a_real_secret():
    result = _import_production(SECRET_KEY=LONG_SECRET)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _import_production()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("variable", "message"),
    [("DEBUG", "DEBUG must be off"), ("BRYGGA_DEMO_MODE", "Demo mode")],
)
def test_production_refuses_debug_and_demo_mode(variable, message):
    result = _import_production(SECRET_KEY=LONG_SECRET, **{variable: "true"})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.django_db
def test_not_found_page_is_plain_swedish(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.django_db
def test_forbidden_page_is_plain_swedish(client, public_user):
    client.force_login(public_user)
    response = client.get(reverse("accounts:staff-home"))
    assert response.status_code == 403
    assert "Du har inte behörighet" in response.content.decode()


def test_server_error_page_needs_no_database_or_request():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Något gick fel hos oss" in html


@pytest.mark.django_db
def test_every_response_carries_a_content_security_policy_without_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_pages_are_swedish_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv"' in response.content.decode()


@pytest.mark.django_db
def test_chosen_language_is_kept(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en"' in response.content.decode()
    assert "My pages" in response.content.decode()
