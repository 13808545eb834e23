"""The public content pages: what is shown, to whom, and at what cost in queries."""

from __future__ import annotations

from django.urls import reverse

import pytest

from brygga.website.constants import AgeBand
from brygga.website.models import PageFeedback

from .factories import (
    AssignmentTypePageFactory,
    FaqCategoryFactory,
    FaqEntryFactory,
    OpenAssignmentFactory,
    StoryFactory,
    assignment_type,
    target_group,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_assignment_type_pages_list_and_detail(client, organisation, unit):
    page = AssignmentTypePageFactory(
        organisation=organisation,
        title="Kontaktperson för barn och unga",
        slug="kontaktperson-barn-och-unga",
        target_group=target_group("barn-och-unga"),
        responsible_unit=unit,
        body="Första stycket <b>fett</b>.\n\nAndra stycket.",
    )
    AssignmentTypePageFactory(organisation=organisation, title="Utkastet", published=False)

    listing = _text(client.get(reverse("website:assignment-type-list")))
    assert "Kontaktperson för barn och unga" in listing
    assert "Utkastet" not in listing

    response = client.get(reverse("website:assignment-type-detail", args=[page.slug]))
    html = _text(response)
    assert response.status_code == 200
    assert 'href="/anmal-intresse/?typ=kontaktperson"' in html
    assert "Senast uppdaterad" in html
    assert unit.name in html
    # Editors write plain text: HTML is escaped and paragraphs become <p>.
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    assert "<p>Andra stycket.</p>" in html
    assert "Hjälpte informationen dig?" in html


def test_unpublished_and_other_organisations_pages_are_not_found(
    client, organisation, other_organisation
):
    draft = AssignmentTypePageFactory(organisation=organisation, published=False)
    foreign = AssignmentTypePageFactory(organisation=other_organisation, title="Grannbys sida")
    assert (
        client.get(reverse("website:assignment-type-detail", args=[draft.slug])).status_code == 404
    )
    assert (
        client.get(reverse("website:assignment-type-detail", args=[foreign.slug])).status_code
        == 404
    )
    assert "Grannbys sida" not in _text(client.get(reverse("website:assignment-type-list")))


def test_open_assignments_list_filters_and_detail(client, organisation, other_organisation):
    match = OpenAssignmentFactory(
        organisation=organisation, live=True, title="Fotbollsuppdraget", area="Norra Ekby"
    )
    OpenAssignmentFactory(
        organisation=organisation,
        live=True,
        title="Familjeuppdraget",
        assignment_type=assignment_type("kontaktfamilj"),
        area="Lunden",
    )
    OpenAssignmentFactory(organisation=organisation, title="Ej publicerat")
    OpenAssignmentFactory(organisation=other_organisation, live=True, title="Grannbys uppdrag")

    html = _text(client.get(reverse("website:open-assignment-list")))
    assert "Fotbollsuppdraget" in html and "Familjeuppdraget" in html
    assert "Ej publicerat" not in html and "Grannbys uppdrag" not in html

    filtered = _text(client.get(reverse("website:open-assignment-list"), {"typ": "kontaktperson"}))
    assert "Fotbollsuppdraget" in filtered and "Familjeuppdraget" not in filtered
    by_area = _text(client.get(reverse("website:open-assignment-list"), {"omrade": "Lunden"}))
    assert "Familjeuppdraget" in by_area and "Fotbollsuppdraget" not in by_area

    detail = client.get(reverse("website:open-assignment-detail", args=[match.public_id]))
    assert detail.status_code == 200
    assert f'href="/anmal-intresse/?uppdrag={match.public_id}"' in _text(detail)
    assert "Anmäl intresse för detta uppdrag" in _text(detail)
    assert str(AgeBand.AGE_7_12.label) in _text(detail)


def test_unpublished_open_assignment_is_not_found(client, organisation):
    draft = OpenAssignmentFactory(organisation=organisation)
    response = client.get(reverse("website:open-assignment-detail", args=[draft.public_id]))
    assert response.status_code == 404


def test_faq_groups_published_questions_in_order(client, organisation, unit):
    money = FaqCategoryFactory(
        organisation=organisation, title="Ersättning och skatt", order=2, responsible_unit=unit
    )
    about = FaqCategoryFactory(organisation=organisation, title="Om uppdragen", order=1)
    FaqEntryFactory(category=money, question="Måste jag betala skatt?", order=1)
    FaqEntryFactory(category=about, question="Hur ofta ses man?", order=2)
    FaqEntryFactory(category=about, question="Vad innebär det?", order=1)
    FaqEntryFactory(category=about, question="Hemlig fråga?", published=False)
    hidden = FaqCategoryFactory(organisation=organisation, title="Dold kategori", published=False)
    FaqEntryFactory(category=hidden, question="Syns inte?")

    html = _text(client.get(reverse("website:faq")))
    assert html.index("Om uppdragen") < html.index("Ersättning och skatt")
    assert html.index("Vad innebär det?") < html.index("Hur ofta ses man?")
    assert "Hemlig fråga?" not in html and "Dold kategori" not in html and "Syns inte?" not in html
    assert unit.name in html and "Senast uppdaterad" in html


def test_contact_page_lists_units_with_phone_and_hours(client, organisation, unit):
    unit.phone = "0123-456 70"
    unit.visiting_address = "Storgatan 12, Ekby"
    unit.opening_hours = "Telefontid vardagar 8.30–10.00"
    unit.save()
    html = _text(client.get(reverse("website:contact")))
    assert "0123-456 70" in html and "Storgatan 12, Ekby" in html and "8.30–10.00" in html


def test_stories_list_and_detail(client, organisation):
    story = StoryFactory(organisation=organisation, title="Lenas berättelse")
    StoryFactory(organisation=organisation, title="Inte klar", published=False)
    html = _text(client.get(reverse("website:story-list")))
    assert "Lenas berättelse" in html and "Inte klar" not in html
    assert client.get(reverse("website:story-detail", args=[story.slug])).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "factory", "count_few", "count_many"),
    [
        ("website:assignment-type-list", AssignmentTypePageFactory, 5, 60),
        ("website:open-assignment-list", OpenAssignmentFactory, 5, 60),
        ("website:story-list", StoryFactory, 5, 60),
    ],
)
def test_public_lists_cost_the_same_queries_for_few_and_many_rows(
    client, organisation, url_name, factory, count_few, count_many, django_assert_max_num_queries
):
    extra = {"live": True} if factory is OpenAssignmentFactory else {}
    client.get(reverse(url_name))  # warm the site-organisation cache
    factory.create_batch(count_few, organisation=organisation, **extra)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse(url_name)).status_code == 200
    factory.create_batch(count_many, organisation=organisation, **extra)
    with django_assert_max_num_queries(20) as many:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_faq_costs_the_same_queries_for_few_and_many_questions(
    client, organisation, django_assert_max_num_queries
):
    client.get(reverse("website:faq"))
    category = FaqCategoryFactory(organisation=organisation)
    FaqEntryFactory.create_batch(3, category=category)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("website:faq"))
    for _ in range(10):
        FaqEntryFactory.create_batch(10, category=FaqCategoryFactory(organisation=organisation))
    with django_assert_max_num_queries(20) as many:
        client.get(reverse("website:faq"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_open_assignments_are_paginated(client, organisation):
    OpenAssignmentFactory.create_batch(25, organisation=organisation, live=True)
    html = _text(client.get(reverse("website:open-assignment-list")))
    assert html.count('class="ds-card" data-variant="tinted"') == 20
    assert "Sida 1 av 2" in html


# --- "Hjälpte informationen dig?" ------------------------------------------------------------


def test_feedback_is_stored_without_personal_data(client, organisation):
    path = reverse("website:faq")
    response = client.post(
        reverse("website:page-feedback"),
        {"page": path, "helpful": "nej", "comment": "Svaret om skatt var svårt.", "webbplats": ""},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302 and response["Location"] == path
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.helpful, feedback.organisation) == (path, False, organisation)
    field_names = {f.name for f in PageFeedback._meta.get_fields()}
    assert field_names == {"id", "organisation", "path", "helpful", "comment", "created_at"}


def test_feedback_honeypot_drops_robots_silently(client, organisation):
    response = client.post(
        reverse("website:page-feedback"),
        {"page": reverse("website:faq"), "helpful": "ja", "webbplats": "http://spam.example"},
    )
    assert response.status_code == 302
    assert PageFeedback.objects.count() == 0


def test_feedback_without_an_answer_shows_the_message_next_to_the_field(client, organisation):
    response = client.post(reverse("website:page-feedback"), {"page": reverse("website:faq")})
    assert response.status_code == 400
    assert "Svara ja eller nej." in _text(response)


def test_feedback_for_unknown_pages_is_refused(client, organisation):
    for page in ["/personal/", "https://evil.example/", "//evil.example/", "/finns-inte/"]:
        response = client.post(reverse("website:page-feedback"), {"page": page, "helpful": "ja"})
        assert response.status_code == 404, page
    assert PageFeedback.objects.count() == 0


def test_feedback_is_rate_limited(client, organisation, settings):
    settings.PAGE_FEEDBACK_RATE_LIMIT = 2
    data = {"page": reverse("website:faq"), "helpful": "ja"}
    for _ in range(2):
        assert client.post(reverse("website:page-feedback"), data).status_code == 302
    assert client.post(reverse("website:page-feedback"), data).status_code == 429
    assert PageFeedback.objects.count() == 2
