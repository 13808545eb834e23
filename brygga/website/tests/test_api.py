"""The public read-only API and its OpenAPI schema."""

from __future__ import annotations

import pytest

from .factories import AssignmentTypePageFactory, OpenAssignmentFactory

pytestmark = pytest.mark.django_db


def test_open_assignments_api_lists_published_anonymised_listings(
    client, organisation, other_organisation
):
    live = OpenAssignmentFactory(organisation=organisation, live=True, area="Lunden")
    OpenAssignmentFactory(organisation=organisation, title="Utkast")
    OpenAssignmentFactory(organisation=organisation, client_has_protected_identity=True)
    OpenAssignmentFactory(organisation=other_organisation, live=True, title="Grannby")

    response = client.get("/api/v1/open-assignments/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["public_id"] == str(live.public_id)
    assert item["area"] == "Lunden"
    assert item["assignment_type"] == "kontaktperson"
    assert item["age_band_label"] == "7–12 år"
    assert "client_has_protected_identity" not in item
    assert "id" not in item and "organisation" not in item


def test_open_assignments_api_filters(client, organisation):
    OpenAssignmentFactory(organisation=organisation, live=True, area="Lunden")
    OpenAssignmentFactory(organisation=organisation, live=True, area="Centrum")
    assert client.get("/api/v1/open-assignments/", {"omrade": "Centrum"}).json()["count"] == 1


def test_assignment_types_api_lists_published_pages(client, organisation):
    AssignmentTypePageFactory(organisation=organisation, title="Kontaktperson", slug="kp")
    AssignmentTypePageFactory(organisation=organisation, title="Utkast", published=False)
    body = client.get("/api/v1/assignment-types/").json()
    assert [r["title"] for r in body["results"]] == ["Kontaktperson"]
    assert body["results"][0]["slug"] == "kp"


def test_api_is_read_only(client, organisation):
    assert client.post("/api/v1/open-assignments/", {}).status_code in {403, 405}


def test_openapi_schema_is_published(client, organisation):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/open-assignments/" in schema["paths"]
    assert "/api/v1/assignment-types/" in schema["paths"]
