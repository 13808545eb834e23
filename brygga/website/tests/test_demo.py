"""The demo content: every assignment type described, and the public pages render it."""

from __future__ import annotations

from django.urls import reverse

import pytest

from brygga.accounts.demo import create_demo_accounts
from brygga.catalogue.models import AssignmentType
from brygga.website.demo import create_demo_content
from brygga.website.models import AssignmentTypePage, FaqEntry, OpenAssignment, Story

pytestmark = pytest.mark.django_db


def test_demo_content_covers_every_assignment_type_and_renders(client):
    organisation = create_demo_accounts()
    create_demo_content(organisation)

    pages = AssignmentTypePage.objects.filter(organisation=organisation, published=True)
    assert set(pages.values_list("assignment_type__code", flat=True)) == set(
        AssignmentType.objects.values_list("code", flat=True)
    )
    assert pages.filter(assignment_type__code="kontaktperson").count() == 3
    assert FaqEntry.objects.filter(category__organisation=organisation).count() >= 10
    assert OpenAssignment.objects.filter(organisation=organisation, published=True).count() == 8
    assert (
        OpenAssignment.objects.filter(client_has_protected_identity=True, published=False).count()
        == 1
    )
    assert Story.objects.filter(organisation=organisation, published=True).count() == 2

    for page in pages:
        response = client.get(reverse("website:assignment-type-detail", args=[page.slug]))
        assert response.status_code == 200, page.slug
    for name in [
        "website:assignment-type-list",
        "website:open-assignment-list",
        "website:faq",
        "website:contact",
        "website:story-list",
    ]:
        assert client.get(reverse(name)).status_code == 200
    faq = client.get(reverse("website:faq")).content.decode()
    assert "skattepliktig" in faq
